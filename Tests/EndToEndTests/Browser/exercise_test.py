#!/usr/bin/env python3
"""An exercise as a learner meets it, in headless Chromium.

    python3 exercise_test.py TUTORIAL BOOK_DIR PORT

The static page (BOOK_DIR/site after `TUTORIAL build`) lists the checks and keeps the solution
closed. Served by `TUTORIAL serve --port PORT`, the starter code fails, naming the check; the
learner's fix passes; the pass is remembered in the browser and counted in the sidebar. Prints
one line per failed check, then "N failed checks", and exits 1 if any failed.
"""
import os
import sys

from harness import check, chromium, finish, serve, stop
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

tool, book, port = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
driver = chromium()
wait = WebDriverWait(driver, 90)
server, url = serve(tool, book, port)


def state():
    return driver.execute_script(
        "var p = document.querySelector('.output-place'); var c = p.querySelector('.run-state');"
        "return [p.dataset.runState || '', c ? c.textContent : '']")


try:
    # The static page: the checks are listed, the solution is there but closed.
    driver.get("file://" + os.path.join(book, "site", "mean.html"))
    checks = driver.find_element(By.CSS_SELECTOR, ".exercise-checks").text
    check("mean([1, 2, 3, 4]) is 2.5" in checks and "the mean of no values is 0" in checks, "the checks: " + checks)
    solution = driver.find_element(By.CSS_SELECTOR, "details.solution")
    check(solution.get_attribute("open") is None, "the solution is open on the static page")
    check(not driver.find_element(By.CSS_SELECTOR, "details.solution pre.code").is_displayed(), "the solution's code is visible")

    if check(url is not None, "serve printed no address"):
        driver.get(url)
        wait.until(lambda d: "token=" not in d.current_url)
        driver.get(url.split("#")[0] + "mean.html")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".cell-controls"))
        # As given, the exercise fails and names the check.
        driver.find_elements(By.CSS_SELECTOR, ".cell-run")[0].click()
        wait.until(lambda d: state()[0] == "not passed yet")
        check("mean([1, 2, 3, 4]) is 2.5" in state()[1], "the failed check is not named: " + repr(state()))
        # The learner's fix passes, and the pass is counted in the sidebar, also after a reload.
        driver.find_elements(By.CSS_SELECTOR, ".cell-edit")[0].click()
        area = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "textarea.cell-editor"))[0]
        area.send_keys(Keys.CONTROL, "a")
        area.send_keys(Keys.DELETE)
        area.send_keys("func mean(_ values: [Double]) -> Double {\nvalues.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)\n}")
        area.send_keys(Keys.CONTROL, Keys.ENTER)
        wait.until(lambda d: state()[0] == "passed")
        check("passed" in driver.find_element(By.CSS_SELECTOR, ".exercise-checks").get_attribute("class"),
              "the checks are not marked passed")
        driver.refresh()
        badge = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".exercise-progress"))
        check(badge[0].text.strip() == "✓1", "the sidebar says " + repr(badge[0].text))
finally:
    driver.quit()
    stop(server)

finish()
