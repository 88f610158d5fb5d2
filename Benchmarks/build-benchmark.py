#!/usr/bin/env python3
"""Measures `tutorial build`: cold, no-op, after a prose edit, after a one-cell edit, and cold
with --jobs 1, with the peak memory of each, for the book in chapters/ and for a synthetic book
of 200 chapters x 5 quick cells. Run by hand (not by `swift test`):

    swift build && python3 Benchmarks/build-benchmark.py [--release] [--only book|synthetic]

Each figure is one run on this machine. Next to each cold build it prints the lower bound: the
sum of compile times divided by the cores, or the longest single example (compile + run),
whichever is larger.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def peak_rss_while(process):
    """Samples VmHWM (the peak so far) of the running process; returns the last reading, in MB."""
    peak = [0]

    def sample():
        path = f"/proc/{process.pid}/status"
        while process.poll() is None:
            try:
                with open(path) as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            peak[0] = max(peak[0], int(line.split()[1]))
            except OSError:
                break
            time.sleep(0.005)

    thread = threading.Thread(target=sample)
    thread.start()
    return thread, peak


def build(tool, project, extra=()):
    """One `tutorial build` in `project`: wall seconds, peak RSS in MB, and the --report."""
    report = os.path.join(project, "report.json")
    start = time.monotonic()
    process = subprocess.Popen([tool, "build", "--quiet", "--report", report, *extra], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    thread, peak = peak_rss_while(process)
    _, stderr = process.communicate()
    wall = time.monotonic() - start
    thread.join()
    if process.returncode != 0:
        sys.exit(f"build failed in {project}:\n{stderr.decode()}")
    with open(report) as file:
        data = json.load(file)
    return wall, peak[0] / 1024, data


def lower_bound(data, cores):
    """The issue's bound: the sum of compile times over the cores, or the longest single example
    (compile + run), whichever is larger."""
    examples = data["examples"]
    compile_sum = sum(e["compileSeconds"] for e in examples if e["compiled"])
    longest = max((e["compileSeconds"] + (e.get("runSeconds") or 0) for e in examples), default=0)
    return max(compile_sum / cores, longest)


def exclusive_seconds(data):
    """Run time of `exclusive` examples, which nothing may overlap: it adds to any bound."""
    return sum(e.get("runSeconds") or 0 for e in data["examples"] if e["exclusive"] and e["ran"])


def counts(data):
    examples = data["examples"]
    return sum(e["compiled"] for e in examples), sum(e["ran"] for e in examples)


def edit_prose(project):
    chapters = sorted(f for f in os.listdir(os.path.join(project, "chapters")) if re.match(r"\d+-.*\.md$", f))
    path = os.path.join(project, "chapters", chapters[len(chapters) // 2])
    with open(path) as file:
        text = file.read()
    # A new paragraph after the title: every cell below it moves down two lines.
    title_end = text.index("\n") + 1
    with open(path, "w") as file:
        file.write(text[:title_end] + "\nA sentence added by the benchmark.\n" + text[title_end:])
    return os.path.basename(path)


def edit_cell(project):
    chapters = sorted(f for f in os.listdir(os.path.join(project, "chapters")) if re.match(r"\d+-.*\.md$", f))
    for name in chapters:
        path = os.path.join(project, "chapters", name)
        with open(path) as file:
            text = file.read()
        match = re.search(r"```swift[^\n]*\n", text)
        if match and "compile_fail" not in match.group(0) and "exclusive" not in match.group(0):
            with open(path, "w") as file:
                file.write(text[:match.end()] + "// edited by the benchmark\n" + text[match.end():])
            return name
    sys.exit("no cell to edit")


def measure(tool, source_chapters, label, cores, make_book=None):
    rows = []
    project = tempfile.mkdtemp(prefix="tutorial-bench-")
    chapters = os.path.join(project, "chapters")
    if make_book:
        make_book(chapters)
    else:
        shutil.copytree(source_chapters, chapters)

    wall, rss, cold = build(tool, project)
    rows.append(("cold build", wall, rss, counts(cold), lower_bound(cold, cores)))
    wall, rss, data = build(tool, project)
    rows.append(("no-op rebuild", wall, rss, counts(data), None))
    edited = edit_prose(project)
    wall, rss, data = build(tool, project)
    rows.append((f"prose edit ({edited})", wall, rss, counts(data), None))
    edited = edit_cell(project)
    wall, rss, data = build(tool, project)
    work = sum(e["compileSeconds"] + (e.get("runSeconds") or 0) for e in data["examples"] if e["compiled"] or e["ran"])
    rows.append((f"one-cell edit ({edited}; its compile + run {work:.2f} s)", wall, rss, counts(data), None))
    shutil.rmtree(os.path.join(project, ".tutorial-cache"))
    wall, rss, data = build(tool, project, ["--jobs", "1"])
    rows.append(("cold build, --jobs 1", wall, rss, counts(data), lower_bound(data, 1)))
    shutil.rmtree(project)

    print(f"\n{label}: {len(cold['examples'])} examples, {cores} cores")
    print(f"{'build':<58} {'seconds':>8} {'peak MB':>8} {'compiled':>9} {'run':>5} {'lower bound':>12}")
    for name, wall, rss, (compiled, ran), bound in rows:
        bound_text = f"{bound:.2f} s" if bound is not None else ""
        print(f"{name:<58} {wall:>8.2f} {rss:>8.1f} {compiled:>9} {ran:>5} {bound_text:>12}")
    cold_wall, cold_bound = rows[0][1], rows[0][4]
    serial = exclusive_seconds(cold)
    print(f"cold / lower bound: {cold_wall / cold_bound:.2f}x;  --jobs 1 / cold: {rows[4][1] / cold_wall:.2f}x")
    print(f"exclusive runs (alone by design): {serial:.2f} s; cold / (lower bound + exclusive runs): "
          f"{cold_wall / (cold_bound + serial):.2f}x")


def synthetic_book(chapters, count=200, cells=5):
    os.makedirs(chapters)
    with open(os.path.join(chapters, "index.md"), "w") as file:
        file.write("# Synthetic\n\nA generated book for the benchmark.\n")
    for number in range(1, count + 1):
        parts = [f"# Chapter {number}\n\nSome prose about chapter {number}.\n"]
        for cell in range(cells):
            parts.append(f"\n```swift\nlet value{cell} = {number} * {cell + 1}\nprint(\"chapter {number}, cell {cell}:\", value{cell})\n```\n\n```\n```\n\nA paragraph after cell {cell}.\n")
        with open(os.path.join(chapters, f"{number:03d}-chapter-{number}.md"), "w") as file:
            file.write("".join(parts))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--release", action="store_true", help="measure a release build of the tool")
    parser.add_argument("--only", choices=["book", "synthetic"])
    args = parser.parse_args()
    configuration = "release" if args.release else "debug"
    subprocess.run(["swift", "build", "-c", configuration, "--product", "tutorial"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    tool = os.path.join(ROOT, ".build", configuration, "tutorial")
    cores = os.cpu_count()
    print(f"tutorial ({configuration} build) on {cores} cores; swiftc: "
          + subprocess.run(["swiftc", "--version"], capture_output=True, text=True).stdout.splitlines()[0])
    if args.only in (None, "book"):
        measure(tool, os.path.join(ROOT, "chapters"), "the book (chapters/)", cores)
    if args.only in (None, "synthetic"):
        measure(tool, None, "synthetic book (200 chapters x 5 cells)", cores, make_book=synthetic_book)


if __name__ == "__main__":
    main()
