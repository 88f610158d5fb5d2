#!/usr/bin/env python3
"""What runs=N costs: a cold build of a one-chapter book whose trivial example runs once, next to
the same book with runs=200 (each with a cache of its own). Run by hand, from the package folder,
after `swift build`: python3 Benchmarks/runs-benchmark.py [N]"""
import os, subprocess, sys, tempfile, time

TOOL = os.path.abspath(".build/debug/tutorial")
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 200

def cold_build(words):
    folder = tempfile.mkdtemp(prefix="tutorial-runs-bench-")
    os.makedirs(f"{folder}/chapters")
    with open(f"{folder}/chapters/01-trivial.md", "w") as f:
        f.write(f"# Trivial\n\n```swift {words}\nprint(\"hello\")\n```\n")
    start = time.monotonic()
    result = subprocess.run([TOOL, "build", "--quiet"], cwd=folder, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"build failed: {result.stderr}")
    return seconds

once = min(cold_build("") for _ in range(3))
many = min(cold_build(f"runs={COUNT}") for _ in range(3))
print(f"cold build, 1 run:      {once:.2f} s (best of 3)")
print(f"cold build, {COUNT} runs:  {many:.2f} s (best of 3)")
print(f"{COUNT - 1} more runs add {many - once:.2f} s on {os.cpu_count()} cores")
