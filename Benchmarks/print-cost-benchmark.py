#!/usr/bin/env python3
"""What `lanes` adds to each `print`: a one-chapter book with two examples compiled with `-O`, the
same loop of N `print("line \\(i)")` calls timed inside the program (ContinuousClock), one plain,
one with `lanes` (the tagging `print`: thread id and name, task, isolation, one tag per line).
Each runs (a) under the tool (`tutorial run NAME`: stdout is the ordered-output socket,
line-buffered, a write per line, as on a page), and (b) alone with stdout to a pipe (fully
buffered: the CPU cost of the print itself; the lanes program is given a boundary token so it
tags as under the tool). Prints the median of 3 of each, in microseconds per print, the
difference, and the load before and after.

Run by hand from the package folder after `swift build` (or `swift build -c release`, then pass
`--release`); the line count defaults to 200,000:

    python3 Benchmarks/print-cost-benchmark.py [--release] [LINES]
"""
import os, shutil, statistics, subprocess, sys, tempfile

arguments = sys.argv[1:]
release = "--release" in arguments
counts = [int(a.replace(",", "").replace("_", "")) for a in arguments if a != "--release"]
lines = counts[0] if counts else 200_000
TOOL = os.path.abspath(f".build/{'release' if release else 'debug'}/tutorial")
if not os.access(TOOL, os.X_OK):
    sys.exit(f"{TOOL} not found: run `swift build{' -c release' if release else ''}` first")

PROGRAM = """
let clock = ContinuousClock()
let elapsed = clock.measure {
    for i in 0..<%d {
        print("line \\(i)")
    }
}
let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
print("PER-PRINT \\(nanoseconds / %d / 1000)")
"""


def make_book():
    folder = tempfile.mkdtemp(prefix="tutorial-print-cost-")
    os.makedirs(f"{folder}/chapters")
    for name, words in [("plain", "optimize"), ("tagged", "optimize lanes")]:
        with open(f"{folder}/chapters/{'01' if name == 'plain' else '02'}-{name}.md", "w") as f:
            f.write(f"# {name}\n\n```swift {words}\n{PROGRAM % (lines, lines)}```\n")
    return folder


def per_print(output):
    found = [line for line in output.splitlines() if line.startswith("PER-PRINT ")]
    if not found:
        sys.exit("the program printed no PER-PRINT line")
    return float(found[-1].split()[1])


def program_of(folder, name):
    """The executable the tool compiled for the example: the cache entry whose main.swift has the
    example's chapter file name."""
    for root, _, files in os.walk(f"{folder}/.tutorial-cache"):
        if "main.swift" in files and "program" in files:
            with open(os.path.join(root, "main.swift")) as f:
                if f"-{name}.md" in f.read():
                    return os.path.join(root, "program")
    sys.exit(f"no compiled program for {name}")


print(f"tool: {TOOL}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.2f} at start; {lines:,} prints per run, -O")
folder = make_book()
built = subprocess.run([TOOL, "build"], cwd=folder, capture_output=True, text=True)
if built.returncode != 0:
    sys.exit(f"tutorial build failed:\n{built.stderr}")
results = {}
for name in ["plain", "tagged"]:
    program = program_of(folder, name)
    under_tool, alone = [], []
    for _ in range(3):
        run = subprocess.run([TOOL, "run", name], cwd=folder, capture_output=True, text=True)
        under_tool.append(per_print(run.stdout))
        environment = dict(os.environ, TUTORIAL_BOUNDARY="@@print-cost-benchmark-token@@")
        # Fully buffered (a pipe, not a terminal); the last line says the time.
        piped = subprocess.run(["sh", "-c", f"'{program}' | tail -n 1"], cwd=folder, env=environment, capture_output=True)
        text = piped.stdout.decode("utf-8", "replace")
        alone.append(per_print(text.replace("@@print-cost-benchmark-token@@", "").split("\x02")[-1]))
    results[name] = (statistics.median(under_tool), statistics.median(alone))

print(f"{'':10} {'(a) under the tool':>20} {'(b) alone, to a pipe':>22}")
for name in ["plain", "tagged"]:
    print(f"{name:10} {results[name][0]:>17.3f} µs {results[name][1]:>19.3f} µs")
print(f"{'added':10} {results['tagged'][0] - results['plain'][0]:>17.3f} µs {results['tagged'][1] - results['plain'][1]:>19.3f} µs")
print(f"load {os.getloadavg()[0]:.2f} at the end")
shutil.rmtree(folder, ignore_errors=True)
