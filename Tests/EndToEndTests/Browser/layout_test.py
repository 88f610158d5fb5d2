#!/usr/bin/env python3
"""Opens every page of a built site in headless Chromium (from file://) at phone and desktop
width and checks its layout; with AXE_JS, runs axe-core on every page in both themes.

    python3 layout_test.py SITE_DIR [AXE_JS] [SCREENSHOT_DIR]

Prints one line per failed check, then a summary ("N failed checks", the pages that pan sideways
at 390 px, the axe violations by rule), and exits 1 if any check failed.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

site = os.path.abspath(sys.argv[1])
axe_path = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
shots = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
if shots:
    os.makedirs(shots, exist_ok=True)
pages = sorted(name for name in os.listdir(site) if name.endswith(".html") and name != "print.html")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                 "--hide-scrollbars"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def open_page(name, width, height=900, dark=False):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
    driver.get("file://" + os.path.join(site, name))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


PHONE = """
const out = {width: document.documentElement.scrollWidth, viewport: window.innerWidth};
const h1 = document.querySelector('article h1');
out.h1 = h1 ? h1.getBoundingClientRect().top + window.scrollY : null;
const button = document.getElementById('menu-toggle');
out.menu = button && button.offsetParent !== null ? button.getAttribute('aria-expanded') : null;
out.sidebarShown = document.getElementById('sidebar') ? document.getElementById('sidebar').offsetParent !== null : null;
// The rendered size of timeline labels: the font size times the SVG's scale.
out.labels = Array.from(document.querySelectorAll('svg.timeline')).map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const text = svg.querySelector('text');
  return text ? parseFloat(getComputedStyle(text).fontSize) * scale : null;
}).filter(size => size !== null);
// A copy button over the code's text box.
out.covered = Array.from(document.querySelectorAll('.code-cell')).filter(cell => {
  const b = cell.querySelector('button.copy'), pre = cell.querySelector('pre');
  if (!b || !pre) return false;
  const r = b.getBoundingClientRect(), p = pre.getBoundingClientRect();
  const top = p.top + parseFloat(getComputedStyle(pre).paddingTop);
  return r.bottom > top + 0.5 && r.top < p.bottom && r.right > p.left && r.left < p.right;
}).length;
out.wideTables = Array.from(document.querySelectorAll('table')).filter(t => {
  const box = t.parentElement;
  return t.scrollWidth > innerWidth && !(getComputedStyle(box).overflowX === 'auto' && box.getAttribute('tabindex') === '0');
}).length;
return out;
"""

DESKTOP = """
const pres = Array.from(document.querySelectorAll('article pre.code'));
const scrolling = pres.filter(p => p.scrollWidth > p.clientWidth + 1).length;
const prose = Array.from(document.querySelectorAll('article > p')).filter(p => p.textContent.length > 400);
const perLine = prose.map(p => {
  const lines = p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight);
  return p.textContent.replace(/\\s+/g, ' ').length / Math.round(lines);
});
const widest = pres.length ? Math.max(...pres.map(p => p.getBoundingClientRect().width)) : 0;
const proseWidth = prose.length ? Math.max(...prose.map(p => p.getBoundingClientRect().width)) : 0;
const sections = document.querySelectorAll('article h2[id]').length;
const onPage = document.querySelectorAll('details.on-page nav a').length;
return {pres: pres.length, scrolling, perLine, widest, proseWidth, sections, onPage};
"""

panning = []
code_cells = scrolling_cells = 0
for page in pages:
    open_page(page, 390, 844)
    phone = driver.execute_script(PHONE)
    if phone["width"] > phone["viewport"]:
        panning.append(f"{page} ({phone['width']} px)")
    check(phone["menu"] == "false", f"{page}: no closed menu button at 390 px ({phone['menu']})")
    check(phone["sidebarShown"] is False, f"{page}: the chapters' list shows above the text at 390 px")
    check(all(size >= 11 for size in phone["labels"]), f"{page}: timeline labels at {phone['labels']} px")
    check(phone["covered"] == 0, f"{page}: {phone['covered']} copy buttons cover code")
    check(phone["wideTables"] == 0, f"{page}: a wide table is not in its own focusable scrolling box")
    if page == "index.html" and shots:
        driver.save_screenshot(os.path.join(shots, "phone-index.png"))
    if phone["h1"] is not None and page != "index.html":
        check(phone["h1"] < 250, f"{page}: the title starts at y={phone['h1']:.0f} px at 390 px")
        if shots and not os.path.exists(os.path.join(shots, "phone-chapter.png")):
            driver.save_screenshot(os.path.join(shots, "phone-chapter.png"))
    open_page(page, 1280)
    desktop = driver.execute_script(DESKTOP)
    code_cells += desktop["pres"]
    scrolling_cells += desktop["scrolling"]
    check(all(50 <= n <= 90 for n in desktop["perLine"]),
          f"{page}: prose lines of {[round(n) for n in desktop['perLine']]} characters at 1280 px")
    # A long chapter lists its sections under its title.
    if page != "index.html" and desktop["sections"] >= 4:
        check(desktop["onPage"] == desktop["sections"],
              f"{page}: on-page contents list {desktop['onPage']} of {desktop['sections']} sections")
    if desktop["pres"] and desktop["proseWidth"]:
        check(desktop["widest"] > desktop["proseWidth"] + 100,
              f"{page}: code {desktop['widest']:.0f} px wide, prose {desktop['proseWidth']:.0f} px")

check(not panning, f"pages wider than the 390 px viewport: {panning}")

# The menu button opens the chapters' list from the keyboard, and Escape closes it.
chapter = next((page for page in pages if page != "index.html"), None)
if chapter:
    open_page(chapter, 390, 844)
    state = driver.execute_script("""
const b = document.getElementById('menu-toggle');
if (!b) return null;
b.focus(); b.click();
const opened = [b.getAttribute('aria-expanded'), document.getElementById('sidebar').offsetParent !== null];
document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
return opened.concat([b.getAttribute('aria-expanded'), document.activeElement === b]);
""")
    check(state == ["true", True, "false", True], f"menu button: opened/shown/closed/focus back = {state}")

axe_counts = {}


def axe(page, label, dark=False, seconds=60):
    """Runs axe-core on the page and records each violation under the label."""
    open_page(page, 1280, dark=dark)
    driver.execute_script(source)
    driver.set_script_timeout(seconds)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
        "v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3), count: v.nodes.length}))));")
    for violation in result:
        axe_counts[violation["id"]] = axe_counts.get(violation["id"], 0) + violation["count"]
        check(False, f"axe {label}: {violation['id']} x{violation['count']} {violation['nodes']}")


if axe_path:
    source = open(axe_path, encoding="utf-8").read()
    for dark in (False, True):
        for page in pages:
            axe(page, f"({'dark' if dark else 'light'}) {page}", dark=dark)
    # The whole-book page holds every chapter's landmarks at once: each must keep its own name.
    axe("print.html", "print.html", seconds=600)

driver.quit()
for failure in failures:
    print("FAILED:", failure)
print(f"pages panning at 390 px: {len(panning)} of {len(pages)} {panning}")
print(f"code cells scrolling sideways at 1280 px: {scrolling_cells} of {code_cells}")
print(f"axe violations (both themes, nodes by rule): {sum(axe_counts.values())} {json.dumps(axe_counts, sort_keys=True)}")
print(f"{len(failures)} failed checks")
sys.exit(1 if failures else 0)
