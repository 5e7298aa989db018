"""soft_threshold is the proximal operator of t * ||x||_1."""

from __future__ import annotations

import math

import array_api_strict as xs
import numpy as np
import pytest
import scipy.optimize
import torch
import torch.nn.functional as F
from array_helpers import BACKENDS, library_of, to_numpy

import normdocs as nd

THRESHOLDS = [0.0, 0.3, 1.0, 2.5]


def closed_form(x: np.ndarray, t: float) -> np.ndarray:
    """sign(x) * max(|x| - t, 0), written out in NumPy."""
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("t", THRESHOLDS)
@pytest.mark.parametrize("shape", [(), (9,), (4, 5), (2, 3, 4)], ids=str)
def test_closed_form_and_softshrink(name: str, t: float, shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(len(shape))
    x = np.asarray(rng.standard_normal(shape) * 2.0)
    expected = closed_form(x, t)
    r = nd.soft_threshold(BACKENDS[name](x), t)
    assert library_of(r) == name
    got = to_numpy(r)
    assert got.shape == shape
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected)
    shrink = F.softshrink(torch.from_numpy(x), t).numpy()
    np.testing.assert_array_equal(got, shrink)


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("t", [0.5, 1.0])
def test_exact_zeros_at_and_inside_the_threshold(name: str, t: float) -> None:
    x = np.array([-t, t, np.nextafter(t, 0), -t / 2, 0.0, np.nextafter(t, 2), -3.0])
    got = to_numpy(nd.soft_threshold(BACKENDS[name](x), t))
    np.testing.assert_array_equal(got[:5], np.zeros(5))
    assert got[5] > 0
    assert got[6] == -3.0 + t
    np.testing.assert_array_equal(got, F.softshrink(torch.from_numpy(x), t).numpy())


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dtype_and_library_kept(dtype: str) -> None:
    x = np.array([-3.0, 0.2, 1.5], dtype=dtype)
    r = nd.soft_threshold(x, 1.0)
    assert isinstance(r, np.ndarray)
    assert r.dtype == np.dtype(dtype)
    t = nd.soft_threshold(torch.from_numpy(x), 1.0)
    assert t.dtype == getattr(torch, dtype)
    s = nd.soft_threshold(xs.asarray(x), 1.0)
    assert str(s.dtype).endswith(dtype)
    np.testing.assert_allclose(r, closed_form(x.astype(np.float64), 1.0), rtol=1e-7)


def test_integers_lists_and_scalars() -> None:
    r = nd.soft_threshold([3, -1, -5], 2)
    assert isinstance(r, np.ndarray)
    assert r.dtype == np.float64
    np.testing.assert_array_equal(r, [1.0, 0.0, -3.0])
    s = nd.soft_threshold(-4.0, 1.5)
    assert isinstance(s, np.float64)
    assert s == -2.5
    t = nd.soft_threshold(torch.tensor([3, -1, -5]), 2)
    assert t.dtype == torch.get_default_dtype()
    torch.testing.assert_close(t, torch.tensor([1.0, 0.0, -3.0]))
    b = nd.soft_threshold(np.array([True, False]), 0.25)
    np.testing.assert_array_equal(b, [0.75, 0.0])


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
def test_nan_and_inf(name: str) -> None:
    x = np.array([math.nan, math.inf, -math.inf, 0.5])
    got = to_numpy(nd.soft_threshold(BACKENDS[name](x), 1.0))
    assert math.isnan(got[0])
    np.testing.assert_array_equal(got[1:], [math.inf, -math.inf, 0.0])


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_complex_shrinks_the_modulus(name: str, dtype: str) -> None:
    """prox of t * sum |z_i|: z / |z| * max(|z| - t, 0); exactly 0 at or inside t, no warning."""
    z = np.array([3 + 4j, 0.1j, 0, -1 + 0j, 2 - 2j, -1j], dtype=dtype)
    t = 1.0
    mag = np.abs(z.astype(np.complex128))
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = np.where(mag > t, z.astype(np.complex128) / mag * (mag - t), 0)
    r = nd.soft_threshold(BACKENDS[name](z), t)
    assert library_of(r) == name
    got = to_numpy(r)
    assert got.dtype == np.dtype(dtype)
    np.testing.assert_allclose(got, expected, rtol=1e-6 if dtype == "complex64" else 1e-15, atol=0)
    assert np.all(got[[1, 2, 3, 5]] == 0)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("t", [0.1, 0.7, 2.0])
def test_prox_optimality(seed: int, t: float) -> None:
    """The result minimizes 0.5 ||z - x||^2 + t ||z||_1: better than any perturbed point."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(12) * 2.0

    def objective(z: np.ndarray) -> float:
        return float(0.5 * np.sum((z - x) ** 2) + t * np.sum(np.abs(z)))

    z_star = nd.soft_threshold(x, t)
    best = objective(z_star)
    for _ in range(200):
        eps = rng.standard_normal(12) * rng.choice([1e-6, 1e-3, 1e-1, 1.0])
        assert best <= objective(z_star + eps) + 1e-12
    # coordinate-wise against a scalar minimizer (the objective is separable)
    for i in range(4):
        res = scipy.optimize.minimize_scalar(
            lambda z, xi=x[i]: 0.5 * (z - xi) ** 2 + t * abs(z),
            bounds=(-10.0, 10.0),
            method="bounded",
            options={"xatol": 1e-10},
        )
        assert z_star[i] == pytest.approx(res.x, abs=1e-6)


def test_threshold_zero_is_identity() -> None:
    x = np.array([-1.5, 0.0, 2.0, 1e-300])
    np.testing.assert_array_equal(nd.soft_threshold(x, 0.0), x)
    np.testing.assert_array_equal(nd.soft_threshold(x, 0), x)


@pytest.mark.parametrize("t", [0.3, 1.0])
def test_gradcheck_away_from_the_threshold(t: float) -> None:
    g = torch.Generator().manual_seed(0)
    x = torch.randn(4, 5, generator=g, dtype=torch.float64) * 2.0
    keep_away = ((x.abs() - t).abs() < 0.05) | (x.abs() < 0.05)
    x = torch.where(keep_away, x + 0.2, x).requires_grad_(True)
    assert torch.autograd.gradcheck(lambda v: nd.soft_threshold(v, t), (x,))
    # the gradient is 1 outside [-t, t] and 0 inside, as softshrink's
    y = x.detach().clone().requires_grad_(True)
    nd.soft_threshold(x, t).sum().backward()
    F.softshrink(y, t).sum().backward()
    assert x.grad is not None and y.grad is not None
    torch.testing.assert_close(x.grad, y.grad, rtol=0, atol=0)
    torch.testing.assert_close(x.grad, (x.detach().abs() > t).double(), rtol=0, atol=0)


def test_gradcheck_complex() -> None:
    z = torch.tensor([3 + 4j, -2 + 0.5j, 0.1 + 0.1j], dtype=torch.complex128, requires_grad=True)
    assert torch.autograd.gradcheck(lambda v: nd.soft_threshold(v, 1.0), (z,))


# --------------------------------------------------------------------------------------------
# group_soft_threshold: the prox of t * l21_norm
# --------------------------------------------------------------------------------------------


def _group_reference(x: np.ndarray, t: float, axis: int) -> np.ndarray:
    n = np.linalg.norm(x, axis=axis, keepdims=True)
    return x * np.maximum(1.0 - t / np.where(n > 0, n, 1.0), 0.0)


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("t", [0.0, 0.5, 2.0])
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_group_soft_threshold_closed_form(name: str, t: float, axis: int) -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((5, 4)) * 1.5
    x[1] = 0.0
    x[:, 2] = 0.0
    r = nd.group_soft_threshold(BACKENDS[name](x), t, axis=axis)
    assert library_of(r) == name
    np.testing.assert_allclose(to_numpy(r), _group_reference(x, t, axis), rtol=1e-14, atol=0)


def test_group_soft_threshold_zeroes_whole_groups_and_keeps_directions() -> None:
    x = np.array([[3.0, 4.0], [0.3, 0.4], [0.6, 0.8], [-6.0, 8.0]])  # norms 5, 0.5, 1, 10
    z = nd.group_soft_threshold(x, 1.0)
    np.testing.assert_array_equal(z[1:3], 0.0)  # norms <= t: exactly 0
    np.testing.assert_allclose(z[[0, 3]], x[[0, 3]] * np.array([[4 / 5], [9 / 10]]), rtol=1e-15)


def test_group_soft_threshold_with_one_element_groups_is_soft_threshold() -> None:
    x = np.random.default_rng(8).standard_normal((6, 1)) * 2
    np.testing.assert_allclose(
        nd.group_soft_threshold(x, 0.7, axis=1), nd.soft_threshold(x, 0.7), rtol=1e-15
    )


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("t", [0.1, 0.7, 2.0])
def test_group_soft_threshold_prox_optimality(seed: int, t: float) -> None:
    """The result minimizes 0.5 ||z - x||^2 + t ||z||_{2,1}: better than perturbed points,
    and equal to SLSQP's minimizer of each group's (separable) objective."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((4, 3)) * 1.5

    def objective(z: np.ndarray) -> float:
        return float(0.5 * np.sum((z - x) ** 2) + t * np.sum(np.linalg.norm(z, axis=1)))

    z_star = nd.group_soft_threshold(x, t)
    best = objective(z_star)
    assert best == pytest.approx(0.5 * np.sum((z_star - x) ** 2) + t * float(nd.l21_norm(z_star)))
    for _ in range(200):
        eps = rng.standard_normal((4, 3)) * rng.choice([1e-6, 1e-3, 1e-1, 1.0])
        assert best <= objective(z_star + eps) + 1e-12
    for g in range(4):  # each group's objective, smoothed: ||z|| = sqrt(z.z + 1e-30)
        res = scipy.optimize.minimize(
            lambda z, xg=x[g]: 0.5 * np.sum((z - xg) ** 2) + t * np.sqrt(z @ z + 1e-30),
            x[g],
            method="BFGS",
            options={"gtol": 1e-10},
        )
        np.testing.assert_allclose(z_star[g], res.x, atol=1e-5)


def test_group_soft_threshold_gradient_is_finite() -> None:
    x = torch.tensor([[3.0, 4.0], [0.0, 0.0], [0.3, 0.4]], dtype=torch.float64)
    xg = x.clone().requires_grad_(True)
    nd.group_soft_threshold(xg, 1.0).sum().backward()
    assert xg.grad is not None and bool(torch.isfinite(xg.grad).all())
    assert torch.equal(xg.grad[1:], torch.zeros(2, 2, dtype=torch.float64))  # zeroed groups
    y = torch.tensor([[3.0, 4.0], [1.0, -2.0]], dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda v: nd.group_soft_threshold(v, 0.5), (y,))
    assert torch.autograd.gradgradcheck(lambda v: nd.group_soft_threshold(v, 0.5), (y,))


def test_group_soft_threshold_no_overflow_and_lists() -> None:
    x = np.array([[3e200, 4e200]])
    np.testing.assert_allclose(nd.group_soft_threshold(x, 1e200), [[2.4e200, 3.2e200]], rtol=1e-15)
    np.testing.assert_allclose(nd.group_soft_threshold([[3, 4]], 1), [[2.4, 3.2]], rtol=1e-15)
    np.testing.assert_allclose(nd.group_soft_threshold([3.0, 4.0], 1.0, axis=None), [2.4, 3.2])


def test_group_soft_threshold_float16_group_norm_beyond_float16() -> None:
    x = torch.tensor([[6e4, 6e4], [3.0, 4.0]], dtype=torch.float16)  # norm 84853 > 65504
    z = nd.group_soft_threshold(x, 2e4)
    assert z.dtype == torch.float16
    expected = x.double() * torch.tensor([[1 - 2e4 / (6e4 * 2**0.5)], [0.0]], dtype=torch.float64)
    torch.testing.assert_close(z.double(), expected, rtol=1e-3, atol=0)
