#!/usr/bin/env python3
"""Makes the screenshots of the README and the guide from a served book, in headless Chromium.

    python3 Scripts/screenshots.py [--tool PATH] [--out DIR] [--port N]

Copies `Scripts/screenshot-book` into a temporary folder, serves it with `TOOL serve` (default
`.build/debug/tutorial`), and saves into DIR (default `docs/guide/chapters/images`):
  - notebook.png: the served chapter at 1280 px after a learner edited a cell and ran it;
  - phone.png: the same chapter at 390 px (the Menu button, the title, the on-page contents);
  - lanes-light.png and lanes-dark.png: the lanes view of the threads example in both themes.
Each PNG must be under 150 KB. Reuses the browser tests' harness (Chromium, serve and its
address, failed checks). Prints one line per failed check and exits 1 if any failed.
"""
import argparse
import os
import random
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "EndToEndTests", "Browser"))

from harness import check, chromium, finish, serve, stop  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

LIMIT = 150 * 1024
PAGE = "threads-and-tasks.html"

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--tool", default=os.path.join(ROOT, ".build", "debug", "tutorial"))
parser.add_argument("--out", default=os.path.join(ROOT, "docs", "guide", "chapters", "images"))
parser.add_argument("--port", type=int, default=random.randint(40_001, 50_000))
arguments = parser.parse_args()
out = os.path.abspath(arguments.out)
os.makedirs(out, exist_ok=True)

work = tempfile.mkdtemp(prefix="tutorial-screenshots-")
book = os.path.join(work, "book")
shutil.copytree(os.path.join(ROOT, "Scripts", "screenshot-book"), book)


def save(png, name):
    """Writes `png` as `name` in the output folder when it is small enough."""
    if check(len(png) < LIMIT, f"{name} is {len(png) // 1024} KB, over {LIMIT // 1024} KB"):
        with open(os.path.join(out, name), "wb") as file:
            file.write(png)


def controls(example):
    return [c for c in driver.find_elements(By.CSS_SELECTOR, ".cell-controls")
            if c.get_attribute("data-for").split(":")[0] == example]


def run_state(example):
    """The run state of the first output place of `example` ("" before any run)."""
    return driver.execute_script(
        "var name = arguments[0];"
        "var p = Array.prototype.find.call(document.querySelectorAll('.output-place'), function (place) {"
        "  return place.dataset.cells.split(' ').some(function (cell) { return cell.split(':')[0] === name; }); });"
        "return p ? (p.dataset.runState || '') : ''", example)


driver = chromium(1280, 860)
wait = WebDriverWait(driver, 180)
server, url = serve(arguments.tool, book, arguments.port)
try:
    if check(url is not None, "serve printed no address"):
        base = url.split("#")[0]
        driver.get(url)
        wait.until(lambda d: "token=" not in d.current_url)

        # The notebook after a learner's run: the counter's second cell edited, run, marked as theirs.
        driver.get(base + PAGE)
        wait.until(lambda d: len(controls("counter")) == 2)
        cell = controls("counter")[1]
        cell.find_element(By.CSS_SELECTOR, ".cell-edit").click()
        area = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "textarea.cell-editor"))[0]
        area.send_keys(Keys.CONTROL, "a")
        area.send_keys(Keys.DELETE)
        area.send_keys("let counter = Counter()\nfor _ in 1...5 { print(\"count: \\(await counter.add())\") }")
        area.send_keys(Keys.CONTROL, Keys.ENTER)
        wait.until(lambda d: run_state("counter") in ("finished", "failed"))
        check(run_state("counter") == "finished", f"the edited cell's run ended {run_state('counter')!r}")
        heading = driver.find_element(By.ID, "an-actor")
        driver.execute_script("arguments[0].scrollIntoView(); window.scrollBy(0, -16)", heading)
        save(driver.get_screenshot_as_png(), "notebook.png")

        # The lanes view of the threads example, in both themes.
        driver.get(base + PAGE)
        for theme in ["light", "dark"]:
            driver.execute_script(f"document.documentElement.setAttribute('data-theme', '{theme}')")
            views = driver.find_elements(By.CSS_SELECTOR, "div.lanes")
            if check(len(views) == 1, f"{len(views)} lanes views, expected 1"):
                driver.execute_script("arguments[0].scrollIntoView()", views[0])
                save(views[0].screenshot_as_png, f"lanes-{theme}.png")

        # The phone layout: the top of the chapter at 390 px.
        driver.set_window_size(390, 844)
        driver.execute_script("localStorage.clear()")
        driver.get(base + PAGE)
        driver.execute_script("document.documentElement.setAttribute('data-theme', 'light'); window.scrollTo(0, 0)")
        menu = driver.find_elements(By.CSS_SELECTOR, "button[aria-expanded]")
        check(any(button.is_displayed() for button in menu), "no Menu button at 390 px")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 1, f"at 390 px the page scrolls sideways by {overflow} px")
        save(driver.get_screenshot_as_png(), "phone.png")
finally:
    driver.quit()
    stop(server)
    shutil.rmtree(work, ignore_errors=True)

print(f"screenshots in {out}")
finish()
