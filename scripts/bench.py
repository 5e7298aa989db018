#!/usr/bin/env python
r"""Benchmark normdocs against NumPy, SciPy and PyTorch; write every number as JSON.

The Performance page (``docs/performance/norm-speed.md``) is built from the JSON this writes
(``docs/performance/bench.json``, committed, measured on one machine).

    python scripts/bench.py                      # full run, a few minutes: bench-results/bench.json
    python scripts/bench.py --quick              # tiny sizes, 3 rounds: a correctness smoke test
    python scripts/bench.py --site               # also time the site: clean build, serve rebuild
    python scripts/bench.py --site-only --out docs/performance/bench.json  # only the site numbers

How it measures, so that the numbers are ratios that mean something on a busy machine:

- every method of a case runs on the same data, and before any timing its result is compared
  with an exact reference (float64 ``math.fsum``); a method that disagrees is reported
  (``agrees: false``) and the run exits 1;
- every method also runs on edge inputs (overflow, underflow, NaN, inf); ``correct`` means it
  gives the right answer on all of them (``np.linalg.norm`` overflows, BLAS ``idamax`` skips
  NaN, ...). Only correct methods are candidates for "the fastest correct way";
- the methods are timed interleaved, in a new random order in every round, in one process, with
  the garbage collector off; a fast call is repeated to last about 2 ms per sample. Each time
  is the median over the rounds; a ratio is the median over the rounds of the quotient of
  two times measured in the same round.

Progress goes to stderr, the JSON to ``--out``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import json
import math
import os
import platform
import queue
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "bench-results" / "bench.json"
SCHEMA = 1

Fn = Callable[[Any], Any]


# ---------------------------------------------------------------------------- the cases


@dataclass
class Method:
    name: str  # the code a reader would write, e.g. "np.linalg.norm(x, 1)"
    fn: Fn
    library: str  # normdocs, numpy, scipy, torch
    role: str = "alternative"  # normdocs | alternative | floor (not the same quantity)
    note: str = ""


@dataclass
class Edge:
    name: str
    values: list[float]
    expected: float


@dataclass
class Case:
    id: str
    title: str
    operation: str  # l1 | l2 | linf | l1-penalty | l2-penalty | mse | l1-loss | huber
    library: str  # numpy | torch
    dtype: str
    sizes: list[int]
    make: Callable[[int], Any]  # size -> the input handed to every method
    exact: Callable[[Any], float]  # input -> the exact value
    methods: list[Method]
    edges: list[Edge] = field(default_factory=list)
    size_label: str = "elements"
    timing: str = "one call"
    check: Callable[[Any, Any], float] | None = None  # (input, result) -> extra error (grads)


def _fsum_abs(a: np.ndarray) -> float:
    return math.fsum(np.abs(a.astype(np.float64)).ravel().tolist())


def _fsum_sq(a: np.ndarray) -> float:
    b = a.astype(np.float64)
    return math.fsum((b * b).ravel().tolist())


def _np(x: Any) -> np.ndarray:
    """A NumPy float64 copy of an array or tensor."""
    if hasattr(x, "detach"):
        x = x.detach().cpu().numpy()
    return np.asarray(x, dtype=np.float64)


EXACT: dict[str, Callable[[Any], float]] = {
    "l1": lambda x: _fsum_abs(_np(x)),
    "l2": lambda x: math.sqrt(_fsum_sq(_np(x))),
    "linf": lambda x: float(np.max(np.abs(_np(x)))),
}


def _edges(op: str, dtype: str) -> list[Edge]:
    """Inputs on which a method must give the exact answer to count as correct."""
    big, small = (1e200, 1e-200) if dtype == "float64" else (3e20, 3e-30)
    nan = [1.0, math.nan, -2.0]
    if op == "l2":
        return [
            Edge("overflow", [big, big], big * math.sqrt(2)),
            Edge("underflow", [small, small], small * math.sqrt(2)),
            Edge("nan", nan, math.nan),
            Edge("inf", [math.inf, 1.0], math.inf),
        ]
    if op == "l1":
        return [Edge("nan", nan, math.nan), Edge("inf", [-math.inf, 1.0], math.inf)]
    return [  # linf: NaN anywhere, also where a BLAS kernel's comparisons skip it
        Edge("nan-first", [math.nan, 1.0, -2.0], math.nan),
        Edge("nan-middle", nan, math.nan),
        Edge("nan-last", [1.0, -2.0, math.nan], math.nan),
        Edge("negative-max", [1.0, -3.0, 2.0], 3.0),
    ]


def numpy_norm_cases(sizes: list[int]) -> list[Case]:
    import scipy.linalg
    from scipy.linalg import blas

    import normdocs as nd

    def make(n: int) -> np.ndarray:
        return np.random.default_rng(n).standard_normal(n)

    def without_scipy(x: np.ndarray) -> Any:
        with nd.options(scipy_blas=False):
            return nd.l1_norm(x)

    floor = Method(
        "np.dot(x, x)",
        lambda x: np.dot(x, x),
        "numpy",
        "floor",
        "one read of x (BLAS, all cores): the floor, not a norm",
    )
    l2 = [
        Method("nd.l2_norm(x)", nd.l2_norm, "normdocs", "normdocs"),
        Method("np.linalg.norm(x)", np.linalg.norm, "numpy"),
        Method("np.sqrt(np.dot(x, x))", lambda x: np.sqrt(np.dot(x, x)), "numpy"),
        Method("scipy.linalg.norm(x)", scipy.linalg.norm, "scipy"),
        Method("scipy.linalg.blas.dnrm2(x)", blas.dnrm2, "scipy"),
        floor,
    ]
    l1 = [
        Method("nd.l1_norm(x)", nd.l1_norm, "normdocs", "normdocs"),
        Method(
            "nd.l1_norm(x), no SciPy",
            without_scipy,
            "normdocs",
            "normdocs",
            "the chunked NumPy kernel normdocs uses when SciPy is not installed",
        ),
        Method("np.linalg.norm(x, 1)", lambda x: np.linalg.norm(x, 1), "numpy"),
        Method("np.abs(x).sum()", lambda x: np.abs(x).sum(), "numpy"),
        Method("scipy.linalg.blas.dasum(x)", blas.dasum, "scipy"),
        floor,
    ]
    linf = [
        Method("nd.linf_norm(x)", nd.linf_norm, "normdocs", "normdocs"),
        Method("np.linalg.norm(x, np.inf)", lambda x: np.linalg.norm(x, np.inf), "numpy"),
        Method("np.abs(x).max()", lambda x: np.abs(x).max(), "numpy"),
        Method("np.maximum(x.max(), -x.min())", lambda x: np.maximum(x.max(), -x.min()), "numpy"),
        Method("abs(x[blas.idamax(x)])", lambda x: abs(x[blas.idamax(x)]), "scipy"),
        floor,
    ]
    out = []
    for op, title, methods in (
        ("l1", "L1 norm", l1),
        ("l2", "L2 norm", l2),
        ("linf", "L-infinity norm", linf),
    ):
        out.append(
            Case(
                f"{op}-numpy",
                f"{title}, NumPy float64",
                op,
                "numpy",
                "float64",
                sizes,
                make,
                EXACT[op],
                methods,
                _edges(op, "float64"),
            )
        )
    return out


def torch_norm_cases(sizes: list[int]) -> list[Case]:
    import torch

    import normdocs as nd

    def make(n: int) -> Any:
        return torch.from_numpy(np.random.default_rng(n).standard_normal(n).astype(np.float32))

    def aminmax(t: Any) -> Any:
        lo, hi = torch.aminmax(t)
        return torch.maximum(hi, -lo)

    vn = torch.linalg.vector_norm
    cases = {
        "l1": [
            Method("nd.l1_norm(t)", nd.l1_norm, "normdocs", "normdocs"),
            Method("torch.linalg.vector_norm(t, 1)", lambda t: vn(t, 1), "torch"),
            Method("t.abs().sum()", lambda t: t.abs().sum(), "torch"),
        ],
        "l2": [
            Method("nd.l2_norm(t)", nd.l2_norm, "normdocs", "normdocs"),
            Method("torch.linalg.vector_norm(t)", vn, "torch"),
            Method("torch.dot(t, t).sqrt()", lambda t: torch.dot(t, t).sqrt(), "torch"),
        ],
        "linf": [
            Method("nd.linf_norm(t)", nd.linf_norm, "normdocs", "normdocs"),
            Method("torch.linalg.vector_norm(t, inf)", lambda t: vn(t, math.inf), "torch"),
            Method("t.abs().max()", lambda t: t.abs().max(), "torch"),
            Method("torch.aminmax(t), then max(hi, -lo)", aminmax, "torch"),
        ],
    }
    titles = {"l1": "L1 norm", "l2": "L2 norm", "linf": "L-infinity norm"}
    return [
        Case(
            f"{op}-torch",
            f"{titles[op]}, PyTorch float32",
            op,
            "torch",
            "float32",
            sizes,
            make,
            EXACT[op],
            methods,
            _edges(op, "float32"),
        )
        for op, methods in cases.items()
    ]


def resnet18_shapes(width: int = 64) -> list[tuple[int, ...]]:
    """The parameter shapes of torchvision's ResNet-18 (62 tensors, 11.7 M values at 64)."""
    shapes: list[tuple[int, ...]] = [(width, 3, 7, 7), (width,), (width,)]
    cin = width
    for stage in range(4):
        c = width * 2**stage
        for block in range(2):
            shapes += [(c, cin, 3, 3), (c,), (c,), (c, c, 3, 3), (c,), (c,)]
            if block == 0 and stage > 0:
                shapes += [(c, cin, 1, 1), (c,), (c,)]
            cin = c
    return [*shapes, (1000, cin), (1000,)]


def penalty_cases(widths: list[int]) -> list[Case]:
    import torch

    import normdocs as nd

    sizes = [sum(math.prod(s) for s in resnet18_shapes(w)) for w in widths]
    by_size = dict(zip(sizes, widths, strict=True))

    def make(n: int) -> list[Any]:
        g = torch.Generator().manual_seed(0)
        ps = []
        for shape in resnet18_shapes(by_size[n]):
            p = torch.randn(shape, generator=g).mul_(0.05)
            p.view(-1)[::97] = 0.0  # exact zeros: the gradient there must be 0
            ps.append(p.requires_grad_())
        return ps

    def fb(penalty: Callable[[list[Any]], Any]) -> Fn:
        def run(ps: list[Any]) -> Any:
            for p in ps:
                p.grad = None
            value = penalty(ps)
            value.backward()
            return value.detach()

        return run

    def grad_error(expected: Callable[[Any], Any]) -> Callable[[Any, Any], float]:
        def check(ps: list[Any], _: Any) -> float:
            return max(
                float((p.grad - expected(p.detach())).abs().max()) if p.grad is not None else 1.0
                for p in ps
            )

        return check

    vn = torch.linalg.vector_norm
    l1 = [
        Method("nd.l1_penalty(params)", fb(nd.l1_penalty), "normdocs", "normdocs"),
        Method(
            "torch.stack([p.abs().sum() for p in params]).sum()",
            fb(lambda ps: torch.stack([p.abs().sum() for p in ps]).sum()),
            "torch",
        ),
        Method(
            "sum(p.abs().sum() for p in params)",
            fb(lambda ps: sum(p.abs().sum() for p in ps)),
            "torch",
        ),
        Method(
            "torch.stack([vector_norm(p, 1) for p in params]).sum()",
            fb(lambda ps: torch.stack([vn(p, 1) for p in ps]).sum()),
            "torch",
        ),
        Method(
            "torch.stack(torch._foreach_norm(params, 1)).sum()",
            fb(lambda ps: torch.stack(torch._foreach_norm(ps, 1)).sum()),
            "torch",
        ),
        Method(
            "torch.cat([p.flatten() for p in params]).abs().sum()",
            fb(lambda ps: torch.cat([p.flatten() for p in ps]).abs().sum()),
            "torch",
        ),
    ]
    l2 = [
        Method("nd.l2_penalty(params)", fb(nd.l2_penalty), "normdocs", "normdocs"),
        Method(
            "0.5 * torch.stack([(p * p).sum() for p in params]).sum()",
            fb(lambda ps: 0.5 * torch.stack([(p * p).sum() for p in ps]).sum()),
            "torch",
        ),
        Method(
            "0.5 * sum(p.pow(2).sum() for p in params)",
            fb(lambda ps: 0.5 * sum(p.pow(2).sum() for p in ps)),
            "torch",
        ),
        Method(
            "0.5 * torch.stack([vector_norm(p) for p in params]).square().sum()",
            fb(lambda ps: 0.5 * torch.stack([vn(p) for p in ps]).square().sum()),
            "torch",
        ),
        Method(
            "0.5 * torch.stack(torch._foreach_norm(params)).square().sum()",
            fb(lambda ps: 0.5 * torch.stack(torch._foreach_norm(ps, 2)).square().sum()),
            "torch",
        ),
        Method(
            "0.5 * sum(torch.dot(p.flatten(), p.flatten()) for p in params)",
            fb(lambda ps: 0.5 * sum(torch.dot(p.flatten(), p.flatten()) for p in ps)),
            "torch",
        ),
    ]
    return [
        Case(
            "l1-penalty-torch",
            "L1 penalty of ResNet-18's parameters, forward and backward, PyTorch float32",
            "l1-penalty",
            "torch",
            "float32",
            sizes,
            make,
            lambda ps: math.fsum(_fsum_abs(_np(p)) for p in ps),
            l1,
            size_label="parameters",
            timing="forward and backward",
            check=grad_error(torch.sign),
        ),
        Case(
            "l2-penalty-torch",
            "L2 penalty of ResNet-18's parameters, forward and backward, PyTorch float32",
            "l2-penalty",
            "torch",
            "float32",
            sizes,
            make,
            lambda ps: 0.5 * math.fsum(_fsum_sq(_np(p)) for p in ps),
            l2,
            size_label="parameters",
            timing="forward and backward",
            check=grad_error(lambda p: p),
        ),
    ]


def loss_cases(sizes: list[int]) -> list[Case]:
    import torch
    import torch.nn.functional as F

    import normdocs as nd

    def make(n: int) -> tuple[Any, Any]:
        rng = np.random.default_rng(n)
        a = torch.from_numpy(rng.standard_normal(n).astype(np.float32)).requires_grad_()
        return a, torch.from_numpy(rng.standard_normal(n).astype(np.float32))

    def fb(loss: Callable[[Any, Any], Any]) -> Fn:
        def run(ab: tuple[Any, Any]) -> Any:
            a, b = ab
            a.grad = None
            value = loss(a, b)
            value.backward()
            return value.detach()

        return run

    def exact(op: str) -> Callable[[Any], float]:
        def value(ab: tuple[Any, Any]) -> float:
            r = _np(ab[0]) - _np(ab[1])
            if op == "mse":
                e = r * r
            elif op == "l1-loss":
                e = np.abs(r)
            else:
                a = np.abs(r)
                e = np.where(a < 1.0, 0.5 * r * r, a - 0.5)
            return math.fsum(e.tolist()) / r.size

        return value

    out = []
    for op, title, ndf, ff, fname in (
        ("mse", "MSE loss", nd.mse_loss, F.mse_loss, "mse_loss"),
        ("l1-loss", "L1 loss (MAE)", nd.l1_loss, F.l1_loss, "l1_loss"),
        ("huber", "Huber loss", nd.huber_loss, F.huber_loss, "huber_loss"),
    ):
        out.append(
            Case(
                f"{op}-torch",
                f"{title}, forward and backward, PyTorch float32",
                op,
                "torch",
                "float32",
                sizes,
                make,
                exact(op),
                [
                    Method(f"nd.{fname}(input, target)", fb(ndf), "normdocs", "normdocs"),
                    Method(f"F.{fname}(input, target)", fb(ff), "torch"),
                ],
                timing="forward and backward",
            )
        )
    return out


@dataclass
class Target:
    id: str
    text: str
    case: str
    size: int | str  # a size, or "largest" / "smallest"
    method: str
    against: list[str]  # the baseline: the fastest of these
    max_ratio: float


def targets() -> list[Target]:
    t = [
        Target(
            "l2-vs-numpy",
            "l2_norm at most 1.1x np.linalg.norm",
            "l2-numpy",
            "largest",
            "nd.l2_norm(x)",
            ["np.linalg.norm(x)"],
            1.1,
        ),
        Target(
            "l2-vs-scipy",
            "l2_norm at most 0.5x scipy.linalg.norm",
            "l2-numpy",
            "largest",
            "nd.l2_norm(x)",
            ["scipy.linalg.norm(x)"],
            0.5,
        ),
        Target(
            "l1-vs-floor",
            "l1_norm at most 1.5x one read of x (np.dot(x, x))",
            "l1-numpy",
            "largest",
            "nd.l1_norm(x)",
            ["np.dot(x, x)"],
            1.5,
        ),
        Target(
            "linf-vs-floor",
            "linf_norm at most 1.5x one read of x (np.dot(x, x))",
            "linf-numpy",
            "largest",
            "nd.linf_norm(x)",
            ["np.dot(x, x)"],
            1.5,
        ),
    ]
    for op, ref in (("l2", "np.linalg.norm(x)"), ("l1", "np.linalg.norm(x, 1)")):
        t.append(
            Target(
                f"{op}-small",
                f"{op}_norm of 1,000 elements at most 3x {ref}",
                f"{op}-numpy",
                1000,
                f"nd.{op}_norm(x)",
                [ref],
                3.0,
            )
        )
    t.append(
        Target(
            "linf-small",
            "linf_norm of 1,000 elements at most 3x np.linalg.norm(x, np.inf)",
            "linf-numpy",
            1000,
            "nd.linf_norm(x)",
            ["np.linalg.norm(x, np.inf)"],
            3.0,
        )
    )
    for op, ref in (
        ("l1", "torch.linalg.vector_norm(t, 1)"),
        ("l2", "torch.linalg.vector_norm(t)"),
        ("linf", "torch.linalg.vector_norm(t, inf)"),
    ):
        t.append(
            Target(
                f"{op}-torch",
                f"{op}_norm of a float32 tensor at most 1.1x {ref}",
                f"{op}-torch",
                "largest",
                f"nd.{op}_norm(t)",
                [ref],
                1.1,
            )
        )
    for op in ("l1", "l2"):
        t.append(
            Target(
                f"{op}-penalty",
                f"{op}_penalty, forward and backward, at most 1.2x the fastest plain PyTorch",
                f"{op}-penalty-torch",
                "largest",
                f"nd.{op}_penalty(params)",
                [],  # filled in: every plain PyTorch method of the case
                1.2,
            )
        )
    for op, fname in (("mse", "mse_loss"), ("l1-loss", "l1_loss"), ("huber", "huber_loss")):
        for size in ("smallest", "largest"):
            t.append(
                Target(
                    f"{op}-{size}",
                    f"{fname} at most 1.1x F.{fname} ({size} size)",
                    f"{op}-torch",
                    size,
                    f"nd.{fname}(input, target)",
                    [f"F.{fname}(input, target)"],
                    1.1,
                )
            )
    return t


# ---------------------------------------------------------------------------- measuring


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def rel_error(value: Any, exact: float) -> float:
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
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def edge_results(case: Case, method: Method) -> dict[str, dict[str, Any]]:
    """``{edge: {"ok": bool, "got": what the method gave}}`` on every edge input."""
    out = {}
    for edge in case.edges:
        if case.library == "torch":
            import torch

            x: Any = torch.tensor(edge.values, dtype=getattr(torch, case.dtype))
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


def time_methods(
    fns: dict[str, Callable[[], Any]], rounds: int, sample_s: float, budget_s: float
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


def run_case(
    case: Case, rounds: int, sample_s: float, budget_s: float, step: Callable[[str], None]
) -> dict[str, Any]:
    methods = {}
    for m in case.methods:
        edges = edge_results(case, m) if m.role != "floor" else {}
        methods[m.name] = {
            "name": m.name,
            "library": m.library,
            "role": m.role,
            "note": m.note,
            "edge_cases": edges,
            "correct": m.role != "floor" and all(e["ok"] for e in edges.values()),
            "results": [],
        }
    tol = tolerance(case.dtype)
    for n in case.sizes:
        step(f"{case.id} n={n:.0e}")
        data = case.make(n)
        exact = case.exact(data)
        for m in case.methods:
            entry: dict[str, Any] = {"n": n}
            if m.role != "floor":
                with quiet():
                    got = m.fn(data)
                err = rel_error(got, exact)
                if case.check is not None:
                    entry["grad_error"] = case.check(data, got)
                    err = max(err, entry["grad_error"])
                entry["rel_error"] = rel_error(got, exact)
                entry["agrees"] = err <= tol
            methods[m.name]["results"].append(entry)
        samples, calls = time_methods(
            {m.name: (lambda f=m.fn, d=data: f(d)) for m in case.methods},
            rounds,
            sample_s,
            budget_s,
        )
        for m in case.methods:
            s = sorted(samples[m.name])
            q = statistics.quantiles(s, n=4) if len(s) >= 2 else [s[0]] * 3
            entry = methods[m.name]["results"][-1]
            entry.update(
                median_s=statistics.median(s),
                min_s=s[0],
                q1_s=q[0],
                q3_s=q[2],
                calls_per_sample=calls[m.name],
                rounds=len(s),
                samples_s=[float(f"{v:.4g}") for v in samples[m.name]],  # in round order
            )
        del data
        gc.collect()
    return {
        "id": case.id,
        "title": case.title,
        "operation": case.operation,
        "library": case.library,
        "dtype": case.dtype,
        "size_label": case.size_label,
        "timing": case.timing,
        "sizes": case.sizes,
        "tolerance": tol,
        "edge_inputs": [
            {"name": e.name, "values": [repr(v) for v in e.values], "expected": repr(e.expected)}
            for e in case.edges
        ],
        "methods": list(methods.values()),
    }


def paired_ratio(a: dict[str, Any], b: dict[str, Any]) -> float:
    """The median over rounds of ``a``'s time over ``b``'s in the same round: steadier than
    the ratio of the medians when the machine's load drifts during the run."""
    sa, sb = a.get("samples_s"), b.get("samples_s")
    if sa and sb and len(sa) == len(sb):
        return statistics.median(x / y for x, y in zip(sa, sb, strict=True))
    return float(a["median_s"]) / float(b["median_s"])


def evaluate_targets(cases: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for t in targets():
        case = cases.get(t.case)
        if case is None:
            continue
        sizes = case["sizes"]
        n = sizes[-1] if t.size == "largest" else sizes[0] if t.size == "smallest" else t.size
        if n not in sizes:
            continue
        against = t.against or [
            m["name"] for m in case["methods"] if m["role"] == "alternative" and m["correct"]
        ]
        if not against:  # penalties have no edge cases: every plain PyTorch way competes
            against = [m["name"] for m in case["methods"] if m["role"] == "alternative"]

        def result(name: str, n: int = n, case: dict[str, Any] = case) -> dict[str, Any]:
            m = next(m for m in case["methods"] if m["name"] == name)
            return dict(next(r for r in m["results"] if r["n"] == n))

        base = min(against, key=lambda name: float(result(name)["median_s"]))
        ratio = paired_ratio(result(t.method), result(base))
        out.append(
            {
                "id": t.id,
                "text": t.text,
                "case": t.case,
                "n": n,
                "method": t.method,
                "baseline": base,
                "max_ratio": t.max_ratio,
                "ratio": ratio,
                "ratio_best": float(result(t.method)["min_s"]) / float(result(base)["min_s"]),
                "met": ratio <= t.max_ratio,
            }
        )
    return out


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
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
    for name in ("scipy", "torch"):
        with contextlib.suppress(ImportError):
            info[name] = __import__(name).__version__
    with contextlib.suppress(ImportError):
        import torch

        info["torch_threads"] = torch.get_num_threads()
    with contextlib.suppress(ImportError):
        from threadpoolctl import threadpool_info

        info["threadpools"] = [
            {k: p.get(k) for k in ("user_api", "internal_api", "num_threads", "version")}
            for p in threadpool_info()
        ]
    return info


@contextlib.contextmanager
def limit_threads(n: int | None) -> Iterator[None]:
    """Every thread pool (OpenBLAS of NumPy and SciPy, OpenMP, torch) limited to ``n``."""
    if n is None:
        yield
        return
    from threadpoolctl import threadpool_limits

    torch = sys.modules.get("torch")
    old = torch.get_num_threads() if torch else None
    with threadpool_limits(limits=n):
        if torch:
            torch.set_num_threads(n)
        try:
            yield
        finally:
            if torch:
                torch.set_num_threads(old)


# ---------------------------------------------------------------------------- the site


def measure_build(env: dict[str, str]) -> dict[str, Any]:
    """One clean strict build (no notebook cache) into a new directory: wall time, peak RSS."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "dt = time.perf_counter() - t\n"
        "print(p.returncode, dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.write(p.stderr[-4000:])\n"
    )
    with tempfile.TemporaryDirectory() as d:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", d + "/site"]
        out = subprocess.run(
            [sys.executable, "-c", wrapper, *cmd],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    rc_text, seconds_text, maxrss_text = out.stdout.split()
    rc, seconds, maxrss_kb = int(rc_text), float(seconds_text), int(maxrss_text)
    if rc != 0:
        raise RuntimeError(f"mkdocs build --strict failed (exit {rc}):\n{out.stderr}")
    return {"seconds": seconds, "peak_rss_mb": maxrss_kb / 1024}


BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
RELOADING = re.compile(r"Reloading browsers")


def measure_serve(env: dict[str, str], touches: int, page: Path, port: int) -> dict[str, Any]:
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
        first = {"seconds": t - start, "reported_seconds": float(m.group(1))}
        wait_for(re.compile(r"Serving on"), 60)
        rebuilds = []
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
        }
    finally:
        proc.send_signal(signal.SIGINT)  # lets the hooks shut their helpers down
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def measure_site(builds: int, touches: int, port: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "NORMDOCS_NOTEBOOK_CACHE": "false",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    runs = []
    for i in range(builds):
        log(f"site: clean strict build {i + 1}/{builds} ...")
        runs.append(measure_build(env))
        log(f"site:   {runs[-1]['seconds']:.1f} s, peak {runs[-1]['peak_rss_mb']:.0f} MB")
    log(f"site: mkdocs serve, {touches} rebuilds ...")
    page = ROOT / "docs" / "performance" / "norm-speed.md"
    serve_env = {k: v for k, v in env.items() if k != "NORMDOCS_NOTEBOOK_CACHE"}  # as a writer
    serve = measure_serve(serve_env, touches, page, port)
    log(f"site:   rebuild {serve['rebuild_median_s']:.1f} s (median)")
    return {
        "command": "mkdocs build --strict --clean -d <new dir>  (NORMDOCS_NOTEBOOK_CACHE=false)",
        "builds": runs,
        "build_median_s": statistics.median(r["seconds"] for r in runs),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "peak_rss_note": "the largest resident set of one process of the build",
        "serve": {**serve, "note": "mkdocs serve as scripts/serve runs it (notebook cache on)"},
    }


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
    args = ap.parse_args(argv)

    result: dict[str, Any] = {}
    if args.site_only:
        result = json.loads(args.out.read_text()) if args.out.exists() else {}
    else:
        quick = args.quick
        rounds = args.rounds or (3 if quick else 25)
        sample_s = 2e-4 if quick else 2e-3
        sizes = [100, 1000] if quick else [10**k for k in range(3, 8)]
        loss_sizes = [100, 1000] if quick else [10**3, 10**5, 10**7]
        widths = [4] if quick else [16, 64]
        cases: list[Case] = numpy_norm_cases(sizes)
        try:
            cases += torch_norm_cases(sizes) + penalty_cases(widths) + loss_cases(loss_sizes)
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

        load_before = os.getloadavg()
        with limit_threads(args.threads):
            threads = machine()
            out_cases = {c.id: run_case(c, rounds, sample_s, args.budget, step) for c in cases}
        previous = json.loads(args.out.read_text()) if args.merge and args.out.exists() else {}
        if previous:
            kept = {c["id"]: c for c in previous.get("cases", [])}
            out_cases = {**kept, **out_cases}
        flags = [a for a in (sys.argv[1:] if argv is None else argv) if a != "--merge"]
        command = ["python scripts/bench.py", *flags]
        result = {
            "schema": SCHEMA,
            "quick": quick,
            "command": " ".join(command),
            "rounds": rounds,
            "threads": args.threads or "library defaults",
            "machine": {
                **threads,
                "load_average_before": [round(v, 2) for v in load_before],
                "load_average_after": [round(v, 2) for v in os.getloadavg()],
            },
            "seconds": time.perf_counter() - started,
            "cases": list(out_cases.values()),
            "targets": evaluate_targets(out_cases),
        }
        if previous:
            result["merged"] = {"remeasured": [c.id for c in cases], "into": previous["command"]}
            if "site" in previous:
                result["site"] = previous["site"]
        for t in result["targets"]:
            mark = "ok " if t["met"] else "MISS"
            log(f"{mark} {t['ratio']:5.2f}x (<= {t['max_ratio']}x)  {t['text']}  [n={t['n']:.0e}]")
    if args.site or args.site_only:
        result["site"] = measure_site(1 if args.quick else 2, 1 if args.quick else 3, args.port)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, sort_keys=False) + "\n")
    log(f"wrote {args.out}")
    disagree = [
        f"{c['id']}: {m['name']} n={r['n']}"
        for c in result.get("cases", [])
        for m in c["methods"]
        for r in m["results"]
        if r.get("agrees") is False
    ]
    for d in disagree:
        log(f"DISAGREES with the exact value: {d}")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
