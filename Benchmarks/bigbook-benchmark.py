#!/usr/bin/env python3
"""Measures `tutorial build` on generated books of many one-line chapters (issue 24): for each
size, a cold build and a no-op rebuild, with wall time, peak memory (VmHWM) and the size of the
site, in all and per chapter. Run by hand (not by `swift test`):

    swift build && python3 Benchmarks/bigbook-benchmark.py [--release] [--sizes 500,1000,5000]
        [--timeout 900] [--tool PATH]
    python3 Benchmarks/bigbook-benchmark.py --highlight [--tool PATH]

With --highlight it measures instead what highlighting costs: cold builds of a one-chapter book
whose single `swift ignore` cell (shown and highlighted, never compiled) holds 8 KB to 1 MB of
code, less a build of the same book with an empty cell, in ms per KB.

Each chapter is a title and one sentence; no chapter has a Swift cell, so that the figures are
those of loading, rendering and writing, not of the compiler. A build still running after
--timeout seconds is stopped and shown as not done. Each figure is one run on this machine; the
load (`uptime`) is printed before each size.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

from peak_memory import peak_rss_while

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(tool, project, timeout):
    """One `tutorial build`: wall seconds (None when stopped at the timeout) and peak RSS in MB."""
    start = time.monotonic()
    process = subprocess.Popen([tool, "build", "--quiet"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    thread, peak = peak_rss_while(process)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        thread.join()
        return None, peak[0] / 1024
    wall = time.monotonic() - start
    thread.join()
    if process.returncode != 0:
        sys.exit(f"build failed in {project}:\n{stderr.decode()}")
    return wall, peak[0] / 1024


def generated_book(chapters, count):
    """`count` chapters of one title and one sentence, and a short introduction."""
    os.makedirs(chapters)
    with open(os.path.join(chapters, "index.md"), "w") as file:
        file.write("# Big book\n\nA generated book for the benchmark.\n")
    width = len(str(count))
    for number in range(1, count + 1):
        with open(os.path.join(chapters, f"{number:0{width}d}-chapter-{number}.md"), "w") as file:
            file.write(f"# Chapter {number}\n\nOne sentence about chapter {number}.\n")


def highlight_book(chapters, kilobytes):
    """One chapter whose `swift ignore` cell holds about `kilobytes` KB of Swift."""
    os.makedirs(chapters)
    lines, size, number = [], 0, 0
    while size < kilobytes * 1024:
        line = f"let value{number} = compute({number}, \"text \\({number})\") // note {number} < {number + 1}\n"
        lines.append(line)
        size += len(line)
        number += 1
    with open(os.path.join(chapters, "01-big.md"), "w") as file:
        file.write("# Big cell\n\n```swift ignore\n" + "".join(lines) + "```\n")


def highlight_cost(tool, timeout):
    print(f"{tool}: highlighting a `swift ignore` cell, cold build less that of an empty cell")
    print(f"{'cell KB':>8} {'load':>5} {'build s':>8} {'extra s':>8} {'ms/KB':>7}")
    base = None
    for kilobytes in [0, 8, 32, 64, 256, 1024]:
        project = tempfile.mkdtemp(prefix="tutorial-bigbook-")
        try:
            highlight_book(os.path.join(project, "chapters"), kilobytes)
            load = os.getloadavg()[0]
            wall, _ = build(tool, project, timeout)
        finally:
            shutil.rmtree(project, ignore_errors=True)
        if wall is None:
            print(f"{kilobytes:>8} {load:>5.2f} {'> ' + str(int(timeout)):>8}")
            continue
        if base is None:
            base = wall
        extra = wall - base
        per = f"{1000 * extra / kilobytes:7.1f}" if kilobytes else ""
        print(f"{kilobytes:>8} {load:>5.2f} {wall:>8.2f} {extra:>8.2f} {per:>7}", flush=True)


def site_size(folder):
    total = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(parent, name))
    return total


def measure(tool, count, timeout):
    project = tempfile.mkdtemp(prefix="tutorial-bigbook-")
    try:
        generated_book(os.path.join(project, "chapters"), count)
        load = os.getloadavg()[0]
        cold, cold_peak = build(tool, project, timeout)
        if cold is None:
            return (count, load, None, cold_peak, None, None, None)
        size = site_size(os.path.join(project, "site"))
        noop, noop_peak = build(tool, project, timeout)
        return (count, load, cold, cold_peak, size, noop, noop_peak)
    finally:
        shutil.rmtree(project, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--release", action="store_true", help="measure a release build of the tool")
    parser.add_argument("--sizes", default="500,1000,5000", help="chapter counts, comma-separated")
    parser.add_argument("--timeout", type=float, default=900, help="seconds a build may take before it is stopped")
    parser.add_argument("--highlight", action="store_true", help="measure highlighting time per KB instead")
    parser.add_argument("--tool", help="measure this built executable instead of building one (an older version)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    configuration = "release" if args.release else "debug"
    if args.tool:
        tool = os.path.abspath(args.tool)
    else:
        subprocess.run(["swift", "build", "-c", configuration, "--product", "tutorial"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        tool = os.path.join(ROOT, ".build", configuration, "tutorial")
    if args.highlight:
        highlight_cost(tool, args.timeout)
        return
    print(f"{tool} ({configuration} build) on {os.cpu_count()} cores; one-line chapters, no Swift cell")
    header = (f"{'chapters':>8} {'load':>5} {'cold s':>8} {'cold MB':>8} {'site bytes':>12} {'bytes/ch':>9}"
              f" {'no-op s':>8} {'no-op MB':>9}")
    print(header)
    for count in sizes:
        count, load, cold, cold_peak, size, noop, noop_peak = measure(tool, count, args.timeout)
        if cold is None:
            print(f"{count:>8} {load:>5.2f} {'> ' + str(int(args.timeout)):>8} {cold_peak:>8.0f} {'not done':>12}")
            continue
        print(f"{count:>8} {load:>5.2f} {cold:>8.2f} {cold_peak:>8.0f} {size:>12} {size // count:>9}"
              f" {noop:>8.2f} {noop_peak:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
