#!/usr/bin/env python3
"""Measures a sharded build of the synthetic book (200 chapters x 5 cells): the cold time of one
shard of 4 and the fan-in (`build --cached-only`) time, next to the unsharded cold time. Each
shard and the fan-in is a separate "machine" (its own empty cache folder) sharing an nginx
WebDAV server on 127.0.0.1 as the remote cache (without nginx, they share one local cache).
Run by hand:

    swift build && python3 Benchmarks/shard-benchmark.py [--release] [--shards 4]

On one machine the shards run one after another; in CI they run at once on N machines, so the
wall time of a sharded build is about the slowest shard plus the fan-in.
"""
import argparse
import importlib.util
import os
import shutil
import socket
import secrets
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("build_benchmark", os.path.join(ROOT, "Benchmarks", "build-benchmark.py"))
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def start_nginx(folder):
    """nginx with WebDAV PUT on a free port, storing in folder/data; (process, url) or (None, None)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        return None, None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    os.makedirs(os.path.join(folder, "data"))
    temporaries = "\n".join(f"  {name}_temp_path {folder}/{name};" for name in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
    with open(os.path.join(folder, "nginx.conf"), "w") as file:
        file.write(f"""daemon off; master_process off; worker_processes 1; pid {folder}/nginx.pid;
error_log {folder}/error.log; events {{ worker_connections 512; }}
http {{ access_log off;
{temporaries}
  server {{ listen 127.0.0.1:{port}; root {folder}/data; client_max_body_size 0;
    location / {{ dav_methods PUT; create_full_put_path on; }} }} }}
""")
    process = subprocess.Popen([binary, "-p", folder, "-c", f"{folder}/nginx.conf", "-e", f"{folder}/error.log"])
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return process, f"http://127.0.0.1:{port}/"
        except OSError:
            time.sleep(0.05)
    process.terminate()
    return None, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--release", action="store_true")
    parser.add_argument("--shards", type=int, default=4)
    args = parser.parse_args()
    configuration = "release" if args.release else "debug"
    subprocess.run(["swift", "build", "-c", configuration, "--product", "tutorial"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    tool = os.path.join(ROOT, ".build", configuration, "tutorial")
    project = tempfile.mkdtemp(prefix="tutorial-shard-bench-")
    bench.synthetic_book(os.path.join(project, "chapters"))
    server, url = start_nginx(os.path.join(project, "server"))
    remote = ["--remote-cache", url] if url else []
    # The remote cache authenticates its entries: the shards and the fan-in share one key, which
    # every build started below inherits.
    os.environ["TUTORIAL_REMOTE_CACHE_KEY"] = secrets.token_hex(32)
    shared = [] if url else ["--cache-dir", "shared-cache"]
    try:
        rows = []
        wall, rss, data = bench.build(tool, project, ["--cache-dir", "plain-cache", "--output", "plain-site"])
        rows.append(("unsharded cold build", wall, bench.counts(data)))
        shard_walls = []
        for part in range(1, args.shards + 1):
            cache = shared or ["--cache-dir", f"shard-{part}-cache"]
            wall, rss, data = bench.build(tool, project, ["--shard", f"{part}/{args.shards}", *cache, *remote])
            shard_walls.append(wall)
            rows.append((f"shard {part}/{args.shards}, cold", wall, bench.counts(data)))
        cache = shared or ["--cache-dir", "fan-in-cache"]
        wall, rss, data = bench.build(tool, project, ["--cached-only", *cache, *remote])
        rows.append(("fan-in (--cached-only)", wall, bench.counts(data)))
        print(f"\nsynthetic book: {len(data['examples'])} examples, {os.cpu_count()} cores, "
              f"{'remote cache ' + url if url else 'one shared local cache'}")
        print(f"{'build':<32} {'seconds':>8} {'compiled':>9} {'run':>5}")
        for name, wall, (compiled, ran) in rows:
            print(f"{name:<32} {wall:>8.2f} {compiled:>9} {ran:>5}")
        print(f"slowest shard + fan-in (CI wall time with {args.shards} machines): {max(shard_walls) + wall:.2f} s "
              f"vs unsharded {rows[0][1]:.2f} s")
        # The fan-in published the examples' times: the next run's shards are balanced by them.
        times = {e["name"]: e["compileSeconds"] + (e.get("runSeconds") or 0) for e in data["examples"]}
        first = {e["name"]: e for e in data["examples"]}
        for label, extra in (("by hash (cold)", ["--cache-dir", "empty-cache"]), ("balanced by published times", [*shared, *remote])):
            if label.startswith("by hash") and not url:
                continue
            parts = []
            for part in range(1, args.shards + 1):
                listed = subprocess.run([tool, "list", "--shard", f"{part}/{args.shards}", *extra], cwd=project,
                                        capture_output=True, text=True, check=True).stdout.split("\n")
                names = [line.split()[0] for line in listed if line.strip()]
                parts.append((len(names), sum(times[name] for name in names if name in first)))
            print(f"split {label}: " + ", ".join(f"{count} examples / {seconds:.1f} s" for count, seconds in parts))
    finally:
        if server:
            server.terminate()
            server.wait()
        shutil.rmtree(project, ignore_errors=True)


if __name__ == "__main__":
    main()
