r"""Norms at scale: an array larger than memory (Dask), and shards on several processes.

Two measurements that are not timing races between methods, so they are not
:class:`~normdocs_site.bench.cases.Case` s:

- :func:`measure_out_of_core`: ``nd.l2_norm`` of a Dask array of at least 8 GB whose chunks
  are made on demand, against ``np.linalg.norm`` of one in-memory chunk, in a fresh Python
  process (so that its peak resident memory is the norm's own): throughput (bytes per second
  of each, their ratio per round, the median over the rounds) and peak memory, with the value
  checked against the exact one. Both run as a reader gets them, whatever ``--threads`` says:
  Dask's threaded scheduler with one worker per core, NumPy with its BLAS's own threads (an
  out-of-core norm is a parallel reduction; at one thread each, ``einsum`` per chunk, which
  does not fight Dask's workers for the cores as BLAS's threads do, reads about 0.75x as fast
  as BLAS's ``dot``). Every chunk is the same 64 MB block (a view, no copy): the
  bytes the norm reads are real, and what is measured is the norm and Dask's scheduling, not
  a random-number generator or a disk.
- :func:`measure_collectives`: ``normdocs.distributed.vector_norm`` on a real gloo process
  group, with ``torch.distributed``'s collectives wrapped by counters in every process: how
  many ``all_reduce`` (and any other collective) one call issues, per ``ord``, on the fast
  path (local sums in range) and on the overflow fallback.

>>> r = out_of_core_run(bytes_total=2**22, chunk_bytes=2**20, workers=1, rounds=2)
>>> r["chunks"], r["rel_error"] < 1e-14
(4, True)
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from normdocs_site.bench.schema import CollectiveRow, Collectives, OutOfCore

MAX_PEAK_MB = 1000.0  # the issue: peak memory under 1 GB
MIN_THROUGHPUT_RATIO = 0.8  # at least 0.8x NumPy's throughput on one in-memory chunk
ORDS = ["0", "1", "1.5", "2", "3", "inf"]


# ---------------------------------------------------------------------------- out of core


def out_of_core_run(bytes_total: int, chunk_bytes: int, workers: int, rounds: int) -> OutOfCore:
    """The measurement itself, in this process (see :func:`measure_out_of_core`)."""
    import dask
    import dask.array

    da: Any = dask.array  # untyped

    import normdocs as nd

    n_chunk = chunk_bytes // 8
    k = max(1, bytes_total // (8 * n_chunk))
    block = np.random.default_rng(0).standard_normal(n_chunk)
    block.setflags(write=False)

    def provide(block_info: Any = None) -> Any:  # every chunk: the same block, made on demand
        return block

    x = da.map_blocks(provide, dtype=np.float64, chunks=((n_chunk,) * k,))
    exact = math.sqrt(math.fsum((block * block).tolist()) * k)
    t0 = time.perf_counter()
    lazy = nd.l2_norm(x)
    graph_s = time.perf_counter() - t0
    per_byte: list[float] = []
    dask_s: list[float] = []
    numpy_s: list[float] = []
    value = math.nan
    with dask.config.set(scheduler="threads", num_workers=workers):
        for _ in range(rounds):
            t0 = time.perf_counter()
            value = float(lazy.compute())
            td = time.perf_counter() - t0
            reps = 5
            t0 = time.perf_counter()
            for _ in range(reps):
                np.linalg.norm(block)
            tn = (time.perf_counter() - t0) / reps
            dask_s.append(td)
            numpy_s.append(tn)
            per_byte.append((tn / block.nbytes) / (td / (block.nbytes * k)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    total = block.nbytes * k
    ratio = statistics.median(per_byte)
    return {
        "array_bytes": total,
        "chunk_bytes": block.nbytes,
        "chunks": k,
        "dtype": "float64",
        "workers": workers,
        "rounds": rounds,
        "graph_seconds": graph_s,
        "seconds": statistics.median(dask_s),
        "throughput_gbps": total / statistics.median(dask_s) / 1e9,
        "numpy_chunk_gbps": block.nbytes / statistics.median(numpy_s) / 1e9,
        "throughput_ratio": ratio,
        "peak_rss_mb": peak_mb,
        "value": value,
        "exact": exact,
        "rel_error": abs(value - exact) / exact,
        "met": ratio >= MIN_THROUGHPUT_RATIO and peak_mb < MAX_PEAK_MB,
    }


def measure_out_of_core(gb: float, chunk_mb: float, workers: int, rounds: int) -> OutOfCore:
    """:func:`out_of_core_run` in a fresh Python process: its peak memory is the norm's."""
    args = [f"--bytes={int(gb * 1e9)}", f"--chunk-bytes={int(chunk_mb * 1e6)}"]
    args += [f"--workers={workers}", f"--rounds={rounds}"]
    result: OutOfCore = _in_fresh_process("out-of-core", args, timeout=1800)
    return result


def _in_fresh_process(what: str, args: list[str], timeout: float) -> Any:
    """``python -m normdocs_site.bench.scale WHAT ARGS`` in a new process; its JSON."""
    cmd = [sys.executable, "-m", "normdocs_site.bench.scale", what, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{what} measurement failed:\n{done.stderr}")
    return json.loads(done.stdout)


# ---------------------------------------------------------------------------- collectives

COLLECTIVES = ("all_reduce", "all_gather", "all_gather_into_tensor", "broadcast", "reduce")


def _collectives_worker(rank: int, world: int, port: int, out: Any) -> None:
    import torch
    import torch.distributed as dist

    from normdocs import distributed

    dist.init_process_group(
        "gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world
    )
    try:
        calls = dict.fromkeys(COLLECTIVES, 0)

        def counting(name: str, real: Any) -> Any:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                calls[name] += 1
                return real(*args, **kwargs)

            return wrapper

        for name in COLLECTIVES:
            setattr(dist, name, counting(name, getattr(dist, name)))
        rows = []
        for path, scale in (("fast", 1.0), ("fallback", 1e200)):
            for o in ORDS:
                local = torch.full((1000,), scale * (rank + 1), dtype=torch.float64)
                for key in calls:
                    calls[key] = 0
                distributed.vector_norm(local, float(o))
                rows.append((path, o, dict(calls)))
        if rank == 0:
            out.put(rows)
    finally:
        dist.destroy_process_group()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def measure_collectives(world: int = 2) -> Collectives:
    """:func:`collectives_run` in a fresh Python process (the processes it spawns import
    ``__main__``, which must not be a script that runs the benchmark again)."""
    result: Collectives = _in_fresh_process("collectives", [f"--world={world}"], timeout=600)
    return result


def collectives_run(world: int) -> Collectives:
    """How many collectives one ``distributed.vector_norm`` call issues, per ord and path."""
    import torch.multiprocessing as mp

    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    port = _free_port()
    procs = [
        ctx.Process(target=_collectives_worker, args=(r, world, port, queue)) for r in range(world)
    ]
    for p in procs:
        p.start()
    try:
        raw = queue.get(timeout=180)
    finally:
        for p in procs:
            p.join(timeout=60)
            if p.is_alive():
                p.kill()
    rows: list[CollectiveRow] = []
    for path, o, calls in raw:
        others = sum(v for k, v in calls.items() if k != "all_reduce")
        rows.append({"path": path, "ord": o, "all_reduce": calls["all_reduce"], "other": others})
    fast = [r for r in rows if r["path"] == "fast"]
    met = all(r["all_reduce"] == 1 and r["other"] == 0 for r in fast)
    return {"world_size": world, "rows": rows, "met": met}


# ---------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m normdocs_site.bench.scale")
    sub = ap.add_subparsers(dest="what", required=True)
    ooc = sub.add_parser("out-of-core", help="print the out-of-core measurement as JSON")
    ooc.add_argument("--bytes", type=int, required=True)
    ooc.add_argument("--chunk-bytes", type=int, required=True)
    ooc.add_argument("--workers", type=int, default=1)
    ooc.add_argument("--rounds", type=int, default=5)
    col = sub.add_parser("collectives", help="print the collective counts as JSON")
    col.add_argument("--world", type=int, default=2)
    args = ap.parse_args(argv)
    if args.what == "out-of-core":
        r: Any = out_of_core_run(args.bytes, args.chunk_bytes, args.workers, args.rounds)
    else:
        r = collectives_run(args.world)
    print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
