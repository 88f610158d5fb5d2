#!/usr/bin/env python3
"""What capturing a program's output costs: a one-chapter book whose example prints N short lines
(`print("line \\(i)")`), timed (a) alone with its output to /dev/null, (b) line-buffered into a
pipe (`stdbuf -oL prog | cat > /dev/null`), (c) run by the tool (`tutorial run NAME > /dev/null`:
the ordered-output socket, the reader, the splitting into cells and lines, the echo to the
terminal; the program is compiled and cached beforehand, so no compile is timed). The same binary,
the one the tool compiled, runs in all three. Prints the median of 3 of each (wall clock, and the
CPU time of every process of the run, which says more on a busy machine), and (c)/(b).

Run by hand from the package folder after `swift build` (or `swift build -c release`, then pass
`--release`); the line counts default to 300,000 and 3,000,000:

    python3 Benchmarks/capture-benchmark.py [--release] [--tool PATH] [LINES ...]

`--tool PATH` times another build of the tool (an older one, to compare).
"""
import os, resource, shutil, statistics, subprocess, sys, tempfile, time

arguments = sys.argv[1:]
release = "--release" in arguments
tool = None
if "--tool" in arguments:
    at = arguments.index("--tool")
    tool = arguments[at + 1]
    del arguments[at:at + 2]
counts = [int(a.replace(",", "").replace("_", "")) for a in arguments if a != "--release"] or [300_000, 3_000_000]
TOOL = os.path.abspath(tool or f".build/{'release' if release else 'debug'}/tutorial")
STDBUF = shutil.which("stdbuf") or sys.exit("stdbuf not found")
if not os.access(TOOL, os.X_OK):
    sys.exit(f"{TOOL} not found: run `swift build{' -c release' if release else ''}` first")


def make_book(lines):
    folder = tempfile.mkdtemp(prefix="tutorial-capture-bench-")
    os.makedirs(f"{folder}/chapters")
    with open(f"{folder}/chapters/01-lines.md", "w") as f:
        f.write("# Lines\n\n```swift\nfor i in 0..<%d {\n    print(\"line \\(i)\")\n}\n```\n" % lines)
    return folder


def timed(command, cwd, **redirects):
    start = time.monotonic()
    result = subprocess.run(command, cwd=cwd, **redirects)
    seconds = time.monotonic() - start
    return seconds, result.returncode


def compiled_program(folder):
    """The executable the tool compiled for the example: the newest executable file in the book's
    folder other than the chapters."""
    found = []
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            if os.access(path, os.X_OK) and not path.endswith((".md", ".json", ".swift", ".o")) and os.path.isfile(path):
                found.append((os.path.getmtime(path), path))
    if not found:
        sys.exit(f"no compiled program found under {folder}")
    return max(found)[1]


def median_of_3(command, cwd, shell=False):
    """The median wall-clock seconds of 3 runs, the median CPU seconds (user + system, every
    process of the run), and whether a run hit the tool's time limit (exit status 124)."""
    runs, cpus, timed_out = [], [], False
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(os.devnull, "wb") as null:
            seconds, status = timed(command, cwd, stdout=null, stderr=null, shell=shell)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if status == 124:
            timed_out = True
        elif status != 0:
            sys.exit(f"{command} exited with {status}")
        runs.append(seconds)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(runs), statistics.median(cpus), timed_out


print(f"tool: {TOOL}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.2f} at start")
print("wall-clock seconds, median of 3 (CPU seconds of every process in brackets); * = hit the 30 s time limit")
print(f"{'lines':>10} {'(a) /dev/null':>18} {'(b) stdbuf|cat':>18} {'(c) tool run':>19} {'(c)/(b)':>8}")
for lines in counts:
    folder = make_book(lines)
    # Compiles and caches the program (not timed); fails loudly if the compile does.
    with open(os.devnull, "wb") as null:
        _, status = timed([TOOL, "run", "lines"], folder, stdout=null, stderr=subprocess.PIPE)
    if status not in (0, 124):
        sys.exit(f"tutorial run lines exited with {status} for {lines} lines")
    program = compiled_program(folder)
    alone, alone_cpu, _ = median_of_3([program], folder)
    piped, piped_cpu, _ = median_of_3(f"'{STDBUF}' -oL '{program}' | cat > /dev/null", folder, shell=True)
    tool, tool_cpu, timed_out = median_of_3([TOOL, "run", "lines"], folder)
    mark = "*" if timed_out else " "
    print(f"{lines:>10,} {alone:>7.2f} s ({alone_cpu:5.2f}) {piped:>7.2f} s ({piped_cpu:5.2f}) "
          f"{tool:>7.2f} s{mark}({tool_cpu:5.2f}) {tool / piped:>8.2f}")
    shutil.rmtree(folder, ignore_errors=True)
print(f"load {os.getloadavg()[0]:.2f} at the end")
