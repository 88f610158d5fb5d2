#!/usr/bin/env python3
"""Opens the built `lanes` fixture site in headless Chromium and checks the lanes a reader sees:
drawn, in both themes with text that stands out from its background, stacked at phone width
without sideways scrolling.

    python3 lanes_test.py SITE_DIR SCREENSHOT_DIR

Prints one line per failed check and exits 1 if any failed. Saves lanes-light.png,
lanes-dark.png and lanes-phone.png (the lanes view alone) in SCREENSHOT_DIR.
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

site, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
os.makedirs(shots, exist_ok=True)
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def luminance(colour):
    """Relative luminance of an `rgb(...)`/`rgba(...)` colour."""
    parts = [float(p) for p in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
    linear = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1400",
                 "--allow-file-access-from-files", "--hide-scrollbars"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
errors = []

try:
    def open_page(name, theme):
        driver.get("file://" + os.path.join(site, name))
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        driver.execute_script(f"document.documentElement.setAttribute('data-theme', '{theme}')")
        errors.extend(entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE")

    def lanes_view():
        views = driver.find_elements(By.CSS_SELECTOR, "div.lanes")
        check(len(views) == 1, f"{len(views)} lanes views, expected 1")
        return views[0] if views else None

    for theme in ["light", "dark"]:
        open_page("threads.html", theme)
        view = lanes_view()
        if view is None:
            continue
        driver.execute_script("arguments[0].scrollIntoView()", view)
        names = [lane.get_attribute("data-lane") for lane in view.find_elements(By.CSS_SELECTOR, "div.lane[data-lane]")]
        check(names == ["main thread", "thread 1", "thread 2", "other"], f"{theme}: lanes {names}")
        marks = view.find_elements(By.CSS_SELECTOR, "g.ln-mark circle")
        check(len(marks) == 5, f"{theme}: {len(marks)} marks drawn, expected 5")
        check(all(mark.size["width"] > 0 for mark in marks), f"{theme}: a mark is not drawn")
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        label = driver.execute_script("return getComputedStyle(arguments[0]).fill", view.find_element(By.CSS_SELECTOR, "g.ln-mark text"))
        name = driver.execute_script("return getComputedStyle(arguments[0]).color", view.find_element(By.CSS_SELECTOR, ".lane-name"))
        dot = driver.execute_script("return getComputedStyle(arguments[0]).fill", marks[0])
        for what, colour, least in [("label", label, 4.5), ("lane name", name, 4.5), ("mark", dot, 3)]:
            ratio = contrast(colour, background)
            check(ratio >= least, f"{theme}: the {what} ({colour}) on {background} has contrast {ratio:.1f}, under {least}")
        view.screenshot(os.path.join(shots, f"lanes-{theme}.png"))

    # Phone width: each lane's name above its strip, and no sideways scrolling.
    driver.set_window_size(390, 844)
    open_page("actors.html", "light")
    view = lanes_view()
    if view is not None:
        driver.execute_script("arguments[0].scrollIntoView()", view)
        for lane in view.find_elements(By.CSS_SELECTOR, "div.lane[data-lane]"):
            name = lane.find_element(By.CSS_SELECTOR, ".lane-name")
            strip = lane.find_element(By.CSS_SELECTOR, "svg")
            check(name.location["y"] + name.size["height"] <= strip.location["y"] + 1,
                  f"phone: the name of {lane.get_attribute('data-lane')!r} is not above its strip")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 1, f"phone: the page scrolls sideways by {overflow}px")
        view.screenshot(os.path.join(shots, "lanes-phone.png"))
finally:
    driver.quit()

for error in errors:
    failures.append(f"console error: {error['message']}")
for failure in failures:
    print(failure)
print(f"{len(failures)} failed checks; screenshots in {shots}")
sys.exit(1 if failures else 0)
