"""normdocs.distributed.vector_norm and clip_grad_norm_(group=...) on real gloo process groups.

For each world size (2 and 4) the processes are spawned once (a module-scoped fixture): every
rank runs every case and sends back its result, its gradient and how many collectives it
issued (torch.distributed.all_reduce and all_gather wrapped with counters). The tests then
compare each rank's answer with the norm of the concatenated shards computed in this process
by torch.linalg.vector_norm and by mpmath at 50 digits (exact where float64 overflows or
underflows), and clip_grad_norm_ with torch.nn.utils.clip_grad_norm_ on all ranks' parameters
at once. Every wait is bounded: a hang fails the fixture instead of blocking the run.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import queue
import socket
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
import pytest
import torch

import normdocs as nd
from normdocs.distributed import vector_norm

ORDS = (0, 1, 1.5, 2, 3, math.inf)
WORLDS = (2, 4)
TIMEOUT = 120.0  # seconds for one spawn of a group, start to finish


@dataclass
class Case:
    """One call of vector_norm on every rank: ``shards[r]`` is rank r's local tensor."""

    ord: float
    shards: list[np.ndarray]
    grad: bool = False
    fallback: bool = False  # the scaled fallback (an all_gather) is expected
    ranks: tuple[int, ...] | None = None  # a subgroup of these ranks (None: the world)


@dataclass
class ClipCase:
    """clip_grad_norm_ on every rank: ``grads[r]`` are the gradients of rank r's parameters."""

    max_norm: float
    ord: float
    grads: list[list[np.ndarray]]


@dataclass
class Result:
    value: float
    dtype: str
    shape: tuple[int, ...]
    all_reduce: int
    all_gather: int
    grad: np.ndarray | None = None
    clipped: list[np.ndarray] = field(default_factory=list)


# --- the cases, built in this process; the shards travel to the workers pickled ---


def _random_shards(world: int, dtype: Any, seed: int) -> list[np.ndarray]:
    """Different sizes and shapes per rank, some ranks empty."""
    rng = np.random.default_rng(seed)
    if world == 4:
        shapes: list[tuple[int, ...]] = [(5,), (0,), (3, 4), (0, 2)]
    else:
        shapes = [(7,), (0,)] if seed % 2 else [(2, 3), (4,)]
    return [rng.normal(size=s).astype(dtype) for s in shapes]


def _cases(world: int) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    f64, f32 = np.float64, np.float32
    for o in ORDS:
        for seed in (1, 2):
            for dt in (f32, f64):
                name = f"random-{np.dtype(dt).name}-seed{seed}-ord{o}"
                cases[name] = Case(o, _random_shards(world, dt, seed), grad=dt is f64)
        one = [np.array([1e200 * (r + 1)]) for r in range(world)]
        cases[f"overflow-f64-ord{o}"] = Case(o, one, fallback=o in (2, 3))  # 1e300: normal
        tiny = [np.full(r + 1, 1e-200) for r in range(world)]
        cases[f"underflow-f64-ord{o}"] = Case(o, tiny, fallback=o in (2, 3))
        f32_big = [np.array([3e20], f32), np.array([4e20], f32)] + [np.zeros(0, f32)] * (world - 2)
        cases[f"overflow-f32-ord{o}"] = Case(o, f32_big)  # float32 squares fit in float64
        huge = [np.array([1e300, -2.0])] + [np.array([1.0, 2.0])] * (world - 1)
        cases[f"one-huge-rank-ord{o}"] = Case(o, huge, fallback=o not in (0, 1, math.inf))
        nan = [np.array([1.0, 2.0])] * (world - 1) + [np.array([math.nan, 1.0])]
        cases[f"nan-ord{o}"] = Case(o, nan)
        inf = [np.array([-math.inf])] + [np.array([1.0, 0.0])] * (world - 1)
        cases[f"inf-ord{o}"] = Case(o, inf, fallback=o not in (0, 1, math.inf))
        zeros = [np.zeros(3)] + [np.zeros(0)] * (world - 1)
        cases[f"zeros-ord{o}"] = Case(o, zeros, grad=True)
        empty = [np.zeros((0, 3))] * world
        cases[f"all-empty-ord{o}"] = Case(o, empty)
    # ord=inf: ties inside one rank and across ranks split the gradient as torch does
    ties = [np.array([5.0, -5.0, 1.0]), np.array([5.0, 2.0])] + [np.array([-1.0])] * (world - 2)
    cases["ties-ordinf"] = Case(math.inf, ties, grad=True)
    if world == 4:  # a subgroup: ranks 1 and 3 only
        sub = [np.array([9.0]), np.array([3.0, 4.0]), np.array([7.0]), np.array([12.0])]
        for o in (1, 2, math.inf):
            cases[f"subgroup-ord{o}"] = Case(o, sub, ranks=(1, 3))
    return cases


def _clip_cases(world: int) -> dict[str, ClipCase]:
    rng = np.random.default_rng(world)
    cases = {}
    for o in (1.0, 2.0, 3.0, math.inf):
        for dt in (np.float32, np.float64):
            grads = [
                [rng.normal(size=(3, 2)).astype(dt), rng.normal(size=4 + r).astype(dt)]
                for r in range(world)
            ]
            cases[f"clip-{np.dtype(dt).name}-ord{o}"] = ClipCase(0.5, o, grads)
    big = [[np.full(3, 1e200)] for _ in range(world)]  # torch's own total overflows
    cases["clip-overflow"] = ClipCase(1.0, 2.0, big)
    return cases


# --- the worker: one rank ---


def _worker(
    rank: int,
    world: int,
    store: str,
    cases: dict[str, Case],
    clip_cases: dict[str, ClipCase],
    out: Any,
) -> None:
    import torch.distributed as dist

    torch.set_num_threads(1)
    if "lo" in {name for _, name in socket.if_nameindex()}:
        os.environ["GLOO_SOCKET_IFNAME"] = "lo"  # loopback only
    dist.init_process_group(
        "gloo",
        init_method=f"file://{store}",
        rank=rank,
        world_size=world,
        timeout=timedelta(seconds=60),
    )
    calls = {"all_reduce": 0, "all_gather": 0}
    originals = {name: getattr(dist, name) for name in calls}

    def counting(name: str) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return originals[name](*args, **kwargs)

        return wrapper

    for name in calls:
        setattr(dist, name, counting(name))
    results: dict[str, Result | str] = {}
    subgroups = {c.ranks for c in cases.values() if c.ranks is not None}
    groups = {ranks: dist.new_group(list(ranks)) for ranks in sorted(subgroups)}  # all ranks
    for name, case in cases.items():
        if case.ranks is not None and rank not in case.ranks:
            continue
        x = torch.from_numpy(case.shards[rank]).requires_grad_(case.grad)
        for k in calls:
            calls[k] = 0
        try:
            r = vector_norm(x, case.ord, group=None if case.ranks is None else groups[case.ranks])
            counts = dict(calls)
            grad = None
            if case.grad:
                r.backward()
                grad = None if x.grad is None else x.grad.numpy()
            results[name] = Result(
                float(r),
                str(r.dtype),
                tuple(r.shape),
                counts["all_reduce"],
                counts["all_gather"],
                grad,
            )
        except Exception as exc:  # reported to the test, which fails with it
            results[name] = f"{type(exc).__name__}: {exc}"
    for name, cc in clip_cases.items():
        params = []
        for g in cc.grads[rank]:
            q = torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.from_numpy(g).dtype))
            q.grad = torch.from_numpy(g.copy())
            params.append(q)
        total = nd.clip_grad_norm_(params, cc.max_norm, ord=cc.ord, group=dist.group.WORLD)
        res = Result(float(total), str(total.dtype), tuple(total.shape), 0, 0)
        res.clipped = [q.grad.numpy() for q in params if q.grad is not None]
        results[name] = res
    for name, f in originals.items():
        setattr(dist, name, f)
    dist.destroy_process_group()
    out.put((rank, results))


def _run_group(world: int, tmp: Path) -> dict[int, dict[str, Any]]:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    store = str(tmp / "store")
    procs = [
        ctx.Process(target=_worker, args=(r, world, store, _cases(world), _clip_cases(world), out))
        for r in range(world)
    ]
    for p in procs:
        p.start()
    results: dict[int, dict[str, Any]] = {}
    deadline = time.monotonic() + TIMEOUT
    try:
        while len(results) < world:
            try:
                rank, res = out.get(timeout=max(1.0, deadline - time.monotonic()))
            except queue.Empty:
                codes = [p.exitcode for p in procs]
                pytest.fail(
                    f"{world} gloo processes: no result within {TIMEOUT} s (exit codes {codes})"
                )
            results[rank] = res
        for p in procs:
            p.join(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
                p.join(timeout=10)
        out.close()
        out.join_thread()
    return results


@pytest.fixture(scope="module", params=WORLDS, ids=[f"world{w}" for w in WORLDS])
def group_run(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[int, dict[int, dict[str, Any]]]:
    world = int(request.param)
    return world, _run_group(world, tmp_path_factory.mktemp(f"world{world}"))


# --- references, computed here from the whole vector ---


def _exact_norm(x: np.ndarray, p: float) -> float:
    """The norm of float64 ``x`` to 50 digits (mpmath), rounded to float64 once."""
    mpmath.mp.dps = 50
    if x.size == 0:
        return 0.0
    if np.isnan(x).any():
        return math.nan
    a = [mpmath.mpf(float(v)) for v in np.abs(x.astype(np.float64))]
    if p == 0:
        return float(np.count_nonzero(x))
    if p == math.inf or any(mpmath.isinf(v) for v in a):
        return float(max(a))
    return float(mpmath.fsum(v**p for v in a) ** (1 / mpmath.mpf(p)))


def _whole(case: Case, world: int) -> np.ndarray:
    ranks = range(world) if case.ranks is None else case.ranks
    return np.concatenate([case.shards[r].reshape(-1).astype(np.float64) for r in ranks])


def _check_case(world: int, results: dict[int, dict[str, Any]], name: str, case: Case) -> None:
    ranks = range(world) if case.ranks is None else case.ranks
    whole = _whole(case, world)
    exact = _exact_norm(whole, case.ord)
    dtype = case.shards[0].dtype
    values = []
    for r in ranks:
        res = results[r][name]
        assert isinstance(res, Result), f"rank {r}: {res}"
        assert res.shape == ()
        assert res.dtype == str(torch.from_numpy(case.shards[r]).dtype)
        values.append(res.value)
        # exactly one all_reduce on the fast path; the fallback adds one all_gather; a
        # gradient of ord=inf adds the all_reduce that counts ties
        extra = int(case.grad and case.ord == math.inf)
        assert (res.all_reduce, res.all_gather) == (1 + extra, int(case.fallback)), (r, res)
    assert all(v == values[0] or (math.isnan(v) and math.isnan(values[0])) for v in values)
    value = values[0]
    if math.isnan(exact):
        assert math.isnan(value)
        return
    expected = float(np.array(exact, dtype=dtype))  # rounded to the shards' dtype
    rtol = 1e-6 if dtype == np.float32 else 1e-13
    assert value == pytest.approx(expected, rel=rtol, abs=0), (value, expected)
    nonzero = np.abs(whole[whole != 0])
    in_range = ((nonzero > 1e-100) & (nonzero < 1e100)).all()  # torch neither over- nor underflows
    if whole.size and np.isfinite(whole).all() and in_range:
        t = torch.linalg.vector_norm(torch.from_numpy(whole), case.ord)
        assert value == pytest.approx(float(t.to(torch.from_numpy(case.shards[0]).dtype)), rel=rtol)


CASE_NAMES = sorted(set(_cases(2)) | set(_cases(4)))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_rank_gets_the_norm_of_the_concatenated_shards(
    group_run: tuple[int, dict[int, dict[str, Any]]], name: str
) -> None:
    world, results = group_run
    case = _cases(world).get(name)
    if case is None:
        pytest.skip(f"{name}: only for the other world size")
    _check_case(world, results, name, case)


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if _cases(4)[n].grad])
def test_gradient_is_the_slice_of_torchs_gradient_of_the_whole(
    group_run: tuple[int, dict[int, dict[str, Any]]], name: str
) -> None:
    world, results = group_run
    case = _cases(world)[name]
    shards = [torch.from_numpy(s.astype(np.float64)).requires_grad_(True) for s in case.shards]
    whole = torch.cat([s.reshape(-1) for s in shards])
    torch.linalg.vector_norm(whole, case.ord).backward()
    for r, s in enumerate(shards):
        got = results[r][name].grad
        want = s.grad
        if case.ord == 0:  # torch keeps no gradient for a count; neither do we
            assert got is None or not np.any(got)
            continue
        assert got is not None and want is not None
        np.testing.assert_allclose(got, want.numpy(), rtol=1e-12, atol=1e-300)


def test_overflow_values_named_in_the_issue(
    group_run: tuple[int, dict[int, dict[str, Any]]],
) -> None:
    """[1e200] on every rank: sqrt(world) * 1e200; float32 3e20 and 4e20: 5e20."""
    world, results = group_run
    for r in range(world):
        assert results[r]["overflow-f32-ord2"].value == float(np.float32(5e20))
        got = results[r]["underflow-f64-ord2"].value  # sqrt(1 + 2 + ... + world) * 1e-200
        assert got == pytest.approx(math.sqrt(world * (world + 1) / 2) * 1e-200, rel=1e-14)
        assert got > 0
    if world == 2:
        assert results[0]["overflow-f64-ord2"].value == pytest.approx(
            math.sqrt(5) * 1e200, rel=1e-14
        )


@pytest.mark.parametrize("name", sorted(set(_clip_cases(2))))
def test_clip_grad_norm_with_a_group_clips_by_the_global_norm(
    group_run: tuple[int, dict[int, dict[str, Any]]], name: str
) -> None:
    world, results = group_run
    cc = _clip_cases(world)[name]
    params = []  # every rank's parameters in one process: torch's reference
    for grads in cc.grads:
        for g in grads:
            q = torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.from_numpy(g).dtype))
            q.grad = torch.from_numpy(g.copy())
            params.append(q)
    flat = np.concatenate([g.reshape(-1).astype(np.float64) for grads in cc.grads for g in grads])
    exact = _exact_norm(flat, cc.ord)
    if math.isfinite(float(torch.linalg.vector_norm(torch.from_numpy(flat), cc.ord))):
        want_total = torch.nn.utils.clip_grad_norm_(params, cc.max_norm, norm_type=cc.ord)
        want = [q.grad.numpy() for q in params]
        rtol = 1e-6 if cc.grads[0][0].dtype == np.float32 else 1e-13
        i = 0
        for r in range(world):
            res = results[r][name]
            assert res.value == pytest.approx(float(want_total), rel=rtol)
            assert res.value == pytest.approx(exact, rel=rtol)
            for got in res.clipped:
                np.testing.assert_allclose(got, want[i], rtol=rtol * 10)
                i += 1
    else:  # torch's total overflows (and its clipping zeroes every gradient): ours does not
        coef = cc.max_norm / (exact + 1e-6)
        for r in range(world):
            res = results[r][name]
            assert res.value == pytest.approx(exact, rel=1e-13)
            for got, g in zip(res.clipped, cc.grads[r], strict=True):
                np.testing.assert_allclose(got, g * coef, rtol=1e-13)


# --- errors: raised before any collective, so no process group is needed ---


def test_bad_ord() -> None:
    for bad in (0.5, -1, math.nan, "fro", None):
        with pytest.raises(ValueError, match=r"`ord` must be 0, a real number p >= 1"):
            vector_norm(torch.ones(2), bad)  # type: ignore[arg-type]


def test_local_must_be_a_tensor() -> None:
    for bad, shown in (([1.0, 2.0], "list"), (np.ones(2), "numpy.ndarray"), ("x", "str")):
        with pytest.raises(TypeError, match=rf"`local` must be a torch tensor.*got {shown}"):
            vector_norm(bad)


def test_group_must_be_a_process_group() -> None:
    with pytest.raises(TypeError, match=r"`group` must be None .* or a torch.distributed"):
        vector_norm(torch.ones(2), group="world")


def test_uninitialized_default_group_is_named() -> None:
    import torch.distributed as dist

    assert not dist.is_initialized()
    with pytest.raises(RuntimeError, match=r"init_process_group"):
        vector_norm(torch.ones(2))
