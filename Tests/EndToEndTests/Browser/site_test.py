#!/usr/bin/env python3
"""Opens a built fixture site in headless Chromium (from file://) and checks what a reader sees.

    python3 site_test.py SITE_DIR SCREENSHOT_DIR

Prints one line per failed check and exits 1 if any failed. Saves screenshots of the index and a
chapter page in SCREENSHOT_DIR.
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

site, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
os.makedirs(shots, exist_ok=True)
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600",
                 "--allow-file-access-from-files"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
errors = []

try:
    def open_page(name):
        driver.get("file://" + os.path.join(site, name))
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        errors.extend(entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE")

    open_page("index.html")
    check(driver.title == "Site Fixture", f"index title is {driver.title!r}")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "ol.contents a")]
    check(any(link.endswith("/timeline.html") for link in links), f"index lists no timeline chapter: {links}")
    driver.save_screenshot(os.path.join(shots, "index.png"))

    open_page("timeline.html")
    outputs = driver.find_elements(By.CSS_SELECTOR, "pre.output")
    check(len(outputs) == 2, f"{len(outputs)} output blocks, expected 2")
    check(all(block.is_displayed() for block in outputs), "an output block is not visible")
    if len(outputs) == 2:
        first = set(outputs[0].text.splitlines())
        check(first == {"early thread says hello", "late thread says hello", "a warning on stderr"},
              f"first block shows {outputs[0].text!r}")
        check(outputs[1].text == "quick <output> & more", f"second block shows {outputs[1].text!r}")
        stderr = outputs[0].find_elements(By.CSS_SELECTOR, "span.stderr")
        check([span.text for span in stderr] == ["a warning on stderr"], "the stderr line is not marked")
    timelines = driver.find_elements(By.CSS_SELECTOR, "svg.timeline")
    check(len(timelines) == 1, f"{len(timelines)} timelines, expected 1 (for the 0.5 s block only)")
    if timelines:
        labels = [text.text for text in timelines[0].find_elements(By.CSS_SELECTOR, "text.tl-label")]
        check("late thread says hello" in labels, f"timeline labels: {labels}")
        check(timelines[0].size["height"] > 0, "the timeline is not drawn")

    # The copy button copies the code, never the output.
    buttons = driver.find_elements(By.CSS_SELECTOR, "button.copy")
    check(len(buttons) == 2, f"{len(buttons)} copy buttons, expected one per cell (2)")
    if buttons:
        code = driver.find_elements(By.CSS_SELECTOR, "pre.code code")[0].get_attribute("textContent")
        buttons[0].click()
        copied = driver.execute_script("return window.tutorialLastCopy")
        check(copied == code, "the copy button did not copy the cell's code")
        # The output has "early thread says hello"; the code only "\\(name) thread says hello".
        check(copied is not None and "early thread says hello" not in copied, "the copied text holds output")
        check(buttons[0].get_attribute("data-copied") == "true", "the copy button did not report a copy")

    # Search: a word of one chapter lists that chapter.
    box = driver.find_element(By.ID, "search-input")
    check(box.is_displayed(), "the search box is not visible")
    box.send_keys("pangolin")
    WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
    results = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
    check(len(results) >= 1 and all("/searchable.html" in href for href in results), f"search results: {results}")

    # The theme toggle switches and is remembered.
    toggle = driver.find_element(By.ID, "theme-toggle")
    before = driver.execute_script("return document.documentElement.getAttribute('data-theme')")
    toggle.click()
    after = driver.execute_script("return document.documentElement.getAttribute('data-theme')")
    check(after in ("dark", "light") and after != before, f"theme toggle: {before!r} -> {after!r}")
    driver.save_screenshot(os.path.join(shots, "chapter-toggled.png"))
    open_page("searchable.html")
    kept = driver.execute_script("return document.documentElement.getAttribute('data-theme')")
    check(kept == after, f"the theme was not remembered: {kept!r}")
    # Each pick shows its own palette (one light-dark() set of colours, whatever the system's).
    background = "return getComputedStyle(document.body).backgroundColor"
    for theme, colour in (("dark", "rgb(22, 24, 27)"), ("light", "rgb(255, 255, 255)")):
        driver.execute_script(f"document.documentElement.setAttribute('data-theme', '{theme}')")
        shown = driver.execute_script(background)
        check(shown == colour, f"the {theme} theme's background is {shown}, not {colour}")
    driver.execute_script(f"document.documentElement.setAttribute('data-theme', '{kept}')")
    check("greet(" not in driver.find_element(By.CSS_SELECTOR, "pre.code").text.split("print")[0],
          "a hidden cell is shown")
    open_page("timeline.html")
    driver.execute_script("document.documentElement.removeAttribute('data-theme'); localStorage.clear();")
    driver.save_screenshot(os.path.join(shots, "chapter.png"))

    # The search index loads only when search is used.
    open_page("timeline.html")
    loaded = driver.execute_script(
        "return [typeof window.tutorialSearchIndex, performance.getEntriesByType('resource')"
        ".filter(e => e.name.indexOf('search-index') >= 0).length]")
    check(loaded == ["undefined", 0], f"the search index loaded with the page: {loaded}")

    # Keyboard: a skip link first, anchors on headings, the run box below the title.
    first = driver.execute_script("return document.querySelector('a, button, input').getAttribute('href')")
    check(first == "#content", f"the first focusable element is not the skip link: {first!r}")
    anchors = driver.execute_script(
        "return Array.from(document.querySelectorAll('article h1[id], article h2[id]'))"
        ".map(h => { const a = h.querySelectorAll('a.anchor');"
        " return a.length === 1 && a[0].getAttribute('href') === '#' + h.id; })")
    check(anchors and all(anchors), f"headings without their anchor link: {anchors}")
    order = driver.execute_script(
        "const h = document.querySelector('article h1'), box = document.querySelector('.run-example');"
        "return h && box ? !!(h.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) : null")
    check(order is True, f"the run box is not below the title: {order}")

    # "/" focuses search; arrows pick a result, Enter opens it, with the words marked there.
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    focused = driver.execute_script("return document.activeElement.id")
    check(focused == "search-input", f"'/' focused {focused!r}, not the search box")
    box = driver.find_element(By.ID, "search-input")
    box.send_keys("pangolin")
    WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
    box.send_keys(Keys.ARROW_RIGHT)
    check(driver.current_url.split("?")[0].endswith("/timeline.html"), "→ in the search box changed the page")
    box.send_keys(Keys.ARROW_DOWN)
    chosen = driver.execute_script("return document.querySelector('#search-results a[aria-selected=\"true\"]') !== null")
    check(chosen, "↓ selected no search result")
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: "/searchable.html" in d.current_url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    marks = [mark.text.lower() for mark in driver.find_elements(By.CSS_SELECTOR, "article mark.search-match")]
    check(marks and all(mark == "pangolin" for mark in marks), f"matches marked on the result's page: {marks}")

    # ← and → go to the previous and next chapter.
    open_page("timeline.html")
    following = driver.execute_script("const a = document.querySelector('.pager a[rel=next]'); return a && a.href")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)
    if following:
        WebDriverWait(driver, 5).until(lambda d: d.current_url == following)
    check(following is not None and driver.current_url == following, f"→ went to {driver.current_url}, not {following}")

    # Printing with a dark system theme: the timeline's labels are dark on the white page.
    open_page("timeline.html")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"media": "print", "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    fill = driver.execute_script("return getComputedStyle(document.querySelector('svg.timeline text.tl-label')).fill")
    channels = [int(part) for part in fill[fill.index("(") + 1:fill.index(")")].split(",")[:3]] if "(" in fill else [255]
    check(max(channels) < 128, f"timeline labels print in {fill}")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})

    # The whole book on one page, for printing: every chapter, with ids unique across them.
    open_page("print.html")
    titles = driver.execute_script("return Array.from(document.querySelectorAll('article h1')).map(h => h.textContent)")
    check(len(titles) == len(links), f"print.html has {len(titles)} chapter titles for {len(links)} chapters")
    duplicates = driver.execute_script(
        "const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);"
        "return ids.filter((id, i) => ids.indexOf(id) !== i)")
    check(duplicates == [], f"print.html repeats ids: {duplicates}")
    check(len(driver.find_elements(By.CSS_SELECTOR, "article pre.output")) >= 2, "print.html shows no output")

    # Phone width: no horizontal scrolling of the page itself.
    driver.set_window_size(390, 844)
    open_page("timeline.html")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    check(overflow <= 1, f"the page scrolls sideways by {overflow}px at phone width")
    driver.save_screenshot(os.path.join(shots, "phone.png"))
finally:
    driver.quit()

for error in errors:
    failures.append(f"console error: {error['message']}")
for failure in failures:
    print(failure)
print(f"{len(failures)} failed checks; screenshots in {shots}")
sys.exit(1 if failures else 0)
