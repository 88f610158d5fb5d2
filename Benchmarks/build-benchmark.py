#!/usr/bin/env python3
"""Measures `tutorial build`: cold, no-op, after a prose edit, after a one-cell edit, and cold
with --jobs 1, with the peak memory of each, for the book in chapters/ and for a synthetic book
of 200 chapters x 5 quick cells. Run by hand (not by `swift test`):

    swift build && python3 Benchmarks/build-benchmark.py [--release] [--only book|synthetic|peer]

Each figure is one run on this machine. Next to each cold build it prints the lower bound: the
sum of compile times divided by the cores, or the longest single example (compile + run),
whichever is larger.

`--only peer` measures the peer's shape instead (6 chapters: 3 print a little, 3 run 3 threads
that sleep 2 s), cold, three times, with the build's timeline (`--report`) of the median run, and
the bound of that shape: the compiles of the sleeping examples on the cores, then their 2 s runs.
With `--mkdocs PATH` (the `mkdocs` of a virtualenv with `mkdocs` and `markdown-exec` installed)
it also builds the same book with mkdocs + markdown-exec, each block compiled with swiftc and
run, and prints the ratio.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from peak_memory import peak_rss_while

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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


PEER_SLEEPER = """import Foundation
let group = DispatchGroup()
for worker in 1...3 {
    group.enter()
    Thread.detachNewThread {
        Thread.sleep(forTimeInterval: 2)
        print("worker \\(worker) woke")
        group.leave()
    }
}
group.wait()
print("all woke")
"""


def peer_sources():
    """The peer shape's six programs, by chapter name: three print a little, three sleep."""
    sources = {}
    for number in (1, 2, 3):
        sources[f"0{number}-print-{number}"] = f"let values = (1...5).map {{ $0 * {number} }}\nprint(\"values:\", values)\n"
    for number in (4, 5, 6):
        sources[f"0{number}-sleep-{number}"] = PEER_SLEEPER
    return sources


def peer_book(chapters):
    os.makedirs(chapters)
    with open(os.path.join(chapters, "index.md"), "w") as file:
        file.write("# Peer\n\nThe peer benchmark's shape.\n")
    for name, source in peer_sources().items():
        with open(os.path.join(chapters, f"{name}.md"), "w") as file:
            file.write(f"# {name}\n\nSome prose.\n\n```swift\n{source}```\n\n```\n```\n")


def peer_mkdocs(project):
    """The same book for mkdocs + markdown-exec: each block writes its program, compiles it with
    swiftc and runs it, one after another, as markdown-exec does."""
    docs = os.path.join(project, "docs")
    os.makedirs(docs)
    with open(os.path.join(project, "mkdocs.yml"), "w") as file:
        file.write("site_name: Peer\nplugins:\n  - markdown-exec\nmarkdown_extensions:\n  - pymdownx.superfences\n")
    with open(os.path.join(docs, "index.md"), "w") as file:
        file.write("# Peer\n\nThe peer benchmark's shape.\n")
    for name, source in peer_sources().items():
        work = os.path.join(project, "work", name)
        block = (f"mkdir -p {work} && cat > {work}/main.swift <<'SWIFT'\n{source}SWIFT\n"
                 f"swiftc -swift-version 6 -o {work}/program {work}/main.swift && {work}/program\n")
        with open(os.path.join(docs, f"{name}.md"), "w") as file:
            file.write(f"# {name}\n\nSome prose.\n\n```bash exec=\"on\"\n{block}```\n")


def peer_bound(data, cores):
    """The shape's bound: the examples' measured compiles on `cores` slots, longest run first,
    each run starting when its compile ends; the build ends with the last run."""
    examples = sorted(data["examples"], key=lambda e: -(e.get("runSeconds") or 0))
    slots = [0.0] * cores
    end = 0.0
    for example in examples:
        slot = slots.index(min(slots))
        slots[slot] += example["compileSeconds"]
        end = max(end, slots[slot] + (example.get("runSeconds") or 0))
    return end


def measure_peer(tool, cores, mkdocs):
    runs = []
    for _ in range(3):
        project = tempfile.mkdtemp(prefix="tutorial-peer-")
        peer_book(os.path.join(project, "chapters"))
        wall, rss, data = build(tool, project)
        runs.append((wall, rss, data))
        shutil.rmtree(project)
    runs.sort(key=lambda run: run[0])
    wall, rss, data = runs[1]
    bound = peer_bound(data, cores)
    print(f"\npeer shape (6 chapters: 3 print, 3 sleep 2 s on 3 threads), {cores} cores, load {os.getloadavg()[0]:.2f}")
    print(f"cold builds: {', '.join(f'{run[0]:.2f}' for run in runs)} s; median {wall:.2f} s, peak {rss:.1f} MB")
    print(f"bound (measured compiles on {cores} slots, longest run first): {bound:.2f} s; median / bound: {wall / bound:.2f}x")
    print("timeline of the median build (seconds since the tool started):")
    for step in data.get("timeline", []):
        print(f"  {step['start']:7.3f} {step['end']:7.3f} {step['end'] - step['start']:6.3f}  {step['kind']:<10} {step['name']}")
    if mkdocs:
        times = []
        for _ in range(3):
            project = tempfile.mkdtemp(prefix="tutorial-peer-mkdocs-")
            peer_mkdocs(project)
            start = time.monotonic()
            subprocess.run([mkdocs, "build", "-q"], cwd=project, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.monotonic() - start)
            shutil.rmtree(project)
        times.sort()
        print(f"mkdocs + markdown-exec: {', '.join(f'{t:.2f}' for t in times)} s; median {times[1]:.2f} s; "
              f"tutorial / mkdocs: {wall / times[1]:.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--release", action="store_true", help="measure a release build of the tool")
    parser.add_argument("--only", choices=["book", "synthetic", "peer"])
    parser.add_argument("--mkdocs", help="the mkdocs executable of a virtualenv with markdown-exec, for --only peer")
    args = parser.parse_args()
    configuration = "release" if args.release else "debug"
    subprocess.run(["swift", "build", "-c", configuration, "--product", "tutorial"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    tool = os.path.join(ROOT, ".build", configuration, "tutorial")
    cores = os.cpu_count()
    print(f"tutorial ({configuration} build) on {cores} cores; swiftc: "
          + subprocess.run(["swiftc", "--version"], capture_output=True, text=True).stdout.splitlines()[0])
    if args.only == "peer":
        measure_peer(tool, cores, args.mkdocs)
        return
    if args.only in (None, "book"):
        measure(tool, os.path.join(ROOT, "chapters"), "the book (chapters/)", cores)
    if args.only in (None, "synthetic"):
        measure(tool, None, "synthetic book (200 chapters x 5 cells)", cores, make_book=synthetic_book)


if __name__ == "__main__":
    main()
