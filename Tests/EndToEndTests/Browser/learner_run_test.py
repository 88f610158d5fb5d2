#!/usr/bin/env python3
"""A learner's run in the notebook is judged by what the code did, not by the book's checks.

    python3 learner_run_test.py TUTORIAL BOOK_DIR PORT

Serves BOOK_DIR (the notebook-pipeline fixture) with `TUTORIAL serve --port PORT` in headless
Chromium: an edit that breaks a hidden check still shows the learner's output, and a `runs=N`
example runs N times and shows the distribution. Prints one line per failed check, then
"N failed checks", and exits 1 if any failed.
"""
import sys

from harness import check, chromium, finish, serve, stop
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

tool, book, port = sys.argv[1], sys.argv[2], sys.argv[3]
driver = chromium()
wait = WebDriverWait(driver, 90)
server, url = serve(tool, book, port, "--memory-limit", "256M")


def place_of(example):
    """The text and run state of the first output place of `example`."""
    return driver.execute_script(
        "var name = arguments[0];"
        "var p = Array.prototype.find.call(document.querySelectorAll('.output-place'), function (place) {"
        "  return place.dataset.cells.split(' ').some(function (cell) { return cell.split(':')[0] === name; }); });"
        "if (!p) { return ['', '']; }"
        "var c = p.cloneNode(true); c.querySelectorAll('details.book-output').forEach(function (d) { d.remove(); });"
        "return [c.textContent, p.dataset.runState || '']", example)


def controls_of(example):
    return [c for c in driver.find_elements(By.CSS_SELECTOR, ".cell-controls")
            if c.get_attribute("data-for").split(":")[0] == example]


try:
    if check(url is not None, "serve printed no address"):
        driver.get(url)
        wait.until(lambda d: "token=" not in d.current_url)
        driver.get(url.split("#")[0] + "pipeline.html")
        wait.until(lambda d: controls_of("checked"))

        # An edit that breaks the author's hidden check: the learner's output, and no verdict.
        controls_of("checked")[0].find_element(By.CSS_SELECTOR, ".cell-edit").click()
        area = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "textarea.cell-editor"))[0]
        area.send_keys(Keys.CONTROL, "a")
        area.send_keys(Keys.DELETE)
        area.send_keys('let sleeps = [1, 2]\nprint("slept \\(sleeps.reduce(0, +)) s in all")')
        area.send_keys(Keys.CONTROL, Keys.ENTER)
        wait.until(lambda d: place_of("checked")[1] in ("finished", "failed"))
        text, state = place_of("checked")
        check(state == "finished", "the learner's run did not finish: " + repr((state, text)))
        check("slept 3 s in all" in text, "the learner's output is missing: " + repr(text))
        check("prose says" not in text and "differs" not in text, "the book's checks judged the edit: " + repr(text))

        # A runs=N example runs N times in the notebook, as in the build.
        controls_of("thrice")[0].find_element(By.CSS_SELECTOR, ".cell-run").click()
        wait.until(lambda d: place_of("thrice")[1] == "finished")
        headline = driver.execute_script(
            "var h = document.querySelector('.output-place[data-run-state] .runs-headline'); return h ? h.textContent : ''")
        check("3" in headline, "the runs=3 example shows no distribution: " + repr(headline))
finally:
    driver.quit()
    stop(server)

finish()
