"""What the notebook's browser scripts share: a headless Chromium, a `tutorial serve` and the
address it prints, and the list of failed checks they print at the end."""
import re
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

failures = []


def check(condition, message):
    """Records `message` as a failed check unless `condition` holds; returns the condition."""
    if not condition:
        failures.append(message)
    return condition


def chromium(width=1280, height=1400):
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def serve(tool, book, port, *extra):
    """A running `tool serve --port PORT` in `book`, and the address it printed (None if none)."""
    process = subprocess.Popen([tool, "serve", "--port", str(port), *extra], cwd=book, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        match = re.search(r"(http://127\.0\.0\.1:\d+/#token=[0-9a-f]{64})", line)
        if match:
            return process, match.group(1)
    return process, None


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def finish():
    """Prints each failed check and their count, and exits 1 if any failed."""
    for failure in failures:
        print(failure)
    print(f"{len(failures)} failed checks")
    sys.exit(1 if failures else 0)
