"""Projections onto the L1, L2 and L-infinity balls: their optimality conditions, SciPy's
SLSQP on small cases, the vectors along an axis, every library, gradients, and errors."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import scipy.optimize
import torch
from array_helpers import BACKENDS, library_of, to_numpy

import normdocs as nd

PROJECTIONS: dict[str, Callable[..., Any]] = {
    "l1": nd.project_l1_ball,
    "l2": nd.project_l2_ball,
    "linf": nd.project_linf_ball,
}
ORD = {"l1": 1, "l2": 2, "linf": math.inf}


def _check_optimality(ball: str, x: np.ndarray, p: np.ndarray, r: float) -> None:
    """``p`` is the projection of the vector ``x`` onto the ball of radius ``r``: ``p`` in the
    ball, ``p == x`` when ``x`` is in it, and otherwise ``p`` on the sphere with ``x - p`` in
    the normal cone of the ball at ``p``."""
    tol = 1e-12 * max(1.0, float(np.abs(x).max(initial=0.0)))
    norm = float(nd.vector_norm(p, ORD[ball]))
    assert norm <= r + tol
    if float(nd.vector_norm(x, ORD[ball])) <= r:
        np.testing.assert_allclose(p, x, rtol=1e-15, atol=0)
        return
    assert norm == pytest.approx(r, rel=1e-12, abs=tol)
    d = x - p
    if r == 0:  # the ball is {0}
        np.testing.assert_array_equal(p, np.zeros_like(p))
    elif ball == "l2":  # d = lam * p, lam >= 0
        # directions, each scaled by its max first: x may be near the float64 limit
        dn, pn = d / np.abs(d).max(), p / np.abs(p).max()
        np.testing.assert_allclose(dn / np.sqrt(dn @ dn), pn / np.sqrt(pn @ pn), atol=1e-10)
    elif ball == "l1":  # d = theta * s, s in the subdifferential of |.|_1 at p, theta >= 0
        nz = p != 0
        theta = float(np.max(np.abs(d))) if not nz.any() else float(np.mean(d[nz] * np.sign(p[nz])))
        assert theta >= -tol
        np.testing.assert_allclose(d[nz], theta * np.sign(p[nz]), rtol=1e-10, atol=tol)
        assert np.all(np.abs(d[~nz]) <= theta + tol)
    else:  # entries strictly inside are kept; clipped ones moved towards the box only
        inside = np.abs(p) < r - tol
        np.testing.assert_array_equal(p[inside], x[inside])
        assert np.all(d[~inside] * np.sign(p[~inside]) >= -tol)


CASES = [
    [3.0, 1.0],
    [0.8, -0.6, 0.1],
    [0.2, 0.1],  # inside every ball of radius 1
    [1.0, 1.0, 1.0, 1.0],  # ties
    [-5.0, 5.0, 0.0, 1e-3],
    [0.0, 0.0, 0.0],
    [1e200, -1e200, 3e199],  # no overflow
    [2.0],
]


@pytest.mark.parametrize("ball", list(PROJECTIONS))
@pytest.mark.parametrize("values", CASES)
@pytest.mark.parametrize("radius", [1.0, 0.3, 0.0, 2.5])
def test_optimality_conditions(ball: str, values: list[float], radius: float) -> None:
    x = np.array(values)
    p = PROJECTIONS[ball](x, radius)
    assert isinstance(p, np.ndarray) and p.dtype == np.float64 and p.shape == x.shape
    _check_optimality(ball, x, p, radius)


@pytest.mark.parametrize("ball", list(PROJECTIONS))
@pytest.mark.parametrize("seed", range(25))
def test_random_optimality_conditions(ball: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(int(rng.integers(1, 30))) * 10.0 ** rng.uniform(-3, 3)
    radius = float(10.0 ** rng.uniform(-2, 2))
    _check_optimality(ball, x, PROJECTIONS[ball](x, radius), radius)


def _slsqp(ball: str, x: np.ndarray, r: float) -> np.ndarray:
    """argmin ||z - x||^2 over the ball, by SciPy's SLSQP (smooth formulations)."""
    n = x.size
    if ball == "l1":  # z = u - v with u, v >= 0 and sum(u + v) <= r
        res = scipy.optimize.minimize(
            lambda uv: float(np.sum((uv[:n] - uv[n:] - x) ** 2)),
            np.zeros(2 * n),
            jac=lambda uv: np.concatenate([2 * (uv[:n] - uv[n:] - x), -2 * (uv[:n] - uv[n:] - x)]),
            method="SLSQP",
            bounds=[(0, None)] * (2 * n),
            constraints=[
                {
                    "type": "ineq",
                    "fun": lambda uv: r - np.sum(uv),
                    "jac": lambda uv: -np.ones(2 * n),
                }
            ],
            options={"ftol": 1e-15, "maxiter": 1000},
        )
        return np.asarray(res.x[:n] - res.x[n:])
    if ball == "l2":
        constraints = [{"type": "ineq", "fun": lambda z: r * r - z @ z, "jac": lambda z: -2 * z}]
        bounds = None
    else:
        constraints, bounds = [], [(-r, r)] * n
    res = scipy.optimize.minimize(
        lambda z: float(np.sum((z - x) ** 2)),
        np.zeros(n),
        jac=lambda z: 2 * (z - x),
        method="SLSQP",
        bounds=bounds,
        constraints=constraints,
        options={"ftol": 1e-15, "maxiter": 1000},
    )
    return np.asarray(res.x)


@pytest.mark.parametrize("ball", list(PROJECTIONS))
@pytest.mark.parametrize("seed", range(8))
def test_against_scipy_slsqp(ball: str, seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    x = rng.standard_normal(int(rng.integers(2, 7))) * 2.0
    r = float(rng.uniform(0.2, 2.0))
    np.testing.assert_allclose(PROJECTIONS[ball](x, r), _slsqp(ball, x, r), rtol=0, atol=1e-6)


@pytest.mark.parametrize("ball", list(PROJECTIONS))
@pytest.mark.parametrize("axis", [0, 1, -1, (0, 2), (2, 0), None])
def test_each_vector_along_axis(ball: str, axis: Any) -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 4, 5)) * 2.0
    r = 1.5
    p = PROJECTIONS[ball](x, r, axis=axis)
    assert p.shape == x.shape
    axes = (0, 1, 2) if axis is None else tuple(sorted(a % 3 for a in np.atleast_1d(axis)))
    others = [i for i in range(3) if i not in axes]
    last = tuple(range(len(others), 3))
    xs_, ps_ = np.moveaxis(x, axes, last), np.moveaxis(p, axes, last)
    lead = xs_.shape[: len(others)]
    for idx in np.ndindex(*lead):
        xv, pv = xs_[idx].reshape(-1), ps_[idx].reshape(-1)
        _check_optimality(ball, xv, pv, r)
        np.testing.assert_allclose(pv, PROJECTIONS[ball](xv, r), rtol=1e-15, atol=1e-15)


@pytest.mark.parametrize("ball", list(PROJECTIONS))
@pytest.mark.parametrize("name", list(BACKENDS))
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_every_library_gives_the_same(ball: str, name: str, dtype: str) -> None:
    rng = np.random.default_rng(4)
    x = (rng.standard_normal((4, 6)) * 2).astype(dtype)
    expected = PROJECTIONS[ball](x.astype(np.float64), 1.0, axis=1)
    r = PROJECTIONS[ball](BACKENDS[name](x), 1.0, axis=1)
    assert library_of(r) == name
    assert to_numpy(r).dtype == np.dtype(dtype)
    np.testing.assert_allclose(
        to_numpy(r),
        expected,
        rtol=1e-5 if dtype == "float32" else 1e-14,
        atol=1e-6 if dtype == "float32" else 1e-15,
    )


@pytest.mark.parametrize("ball", list(PROJECTIONS))
def test_integers_lists_scalars_and_empty(ball: str) -> None:
    f = PROJECTIONS[ball]
    np.testing.assert_allclose(f([3, 4], 7.0), [3.0, 4.0])
    assert f(np.array([3, 1], dtype=np.int64), 1.0).dtype == np.float64
    assert float(f(3.0, 1.0)) == 1.0 and float(f(-0.5, 1.0)) == -0.5
    e = f(np.zeros((0, 3)), 1.0, axis=1)
    assert e.shape == (0, 3)


@pytest.mark.parametrize("ball", list(PROJECTIONS))
def test_complex_entries_keep_their_phase(ball: str) -> None:
    x = np.array([3 + 4j, -1j, 0.5])
    p = PROJECTIONS[ball](x, 1.0)
    assert p.dtype == np.complex128
    # the projection of C^n is that of R^2n for L2; for L1 and Linf, of the moduli, phase kept
    mag = PROJECTIONS[ball](np.abs(x), 1.0) if ball != "l2" else np.abs(x) / np.linalg.norm(x)
    np.testing.assert_allclose(np.abs(p), mag, rtol=1e-14, atol=1e-15)
    nz = np.abs(p) > 0
    np.testing.assert_allclose(p[nz] / np.abs(p[nz]), x[nz] / np.abs(x[nz]), rtol=1e-14)


@pytest.mark.parametrize("ball", list(PROJECTIONS))
def test_gradcheck(ball: str) -> None:
    g = torch.Generator().manual_seed(5)
    x = (torch.randn(3, 5, generator=g, dtype=torch.float64) * 2).requires_grad_(True)
    assert torch.autograd.gradcheck(lambda v: PROJECTIONS[ball](v, 1.0, axis=1), (x,))


@pytest.mark.parametrize("ball", list(PROJECTIONS))
def test_gradient_is_finite_at_zero(ball: str) -> None:
    x = torch.zeros(4, dtype=torch.float64, requires_grad=True)
    PROJECTIONS[ball](x, 1.0).sum().backward()
    assert x.grad is not None and bool(torch.isfinite(x.grad).all())


def test_l1_projection_is_sparse_and_matches_the_sort_algorithm() -> None:
    """Duchi et al. (2008), Figure 1, written out with a loop, against the vectorized form."""
    rng = np.random.default_rng(6)
    for _ in range(50):
        x = rng.standard_normal(12) * 3
        r = float(rng.uniform(0.1, 5))
        u = np.sort(np.abs(x))[::-1]
        css = np.cumsum(u)
        rho = max(j for j in range(1, 13) if u[j - 1] - (css[j - 1] - r) / j > 0)
        theta = max((css[rho - 1] - r) / rho, 0.0)
        expected = np.sign(x) * np.maximum(np.abs(x) - theta, 0)
        np.testing.assert_allclose(nd.project_l1_ball(x, r), expected, rtol=1e-14, atol=1e-14)


@pytest.mark.parametrize("lib", ["numpy", "torch"])
def test_norms_and_sums_beyond_float16_and_float32(lib: str) -> None:
    """float16 [6e4, 6e4]: its L2 norm and L1 sum pass 65504; float32 sums pass 3.4e38."""
    half = np.array([6e4, 6e4, 100.0], dtype=np.float16)
    big = np.array([3e38, 3e38, 1e38], dtype=np.float32)
    conv = BACKENDS[lib]
    p1 = to_numpy(nd.project_l1_ball(conv(half), 1000.0))
    assert p1.dtype == np.float16
    np.testing.assert_allclose(p1, [500.0, 500.0, 0.0], rtol=1e-3)
    p2 = to_numpy(nd.project_l2_ball(conv(half), 1.0))
    np.testing.assert_allclose(
        p2, half.astype(np.float64) / np.linalg.norm(half.astype(np.float64)), rtol=1e-3
    )
    assert p2.dtype == np.float16
    pb = to_numpy(nd.project_l1_ball(conv(big), 1e38))
    assert pb.dtype == np.float32
    np.testing.assert_allclose(pb, [5e37, 5e37, 0.0], rtol=1e-6)
    pl2 = to_numpy(nd.project_l2_ball(conv(big), 1.0))
    np.testing.assert_allclose(pl2, big / np.linalg.norm(big.astype(np.float64)), rtol=1e-6)


@pytest.mark.parametrize("lib", ["numpy", "torch"])
def test_subnormal_norms(lib: str) -> None:
    """torch computes `c / tensor` as `tensor.reciprocal() * c`: inf, or NaN for c = 0, at a
    subnormal norm (found by hypothesis: project_l2_ball(torch [5e-324], 0) was NaN)."""
    conv = BACKENDS[lib]
    tiny = np.array([5e-324])
    for ball in PROJECTIONS:
        np.testing.assert_array_equal(to_numpy(PROJECTIONS[ball](conv(tiny), 0.0)), [0.0])
        np.testing.assert_array_equal(to_numpy(PROJECTIONS[ball](conv(tiny), 1.0)), tiny)
    x = np.array([3e-310, 4e-310])  # norm 5e-310 against a radius of 1e-310
    np.testing.assert_allclose(to_numpy(nd.project_l2_ball(conv(x), 1e-310)), x / 5, rtol=1e-6)
    w = conv(x.copy().reshape(1, 2))
    nd.max_norm_(w, 1e-310)
    np.testing.assert_allclose(to_numpy(w), x.reshape(1, 2) / 5, rtol=1e-6)
    z = to_numpy(nd.project_linf_ball(conv(np.array([3e-310j])), 1e-310))
    np.testing.assert_allclose(z, [1e-310j], rtol=1e-6)
