"""Timing the site itself (``--site``): clean strict builds, and ``mkdocs serve``'s rebuild.

A clean build is :func:`normdocs_site.build.build_site` (strict, a new directory, the
notebook cache off, so notebooks really execute), run in a child Python process
(``python -m normdocs_site.bench.site DIR``) so that the peak memory it reports, the largest
resident set of one process of the build, is that build's alone. ``mkdocs serve`` runs as
``scripts/serve`` runs it (notebook cache on); a rebuild is timed from the save of a page to
the server's "Reloading browsers", what a writer waits for.
"""

from __future__ import annotations

import json
import os
import queue
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from normdocs_site.bench.harness import log
from normdocs_site.bench.schema import BuildTiming, Rebuild, ServeTiming, SiteTiming
from normdocs_site.build import build_site
from normdocs_site.paths import DOCS, ROOT

TOUCHED = DOCS / "performance" / "norm-speed.md"  # the page saved to time a rebuild
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
RELOADING = re.compile(r"Reloading browsers")
SERVING = re.compile(r"Serving on")


def measure_build() -> BuildTiming:
    """One clean strict build (no notebook cache) into a new directory: wall time, peak RSS."""
    with tempfile.TemporaryDirectory() as d:
        proc = subprocess.run(
            [sys.executable, "-m", "normdocs_site.bench.site", str(Path(d) / "site")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{proc.stderr[-4000:]}")
    timing: BuildTiming = json.loads(proc.stdout.splitlines()[-1])
    return timing


def _build_here(site: Path) -> int:
    """The child of :func:`measure_build`: build, print the timing as one JSON line."""
    build = build_site(site)
    if not build.ok:
        sys.stderr.write(build.output[-4000:])
        return build.returncode
    # ru_maxrss of the children: the largest of the build's processes (KiB on Linux)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    timing: BuildTiming = {"seconds": build.seconds, "peak_rss_mb": peak_kib / 1024}
    print(json.dumps(timing))
    return 0


def measure_serve(env: dict[str, str], touches: int, page: Path, port: int) -> ServeTiming:
    """``mkdocs serve``: the first build, then the rebuild after each rewrite of ``page``."""
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put((time.perf_counter(), line.rstrip()))
        lines.put((time.perf_counter(), ""))

    threading.Thread(target=reader, daemon=True).start()

    def wait_for(pattern: re.Pattern[str], timeout: float) -> tuple[float, re.Match[str]]:
        end = time.perf_counter() + timeout
        while True:
            try:
                t, line = lines.get(timeout=max(0.1, end - time.perf_counter()))
            except queue.Empty:
                raise TimeoutError(f"mkdocs serve: no {pattern.pattern!r}") from None
            if proc.poll() is not None and not line:
                raise RuntimeError(f"mkdocs serve exited with {proc.returncode}")
            if m := pattern.search(line):
                return t, m
            if time.perf_counter() > end:
                raise TimeoutError(f"mkdocs serve: no {pattern.pattern!r}")

    try:
        start = time.perf_counter()
        t, m = wait_for(BUILT, 600)
        first: Rebuild = {"seconds": t - start, "reported_seconds": float(m.group(1))}
        wait_for(SERVING, 60)
        rebuilds: list[Rebuild] = []
        text = page.read_bytes()
        for _ in range(touches):
            time.sleep(1.0)
            t0 = time.perf_counter()
            page.write_bytes(text)  # same content: a save in an editor
            _, m = wait_for(BUILT, 600)
            t1, _ = wait_for(RELOADING, 60)  # the browser is told to reload: what a writer sees
            rebuilds.append({"seconds": t1 - t0, "reported_seconds": float(m.group(1))})
        return {
            "first_build": first,
            "rebuilds": rebuilds,
            "rebuild_median_s": statistics.median(r["seconds"] for r in rebuilds),
            "touched": page.relative_to(ROOT).as_posix(),
            "note": "mkdocs serve as scripts/serve runs it (notebook cache on)",
        }
    finally:
        proc.send_signal(signal.SIGINT)  # lets the hooks shut their helpers down
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def measure_site(builds: int, touches: int, port: int) -> SiteTiming:
    """``builds`` clean strict builds, then ``mkdocs serve`` with ``touches`` rebuilds."""
    runs: list[BuildTiming] = []
    for i in range(builds):
        log(f"site: clean strict build {i + 1}/{builds} ...")
        runs.append(measure_build())
        log(f"site:   {runs[-1]['seconds']:.1f} s, peak {runs[-1]['peak_rss_mb']:.0f} MB")
    log(f"site: mkdocs serve, {touches} rebuilds ...")
    env = {  # as a writer runs it: the notebook cache as mkdocs.yml sets it
        **{k: v for k, v in os.environ.items() if k != "NORMDOCS_NOTEBOOK_CACHE"},
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    serve = measure_serve(env, touches, TOUCHED, port)
    log(f"site:   rebuild {serve['rebuild_median_s']:.1f} s (median)")
    return {
        "command": "mkdocs build --strict --clean -d <new dir>  (NORMDOCS_NOTEBOOK_CACHE=false)",
        "builds": runs,
        "build_median_s": statistics.median(r["seconds"] for r in runs),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "peak_rss_note": "the largest resident set of one process of the build",
        "serve": serve,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m normdocs_site.bench.site DIR``: one timed clean build into ``DIR``."""
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        print("usage: python -m normdocs_site.bench.site SITE_DIR", file=sys.stderr)
        return 2
    return _build_here(Path(args[0]))


if __name__ == "__main__":
    sys.exit(main())
