#!/usr/bin/env python3
"""Opens pages of a built site in headless Chromium (from file://) and checks the sidebar's list
of chapters, which tutorial.js inserts from the shared toc.js: every chapter listed, in order, the
current one marked, and every title shown as text, whatever markup it holds.

    python3 toc_test.py SITE_DIR PAGE [PAGE...]

Prints one line per failed check and exits 1 if any failed.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

site, pages = os.path.abspath(sys.argv[1]), sys.argv[2:]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))

try:
    for page in pages:
        driver.get("file://" + os.path.join(site, page))
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"{page}: console errors {errors}")
        toc = driver.execute_script("return window.tutorialToc")
        check(isinstance(toc, list) and len(toc) > 0, f"{page}: toc.js did not define the list")
        toc = toc or []
        links = driver.find_elements(By.CSS_SELECTOR, "#toc li a")
        shown = [link.get_attribute("textContent") for link in links]
        wanted = [f"{chapter['n']} {chapter['t']}" for chapter in toc]
        check(shown == wanted, f"{page}: the sidebar shows {json.dumps(shown)}, not {json.dumps(wanted)}")
        hrefs = [link.get_attribute("href").rsplit("/", 1)[-1] for link in links]
        check(hrefs == [chapter["h"] for chapter in toc], f"{page}: the sidebar links to {hrefs}")
        current = [link.get_attribute("href").rsplit("/", 1)[-1]
                   for link in driver.find_elements(By.CSS_SELECTOR, "#toc a[aria-current='page']")]
        expected = [] if page == "index.html" else [page]
        check(current == expected, f"{page}: aria-current on {current}, expected {expected}")
        check(not driver.find_elements(By.CSS_SELECTOR, ".sidebar img, .sidebar script"),
              f"{page}: a title became markup in the sidebar")
        check(driver.execute_script("return window.tocInjected === undefined"), f"{page}: a title's script ran")
finally:
    driver.quit()

for failure in failures:
    print(failure)
print(f"{len(failures)} failed checks")
sys.exit(1 if failures else 0)
