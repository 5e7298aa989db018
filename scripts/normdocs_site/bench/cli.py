"""The command line of the benchmark: ``python scripts/bench.py [options]``.

    python scripts/bench.py                      # full run, a few minutes: bench-results/bench.json
    python scripts/bench.py --quick              # tiny sizes, 3 rounds: a correctness smoke test
    python scripts/bench.py --scale              # also an 8 GB Dask array and the collectives
    python scripts/bench.py --site               # also time the site: clean build, serve rebuild
    python scripts/bench.py --site-only --out docs/performance/bench.json  # only the site numbers

Progress goes to stderr, the JSON (a :class:`~normdocs_site.bench.schema.BenchDocument`) to
``--out``. The exit status is 1 when a method disagrees with the exact value.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import normdocs_site.bench
from normdocs_site.bench import scale, schema
from normdocs_site.bench.cases import FULL, QUICK, numpy_cases, torch_cases
from normdocs_site.bench.harness import limit_threads, log, machine, run_case
from normdocs_site.bench.schema import SCHEMA, BenchDocument, CaseResult
from normdocs_site.bench.site import measure_site
from normdocs_site.bench.targets import evaluate_targets
from normdocs_site.paths import ROOT

DEFAULT_OUT = ROOT / "bench-results" / "bench.json"


def parser() -> argparse.ArgumentParser:
    doc = normdocs_site.bench.__doc__ or ""
    ap = argparse.ArgumentParser(prog="scripts/bench.py", description=doc.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    ap.add_argument("--quick", action="store_true", help="tiny sizes and 3 rounds (a smoke test)")
    ap.add_argument("--rounds", type=int, help="timing rounds per size (default 25, quick 3)")
    ap.add_argument("--only", nargs="*", help="case ids to run (default: all)")
    ap.add_argument(
        "--threads",
        type=int,
        help="limit BLAS, OpenMP and torch to this many threads (default: the libraries' own)",
    )
    ap.add_argument(
        "--budget", type=float, default=40.0, help="seconds of timing per size at most (~)"
    )
    ap.add_argument(
        "--scale",
        action="store_true",
        help="also measure at scale: the L2 norm of an 8 GB Dask array (peak memory, throughput;"
        " 0.1 GB with --quick) and the collectives of normdocs.distributed.vector_norm",
    )
    ap.add_argument("--site", action="store_true", help="also measure the site build and serve")
    ap.add_argument(
        "--site-only", action="store_true", help="only the site; keep the rest of --out"
    )
    ap.add_argument("--port", type=int, default=8123, help="port of mkdocs serve (--site)")
    ap.add_argument(
        "--merge",
        action="store_true",
        help="keep the cases (and site numbers) of --out that this run does not measure",
    )
    return ap


def measure_cases(args: argparse.Namespace, flags: list[str]) -> BenchDocument:
    """Run the cases the arguments ask for; the document without ``site``."""
    sizes = QUICK if args.quick else FULL
    rounds: int = args.rounds or sizes.rounds
    cases = numpy_cases(sizes)
    try:
        cases += torch_cases(sizes)
    except ImportError:
        log("torch is not installed: NumPy cases only")
    if args.only:
        cases = [c for c in cases if c.id in args.only]
    total = sum(len(c.sizes) for c in cases)
    done = [0]
    started = time.perf_counter()

    def step(what: str) -> None:
        done[0] += 1
        log(f"[{done[0]:2d}/{total}] {time.perf_counter() - started:6.1f} s  {what}")

    previous = schema.load(args.out) if args.merge and args.out.exists() else None
    load_before = os.getloadavg()
    with limit_threads(args.threads):
        info = machine()
        out_cases: dict[str, CaseResult] = {
            c.id: run_case(c, rounds, sizes.sample_s, args.budget, step) for c in cases
        }
    if previous is not None:
        kept = {c["id"]: c for c in previous["cases"]}
        out_cases = {**kept, **out_cases}
    info["load_average_before"] = [round(v, 2) for v in load_before]
    info["load_average_after"] = [round(v, 2) for v in os.getloadavg()]
    result: BenchDocument = {
        "schema": SCHEMA,
        "quick": args.quick,
        "command": " ".join(["python scripts/bench.py", *flags]),
        "rounds": rounds,
        "threads": args.threads or "library defaults",
        "machine": info,
        "seconds": time.perf_counter() - started,
        "cases": list(out_cases.values()),
        "targets": evaluate_targets(out_cases),
    }
    if args.scale:
        log("out of core: nd.l2_norm of a Dask array, in a fresh process")
        workers = os.cpu_count() or 1  # as a reader runs Dask (see normdocs_site.bench.scale)
        gb, chunk_mb, rounds_ooc = (0.1, 8.0, 2) if args.quick else (8.2, 64.0, 5)
        result["out_of_core"] = scale.measure_out_of_core(gb, chunk_mb, workers, rounds_ooc)
        log("collectives: normdocs.distributed.vector_norm on 2 gloo processes")
        result["collectives"] = scale.measure_collectives(2)
    if previous is not None:
        result["merged"] = {"remeasured": [c.id for c in cases], "into": previous["command"]}
        for key in ("site", "out_of_core", "collectives"):
            if key in previous and key not in result:
                result[key] = previous[key]
    for t in result["targets"]:
        mark = "ok " if t["met"] else "MISS"
        log(f"{mark} {t['ratio']:5.2f}x (<= {t['max_ratio']}x)  {t['text']}  [n={t['n']:.0e}]")
    if "out_of_core" in result:
        o = result["out_of_core"]
        log(
            f"{'ok ' if o['met'] else 'MISS'} out of core: {o['array_bytes'] / 1e9:.1f} GB at "
            f"{o['throughput_ratio']:.2f}x NumPy's throughput on one chunk (>= 0.8x), peak "
            f"{o['peak_rss_mb']:.0f} MB (< 1000 MB)"
        )
    if "collectives" in result:
        mark = "ok " if result["collectives"]["met"] else "MISS"
        log(f"{mark} distributed.vector_norm: one all_reduce on every fast path")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, write ``--out``; 1 when a method disagrees with the exact value."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = parser().parse_args(arguments)
    if args.site_only:
        if not args.out.exists():
            log(f"--site-only keeps the cases of --out, but there is no {args.out}")
            return 2
        result = schema.load(args.out)
    else:
        result = measure_cases(args, [a for a in arguments if a != "--merge"])
    if args.site or args.site_only:
        result["site"] = measure_site(1 if args.quick else 2, 1 if args.quick else 3, args.port)
    schema.validate(result, "the document to write")  # this run's own shape: a bug if not
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, sort_keys=False) + "\n")
    log(f"wrote {args.out}")
    disagree = [
        f"{c['id']}: {m['name']} n={r['n']}"
        for c in result["cases"]
        for m in c["methods"]
        for r in m["results"]
        if r.get("agrees") is False
    ]
    if "out_of_core" in result and result["out_of_core"]["rel_error"] > 1e-12:
        disagree.append(f"out of core: {result['out_of_core']['value']!r}")
    for d in disagree:
        log(f"DISAGREES with the exact value: {d}")
    return 1 if disagree else 0
