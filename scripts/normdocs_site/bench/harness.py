"""The timing harness: correctness first, then interleaved rounds with the GC off.

For every size of a case, each method's result is compared with the case's exact reference
(``agrees``), every method runs on the case's edge inputs (``correct``), and then the methods
are timed interleaved, in a new random order in every round, in this process, with the
garbage collector off; a fast call is repeated to last about ``sample_s`` per sample.
:func:`limit_threads` pins every thread pool (BLAS, OpenMP, torch) for ``--threads``.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import importlib
import math
import os
import platform
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from normdocs_site.bench.cases import Case, Method
from normdocs_site.bench.schema import (
    Agreement,
    CaseResult,
    EdgeOutcome,
    Machine,
    MethodResult,
    SizeResult,
    ThreadPool,
)


def log(msg: str) -> None:
    """Progress, to stderr (the JSON goes to ``--out``)."""
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- correctness


def rel_error(value: Any, exact: float) -> float:
    """How far ``value`` (a float, NumPy scalar or 0-d tensor) is from ``exact``, relative;
    0 when both are NaN or the same infinity."""
    v = float(value.detach()) if hasattr(value, "detach") else float(value)
    if math.isnan(exact) or math.isnan(v):
        return 0.0 if math.isnan(exact) and math.isnan(v) else math.inf
    if math.isinf(exact) or math.isinf(v):
        return 0.0 if v == exact else math.inf
    return abs(v - exact) / abs(exact) if exact else abs(v)


def tolerance(dtype: str) -> float:
    """Agreement with the exact value: a sanity check that a method computes the same
    quantity, not an accuracy ranking (each method's error is reported as well). float32
    sums of 10^7 elements accumulated in one running float32 (torch's vector_norm) are off
    by about 1e-3."""
    return 1e-10 if dtype == "float64" else 2e-2


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No warnings and no floating-point error messages (the edge inputs overflow)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def edge_results(case: Case, method: Method) -> dict[str, EdgeOutcome]:
    """``{edge: {"ok": bool, "got": what the method gave}}`` on every edge input."""
    out: dict[str, EdgeOutcome] = {}
    for edge in case.edges:
        x: Any
        if case.library == "torch":
            import torch

            x = torch.tensor(edge.values, dtype=getattr(torch, case.dtype))
        else:
            x = np.array(edge.values, dtype=case.dtype)
        try:
            with quiet():
                got = method.fn(x)
            value = float(got.detach()) if hasattr(got, "detach") else float(got)
            ok = rel_error(value, edge.expected) <= (1e-6 if case.dtype == "float32" else 1e-14)
            out[edge.name] = {"ok": ok, "got": repr(value)}
        except Exception as exc:
            out[edge.name] = {"ok": False, "got": f"raises {type(exc).__name__}"}
    return out


def agreement(case: Case, method: Method, data: Any, exact: float) -> Agreement:
    """``method``'s result on ``data`` against the exact value (and its gradients)."""
    with quiet():
        got = method.fn(data)
    out: Agreement = {}
    err = rel_error(got, exact)
    if case.check is not None:
        out["grad_error"] = case.check(data, got)
        err = max(err, out["grad_error"])
    out["rel_error"] = rel_error(got, exact)
    out["agrees"] = err <= tolerance(case.dtype)
    return out


# ---------------------------------------------------------------------------- timing


def time_methods(
    fns: dict[str, Callable[[], object]], rounds: int, sample_s: float, budget_s: float
) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Per-call seconds of every function, one sample per round, interleaved in random order.

    Fewer rounds (at least 7) when ``rounds`` of them would take longer than ``budget_s``.
    """
    calls = {}
    round_s = 0.0
    for name, f in fns.items():
        f()  # warm-up (first-call imports, caches, buffers)
        t0 = time.perf_counter()
        f()
        dt = time.perf_counter() - t0
        calls[name] = max(1, min(100_000, int(sample_s / max(dt, 1e-7))))
        round_s += calls[name] * dt
    rounds = max(min(rounds, 7), min(rounds, int(budget_s / max(round_s, 1e-9))))
    samples: dict[str, list[float]] = {name: [] for name in fns}
    order = list(fns)
    shuffle = random.Random(0).shuffle
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            shuffle(order)
            for name in order:
                f, k = fns[name], calls[name]
                t0 = time.perf_counter()
                for _ in range(k):
                    f()
                samples[name].append((time.perf_counter() - t0) / k)
    finally:
        if gc_was:
            gc.enable()
    return samples, calls


def _call(fn: Callable[[Any], object], data: Any) -> Callable[[], object]:
    return lambda: fn(data)


def run_case(
    case: Case, rounds: int, sample_s: float, budget_s: float, step: Callable[[str], None]
) -> CaseResult:
    """Measure ``case`` at each of its sizes; ``step`` is told when a size starts."""
    edges = {m.name: edge_results(case, m) if m.role != "floor" else {} for m in case.methods}
    results: dict[str, list[SizeResult]] = {m.name: [] for m in case.methods}
    for n in case.sizes:
        step(f"{case.id} n={n:.0e}")
        data = case.make(n)
        exact = case.exact(data)
        agreed: dict[str, Agreement] = {
            m.name: agreement(case, m, data, exact) if m.role != "floor" else {}
            for m in case.methods
        }
        samples, calls = time_methods(
            {m.name: _call(m.fn, data) for m in case.methods}, rounds, sample_s, budget_s
        )
        for m in case.methods:
            s = sorted(samples[m.name])
            q = statistics.quantiles(s, n=4) if len(s) >= 2 else [s[0]] * 3
            results[m.name].append(
                {
                    "n": n,
                    **agreed[m.name],
                    "median_s": statistics.median(s),
                    "min_s": s[0],
                    "q1_s": q[0],
                    "q3_s": q[2],
                    "calls_per_sample": calls[m.name],
                    "rounds": len(s),
                    "samples_s": [float(f"{v:.4g}") for v in samples[m.name]],  # round order
                }
            )
        del data
        gc.collect()
    methods: list[MethodResult] = [
        {
            "name": m.name,
            "library": m.library,
            "role": m.role,
            "note": m.note,
            "edge_cases": edges[m.name],
            "correct": m.role != "floor" and all(e["ok"] for e in edges[m.name].values()),
            "results": results[m.name],
        }
        for m in case.methods
    ]
    return {
        "id": case.id,
        "title": case.title,
        "operation": case.operation,
        "library": case.library,
        "dtype": case.dtype,
        "size_label": case.size_label,
        "timing": case.timing,
        "sizes": case.sizes,
        "tolerance": tolerance(case.dtype),
        "edge_inputs": [
            {"name": e.name, "values": [repr(v) for v in e.values], "expected": repr(e.expected)}
            for e in case.edges
        ],
        "methods": methods,
    }


# ---------------------------------------------------------------------------- the machine


def machine() -> Machine:
    """The machine, the library versions and the thread pools (as they are limited now)."""
    info: Machine = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "load_average_before": [],  # filled in by the caller, who knows when the run began
        "load_average_after": [],
    }
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 2**20, 1)
    with contextlib.suppress(ImportError):
        info["scipy"] = str(importlib.import_module("scipy").__version__)
    with contextlib.suppress(ImportError):
        import torch

        info["torch"] = str(torch.__version__)
        info["torch_threads"] = torch.get_num_threads()
    with contextlib.suppress(ImportError):
        pools: list[dict[str, Any]] = importlib.import_module("threadpoolctl").threadpool_info()
        info["threadpools"] = [_pool(p) for p in pools]
    return info


def _pool(p: dict[str, Any]) -> ThreadPool:
    return {
        "user_api": p.get("user_api"),
        "internal_api": p.get("internal_api"),
        "num_threads": p.get("num_threads"),
        "version": p.get("version"),
    }


@contextlib.contextmanager
def limit_threads(n: int | None) -> Iterator[None]:
    """Every thread pool (OpenBLAS of NumPy and SciPy, OpenMP, torch) limited to ``n``."""
    if n is None:
        yield
        return
    threadpoolctl: Any = importlib.import_module("threadpoolctl")  # it has no type hints

    torch = sys.modules.get("torch")
    old = torch.get_num_threads() if torch else None
    with threadpoolctl.threadpool_limits(limits=n):
        if torch:
            torch.set_num_threads(n)
        try:
            yield
        finally:
            if torch:
                torch.set_num_threads(old)
