#!/usr/bin/env python3
"""How long a learner waits in the notebook: from pressing Run to the first line of output, for a
one-line edit of the multithreading chapter, with the compile cached and not; next to the
compile time alone and the program's own time to its first line, so that what the tool adds is
what is left. Run by hand from the package folder after `swift build`:

    python3 Benchmarks/notebook-benchmark.py
"""
import http.client, json, os, random, re, shutil, subprocess, tempfile, time

TOOL = os.path.abspath(".build/debug/tutorial")
PORT = random.randint(20000, 40000)
book = tempfile.mkdtemp(prefix="tutorial-notebook-bench-")
shutil.copytree("chapters", os.path.join(book, "chapters"))
serve = subprocess.Popen([TOOL, "serve", "--port", str(PORT), "--quiet"], cwd=book, stderr=subprocess.PIPE, text=True)
token = None
while token is None:
    line = serve.stderr.readline()
    if not line:
        raise SystemExit("serve ended")
    match = re.search(r"token=([0-9a-f]+)", line)
    token = match.group(1) if match else None

source = open(os.path.join("chapters", "02-multithreading.md"), encoding="utf-8").read()
first_cell = re.search(r"```swift[^\n]*\n(.*?)```", source, re.S).group(1)


def run(code):
    body = json.dumps({"example": "multithreading", "cells": {"0": code}})
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    start = time.monotonic()
    connection.request("POST", "/__tutorial/run", body, {
        "Origin": f"http://127.0.0.1:{PORT}", "X-Tutorial-Token": token,
        "Content-Type": "application/json"})
    response = connection.getresponse()
    compile_seconds = first_line = program_first = None
    for raw in response:
        event = json.loads(raw)
        if event["event"] == "compiled":
            compile_seconds = event["seconds"]
            cached = event["cached"]
        elif event["event"] == "line" and first_line is None:
            first_line = time.monotonic() - start
            program_first = event["time"]
        elif event["event"] == "done":
            break
    connection.close()
    return first_line, compile_seconds, program_first, cached


try:
    rows = []
    for attempt in range(3):
        edit = first_cell + f"// edit {random.random()}\n"
        rows.append(("uncached",) + run(edit))
        rows.append(("cached",) + run(edit))
    print("kind      Run→first line  compile  program→first line  tool adds")
    for kind, first, compile_seconds, program, cached in rows:
        compile_part = 0 if cached else compile_seconds
        print(f"{kind:9} {first:13.3f} s {compile_part:6.3f} s {program:17.3f} s {first - compile_part - program:8.3f} s")
finally:
    serve.terminate()
    serve.wait()
    shutil.rmtree(book, ignore_errors=True)
