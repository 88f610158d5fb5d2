#!/usr/bin/env python3
"""Drives the notebook of `tutorial serve` in headless Chromium, as a learner would.

    python3 notebook_test.py TUTORIAL BOOK_DIR PORT SCREENSHOT_DIR

Starts `TUTORIAL serve --port PORT` in BOOK_DIR, opens the address it prints (with its token
in the fragment), edits and runs cells, and checks what arrives; then a second serve on PORT+1
side by side with the first, in the same browser. The token is never a cookie. Prints one line per failed check, then
"N failed checks", and exits 1 if any failed.
"""
import os
import subprocess
import sys
import time

import harness

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

tool, book, port, shots = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], os.path.abspath(sys.argv[4])
os.makedirs(shots, exist_ok=True)
failures = []
WORD = "zebra-quokka-1729"


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def sleeping_children(argument):
    """Processes whose command line holds `argument`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if argument.encode() in f.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


def start_serve(port, *extra):
    """A running `serve` on `port` and the address it printed (None if it printed none)."""
    return harness.serve(tool, book, port, *extra)


serve, url = start_serve(port, "--timeout", "8")
second, second_url = None, None
if url is None:
    print("serve printed no address")
    serve.kill()
    sys.exit(1)

options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
wait = WebDriverWait(driver, 60)


def place_text(index):
    return driver.execute_script("return document.querySelectorAll('.output-place')[arguments[0]].textContent", index)


def run_state(index):
    """The state the index-th output place shows (data-run-state) and its caption's text."""
    return driver.execute_script(
        "var p = document.querySelectorAll('.output-place')[arguments[0]];"
        "var c = p.querySelector('.run-state'); return [p.dataset.runState || '', c ? c.textContent : ''];", index)


def controls(index):
    return driver.find_elements(By.CSS_SELECTOR, ".cell-controls")[index]


def editor(index):
    """The editor of the index-th cell on the page, opened and emptied."""
    cell = controls(index).get_attribute("data-for")
    controls(index).find_element(By.CSS_SELECTOR, ".cell-edit").click()
    selector = 'textarea.cell-editor[data-for="' + cell + '"]'
    area = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, selector))[0]
    area.send_keys(Keys.CONTROL, "a")
    area.send_keys(Keys.DELETE)
    return area


try:
    # The static site is read-only: no controls, no script of the notebook.
    with open(os.path.join(book, "site", "notebook.html"), encoding="utf-8") as f:
        static = f.read()
    check("notebook.js" not in static and "cell-controls" not in static, "the static page has notebook controls")

    driver.get(url)
    wait.until(lambda d: "token=" not in d.current_url)
    token = url.split("#token=")[1]
    check(driver.execute_script("return localStorage.getItem('tutorial-notebook-token')") == token,
          "the page did not keep the token")
    check(driver.get_cookies() == [], "cookies were set: " + repr(driver.get_cookies()))
    driver.get(url.split("#")[0] + "notebook.html")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".cell-controls")) == 3)

    # 1. Edit a cell to print a word that is nowhere in the book, run it, see it arrive.
    check(WORD not in driver.page_source, "the word is in the page before the run")
    area = editor(0)
    area.send_keys('print("' + WORD + '")')
    controls(0).find_element(By.CSS_SELECTOR, ".cell-run").click()
    wait.until(lambda d: WORD in place_text(0))
    shown = driver.execute_script(
        "var p = document.querySelectorAll('.output-place')[0].cloneNode(true);"
        "p.querySelectorAll('details.book-output').forEach(function (d) { d.remove(); }); return p.textContent")
    check("original output" not in shown, "the old output stayed after the run")
    check("edited" in controls(0).get_attribute("class"), "the edited cell is not marked")
    # Marked as the learner's run, with the book's output one click away and the changes shown.
    wait.until(lambda d: run_state(0)[0] == "finished")
    check("your run 1" in run_state(0)[1], "the run is not marked as the learner's: " + repr(run_state(0)))
    book_output = driver.execute_script(
        "var d = document.querySelectorAll('.output-place')[0].querySelector('details.book-output');"
        "return d ? d.textContent : ''")
    check("original output" in book_output, "the book's output is not beside the learner's: " + repr(book_output))
    diff = driver.execute_script("var d = document.querySelector('details.cell-diff'); return d ? d.textContent : ''")
    check('+ print("' + WORD + '")' in diff and '- let greeting = "original output"' in diff,
          "the changes against the book's code are not shown: " + repr(diff))
    # Copy copies what the editor holds.
    copied = driver.execute_script("return document.querySelectorAll('pre.code')[0].querySelector('code').textContent")
    check(copied.rstrip("\n") == 'print("' + WORD + '")', "Copy would copy " + repr(copied))
    driver.save_screenshot(os.path.join(shots, "notebook.png"))

    # 1b. A chapter opened in a new tab, without the token in its address, runs too.
    first_tab = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.get(url.split("#")[0] + "notebook.html")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".cell-controls")) == 3)
    controls(1).find_element(By.CSS_SELECTOR, ".cell-run").click()
    wait.until(lambda d: "tick two" in place_text(1))
    driver.close()
    driver.switch_to.window(first_tab)

    # 2. Edits survive a reload, until reset.
    driver.refresh()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".cell-controls")) == 3)
    code = driver.find_elements(By.CSS_SELECTOR, "pre.code")[0].text
    check(WORD in code, "the edit did not survive a reload: " + code)
    check(run_state(0)[0] == "stale" and "have not run" in run_state(0)[1],
          "an edited cell showing the book's output is not marked stale: " + repr(run_state(0)))

    # 3. A type error shows under its cell, at its line and column inside the cell.
    area = editor(0)
    area.send_keys('print("fine")\nlet n: Int = "text"\nprint(n)')
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    errors = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "pre.cell-errors"))
    text = errors[0].text
    check("line 2, column 14" in text and "cannot convert" in text, "the compile error is not at its line: " + text)
    check(text.count("cannot convert") == 1, "the compile error is shown more than once: " + text)
    gutter = driver.execute_script(
        "var g = document.querySelector('pre.cell-gutter'); if (!g) { return null; }"
        "return Array.prototype.map.call(g.children, function (s) { return [s.textContent.trim(), s.className]; })")
    check(gutter == [["1", ""], ["2", "error-line"], ["3", ""]], "the editor's line numbers: " + repr(gutter))
    check('let n: Int = "text"' in area.get_attribute("value"), "the cell lost the learner's text")
    wait.until(lambda d: run_state(0)[0] == "failed")
    check("did not compile" in run_state(0)[1] and "your run" in run_state(0)[1], "a failed compile says: " + repr(run_state(0)))
    check("original output" in place_text(0), "a failed compile blanked the output: " + repr(place_text(0)))
    check("tick two" in place_text(1), "a failed compile touched another example's output: " + repr(place_text(1)))

    # 4. Output arrives live: the second line a second after the first.
    driver.execute_script("window.tutorialNotebook.arrivals = []")
    controls(1).find_element(By.CSS_SELECTOR, ".cell-run").click()
    wait.until(lambda d: "tick two" in place_text(1))
    arrivals = driver.execute_script("return window.tutorialNotebook.arrivals")
    times = {a["text"]: a["at"] for a in arrivals}
    gap = (times.get("tick two", 0) - times.get("tick one", 0)) / 1000
    check(gap >= 0.8, f"the lines did not arrive live: {gap:.2f} s apart")
    print(f"live: the second line arrived {gap:.2f} s after the first")

    # 5. Stop ends the example and every process it started.
    area = editor(2)
    area.send_keys('import Foundation\nlet child = Process()\nchild.executableURL = URL(fileURLWithPath: "/bin/sleep")\n'
                   'child.arguments = ["30.0425"]\ntry child.run()\nprint("\\u{1B}[32mgoing to sleep\\u{1B}[0m")\nchild.waitUntilExit()')
    height = driver.execute_script("return document.querySelectorAll('.output-place')[2].offsetHeight")
    controls(2).find_element(By.CSS_SELECTOR, ".cell-run").click()
    held = driver.execute_script("return document.querySelectorAll('.output-place')[2].offsetHeight")
    check(held >= height, f"the place shrank while it waited: {height} -> {held} px")
    wait.until(lambda d: "going to sleep" in place_text(2))
    check(sleeping_children("30.0425"), "the child process did not start")
    # A live line shows its terminal colour as a span, never the raw escape.
    green = driver.execute_script(
        "var s = document.querySelectorAll('.output-place')[2].querySelector('pre.output.live span.ansi-fg-2');"
        "return s ? s.textContent : null")
    check(green == "going to sleep", "the live line's colour is not shown: " + repr(green))
    check("\x1b" not in place_text(2), "a raw escape reached the live block: " + repr(place_text(2)))
    wait.until(lambda d: run_state(2)[0] == "running" and run_state(2)[1].startswith("running… "))
    run_button = controls(2).find_element(By.CSS_SELECTOR, ".cell-run")
    check(not run_button.is_enabled(), "Run is enabled while the example runs")
    check(run_button.get_attribute("aria-label") == "Run sleeper, cell 1", "Run is named " + repr(run_button.get_attribute("aria-label")))
    controls(2).find_element(By.CSS_SELECTOR, ".cell-stop").click()
    time.sleep(1.5)
    state, caption = run_state(2)
    check(state == "stopped" and "stopped" in caption and "running" not in caption and "compiling" not in place_text(2),
          "after Stop the block says " + repr((state, caption, place_text(2))))
    check("going to sleep" in place_text(2), "Stop took the output that had arrived")
    check("stopped" in driver.execute_script("return document.getElementById('notebook-announcer').textContent"),
          "the live region did not announce the stop")
    check(run_button.is_enabled(), "Run stays disabled after Stop")
    deadline = time.time() + 5
    while sleeping_children("30.0425") and time.time() < deadline:
        time.sleep(0.1)
    check(not sleeping_children("30.0425"), "a process outlived Stop")

    # 5b. A deadlock ends at the time limit (8 s here) and says so.
    area = editor(2)
    area.send_keys('import Dispatch\nlet never = DispatchSemaphore(value: 0)\nprint("waiting for ever")\nnever.wait()')
    controls(2).find_element(By.CSS_SELECTOR, ".cell-run").click()
    WebDriverWait(driver, 90).until(lambda d: run_state(2)[0] == "timed out")
    check("timed out" in run_state(2)[1], "a timed-out run says " + repr(run_state(2)))

    # 6. Reset brings back the chapter's code and its build-time output.
    for index in [0, 2]:
        controls(index).find_element(By.CSS_SELECTOR, ".cell-reset").click()
    code = driver.find_elements(By.CSS_SELECTOR, "pre.code")[0].text
    check('let greeting = "original output"' in code, "reset did not bring the code back: " + code)
    check("original output" in place_text(0), "reset did not bring the output back: " + place_text(0))
    check("edited" not in controls(0).get_attribute("class"), "the reset cell is still marked")
    check(run_state(0) == ["", ""], "the reset block still says a state: " + repr(run_state(0)))

    # 6b. "Reset all" brings back every edited cell of the page at once.
    for index in [0, 1]:
        editor(index).send_keys('print("reset me")')
    driver.find_element(By.CSS_SELECTOR, ".cell-reset-all").click()
    edited = driver.execute_script("return document.querySelectorAll('pre.code.edited, textarea.cell-editor').length")
    check(edited == 0, f"{edited} cells are still edited after Reset all")
    check("reset me" not in driver.find_element(By.CSS_SELECTOR, "main, body").text, "Reset all left an edit on the page")

    # 7. A second serve on the next port, opened in the same browser: both pages run, each with
    # its own token (the origin's storage holds the port; a cookie would have been shared).
    second, second_url = start_serve(int(port) + 1, "--output", "site-second", "--cache-dir", ".tutorial-cache-second")
    if check(second_url is not None, "the second serve printed no address"):
        driver.switch_to.new_window("tab")
        driver.get(second_url)
        wait.until(lambda d: "token=" not in d.current_url)
        driver.get(second_url.split("#")[0] + "notebook.html")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".cell-controls")) == 3)
        controls(1).find_element(By.CSS_SELECTOR, ".cell-run").click()
        wait.until(lambda d: "tick two" in place_text(1))
        second_token = driver.execute_script("return localStorage.getItem('tutorial-notebook-token')")
        check(second_token == second_url.split("#token=")[1], "the second page did not keep its own token")
        driver.switch_to.window(first_tab)
        driver.execute_script("window.tutorialNotebook.arrivals = []")
        controls(1).find_element(By.CSS_SELECTOR, ".cell-run").click()
        wait.until(lambda d: "tick two" in place_text(1))
        check(driver.execute_script("return localStorage.getItem('tutorial-notebook-token')") == token,
              "the first page lost its token to the second serve")
        check(driver.get_cookies() == [], "cookies were set: " + repr(driver.get_cookies()))
finally:
    driver.quit()
    for process in [serve, second]:
        if process is None:
            continue
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()

for failure in failures:
    print(failure)
print(f"{len(failures)} failed checks")
sys.exit(1 if failures else 0)
