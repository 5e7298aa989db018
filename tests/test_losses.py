"""Losses against torch.nn.functional's mse_loss, l1_loss, huber_loss and smooth_l1_loss."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import array_api_strict as xs
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from array_helpers import BACKENDS, XS_ARRAY, library_of, to_numpy

import normdocs as nd

REDUCTIONS = ["mean", "sum", "none"]
DELTAS = [0.1, 0.5, 1.0, 2.0, 5.0]
BETAS = [0.0, 0.5, 1.0, 2.0]  # 0: the L1 loss, as in torch

# (normdocs loss, torch reference, keyword arguments)
LOSSES: list[tuple[Callable[..., Any], Callable[..., Any], dict[str, float]]] = [
    (nd.mse_loss, F.mse_loss, {}),
    (nd.l1_loss, F.l1_loss, {}),
    *[(nd.huber_loss, F.huber_loss, {"delta": d}) for d in DELTAS],
    *[(nd.smooth_l1_loss, F.smooth_l1_loss, {"beta": b}) for b in BETAS],
]
LOSS_IDS = ["mse", "l1", *[f"huber-{d}" for d in DELTAS], *[f"smooth_l1-{b}" for b in BETAS]]


def _data(shape: tuple[int, ...], seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = np.asarray(rng.standard_normal(shape) * 2.0)
    b = np.asarray(rng.standard_normal(shape) * 2.0)
    return a, b


@pytest.mark.parametrize(("loss", "ref", "kw"), LOSSES, ids=LOSS_IDS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(), (1,), (17,), (6, 3), (2, 3, 4)], ids=str)
def test_matches_torch_functional(
    loss: Callable[..., Any],
    ref: Callable[..., Any],
    kw: dict[str, float],
    reduction: str,
    shape: tuple[int, ...],
) -> None:
    a, b = _data(shape, seed=len(shape))
    expected = ref(torch.from_numpy(a), torch.from_numpy(b), reduction=reduction, **kw)

    # torch in, torch out
    t = loss(torch.from_numpy(a), torch.from_numpy(b), reduction=reduction, **kw)
    assert isinstance(t, torch.Tensor)
    torch.testing.assert_close(t, expected, rtol=1e-14, atol=0)

    # NumPy in, NumPy out: same numbers as torch on the same data
    n = loss(a, b, reduction=reduction, **kw)
    if reduction == "none":
        assert isinstance(n, (np.ndarray, np.generic))  # 0-D: NumPy's own ops give a scalar
        assert np.shape(n) == shape
    else:
        assert isinstance(n, np.float64)
    np.testing.assert_allclose(n, expected.numpy(), rtol=1e-14, atol=0)

    # the generic Array API path
    s = loss(xs.asarray(a), xs.asarray(b), reduction=reduction, **kw)
    assert isinstance(s, XS_ARRAY)
    np.testing.assert_allclose(to_numpy(s), expected.numpy(), rtol=1e-14, atol=0)


@pytest.mark.parametrize(("loss", "ref", "kw"), LOSSES, ids=LOSS_IDS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_float32_matches_torch_and_stays_float32(
    loss: Callable[..., Any], ref: Callable[..., Any], kw: dict[str, float], reduction: str
) -> None:
    a, b = _data((5, 4), seed=1)
    a32, b32 = a.astype(np.float32), b.astype(np.float32)
    expected = ref(torch.from_numpy(a32), torch.from_numpy(b32), reduction=reduction, **kw)
    t = loss(torch.from_numpy(a32), torch.from_numpy(b32), reduction=reduction, **kw)
    assert t.dtype == torch.float32
    torch.testing.assert_close(t, expected)
    n = loss(a32, b32, reduction=reduction, **kw)
    assert n.dtype == np.float32
    np.testing.assert_allclose(n, expected.numpy(), rtol=2e-6)
    # a nested list target joins the tensor's library with torch's default float
    listed = loss(torch.from_numpy(a32), b32.tolist(), reduction=reduction, **kw)
    assert listed.dtype == torch.float32
    torch.testing.assert_close(listed, expected)


@pytest.mark.parametrize(("loss", "ref", "kw"), LOSSES, ids=LOSS_IDS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_residuals_at_and_around_delta(
    loss: Callable[..., Any], ref: Callable[..., Any], kw: dict[str, float], reduction: str
) -> None:
    d = kw.get("delta", kw.get("beta", 1.0))
    d = d or 1.0  # beta=0: no kink but at 0
    r = np.array([0.0, d / 2, -d / 2, d, -d, np.nextafter(d, 0), np.nextafter(d, 2 * d), 3 * d])
    target = np.linspace(-1.0, 1.0, r.size)
    a = target + r
    expected = ref(torch.from_numpy(a), torch.from_numpy(target), reduction=reduction, **kw)
    np.testing.assert_allclose(
        loss(a, target, reduction=reduction, **kw), expected.numpy(), rtol=1e-13
    )


@pytest.mark.parametrize("delta", DELTAS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_huber_is_delta_times_smooth_l1(delta: float, reduction: str) -> None:
    a, b = _data((30,), seed=4)
    smooth = F.smooth_l1_loss(
        torch.from_numpy(a), torch.from_numpy(b), reduction=reduction, beta=delta
    )
    np.testing.assert_allclose(
        nd.huber_loss(a, b, delta=delta, reduction=reduction), delta * smooth.numpy(), rtol=1e-13
    )


@pytest.mark.parametrize("beta", [0.1, 1.0, 3.0])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
def test_smooth_l1_is_huber_over_beta(beta: float, reduction: str, name: str) -> None:
    a, b = (BACKENDS[name](v) for v in _data((5, 6), seed=5))
    smooth = to_numpy(nd.smooth_l1_loss(a, b, beta=beta, reduction=reduction))
    huber = to_numpy(nd.huber_loss(a, b, delta=beta, reduction=reduction))
    np.testing.assert_allclose(smooth, huber / beta, rtol=1e-13)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
def test_smooth_l1_with_beta_zero_is_the_l1_loss(reduction: str, name: str) -> None:
    a, b = (BACKENDS[name](v) for v in _data((7,), seed=6))
    np.testing.assert_array_equal(
        to_numpy(nd.smooth_l1_loss(a, b, beta=0.0, reduction=reduction)),
        to_numpy(nd.l1_loss(a, b, reduction=reduction)),
    )


def test_smooth_l1_closed_form() -> None:
    r = np.array([0.5, -0.5, 2.0, -3.0, 1.0])
    beta = 2.0
    expected = np.where(np.abs(r) < beta, 0.5 * r**2 / beta, np.abs(r) - 0.5 * beta)
    got = nd.smooth_l1_loss(r, np.zeros(5), beta=beta, reduction="none")
    np.testing.assert_allclose(got, expected, rtol=1e-15)


def test_huber_closed_form() -> None:
    """Quadratic below delta, linear above, continuous at delta, computed by hand."""
    r = np.array([0.5, -0.5, 2.0, -3.0, 1.0])
    d = 1.0
    expected = np.where(np.abs(r) < d, 0.5 * r**2, d * (np.abs(r) - 0.5 * d))
    np.testing.assert_allclose(nd.huber_loss(r, np.zeros(5), delta=d, reduction="none"), expected)


@pytest.mark.parametrize(("loss", "ref", "kw"), LOSSES, ids=LOSS_IDS)
def test_integer_and_list_input(
    loss: Callable[..., Any], ref: Callable[..., Any], kw: dict[str, float]
) -> None:
    a = [[1, 2, 3], [4, 5, 6]]
    b = [[0, 2, 5], [1, 1, 1]]
    expected = ref(torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64), **kw)
    r = loss(a, b, **kw)
    assert isinstance(r, np.float64)
    assert float(r) == pytest.approx(expected.item(), rel=1e-15)
    ri = loss(np.array(a, dtype=np.int8), np.array(b, dtype=np.int8), **kw)
    assert isinstance(ri, np.float64)
    assert float(ri) == pytest.approx(expected.item(), rel=1e-15)
    t = loss(torch.tensor(a), torch.tensor(b), **kw)
    assert t.dtype == torch.get_default_dtype()
    assert t.item() == pytest.approx(expected.item(), rel=1e-6)
    s = loss(xs.asarray(a), xs.asarray(b), **kw)
    assert s.dtype == xs.float64
    # Python scalars are one-element inputs
    scalar = loss(3.0, 1.0, **kw)
    assert isinstance(scalar, np.float64)
    assert float(scalar) == pytest.approx(ref(torch.tensor(3.0), torch.tensor(1.0), **kw).item())


@pytest.mark.usefixtures("torch_default_float64")
def test_integer_tensors_follow_torch_default_dtype() -> None:
    r = nd.mse_loss(torch.tensor([1, 2]), torch.tensor([0, 0]))
    assert r.dtype == torch.float64
    assert r.item() == 2.5


@pytest.mark.parametrize(("loss", "ref", "kw"), LOSSES, ids=LOSS_IDS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nan_and_inf_like_torch(
    loss: Callable[..., Any], ref: Callable[..., Any], kw: dict[str, float], reduction: str
) -> None:
    a = np.array([1.0, math.nan, math.inf, 2.0])
    b = np.array([0.0, 0.0, 0.0, math.inf])
    expected = ref(torch.from_numpy(a), torch.from_numpy(b), reduction=reduction, **kw).numpy()
    with np.errstate(invalid="ignore"):  # inf - inf, as torch computes it
        for name in ["numpy", "torch", "array_api_strict"]:
            got = to_numpy(loss(BACKENDS[name](a), BACKENDS[name](b), reduction=reduction, **kw))
            np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize(("loss", "ref", "kw"), LOSSES, ids=LOSS_IDS)
@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_complex_residual_uses_the_modulus(
    loss: Callable[..., Any], ref: Callable[..., Any], kw: dict[str, float], dtype: str
) -> None:
    rng = np.random.default_rng(2)
    a = (rng.standard_normal(8) + 1j * rng.standard_normal(8)).astype(dtype)
    b = (rng.standard_normal(8) + 1j * rng.standard_normal(8)).astype(dtype)
    real = np.float64 if dtype == "complex128" else np.float32
    modulus = np.abs(a - b).astype(np.float64)
    for reduction in REDUCTIONS:
        # the real loss of |r| against 0 is the complex loss of r
        expected = ref(
            torch.from_numpy(modulus),
            torch.zeros(8, dtype=torch.float64),
            reduction=reduction,
            **kw,
        )
        for name in ["numpy", "torch", "array_api_strict"]:
            r = loss(BACKENDS[name](a), BACKENDS[name](b), reduction=reduction, **kw)
            got = to_numpy(r)
            assert got.dtype == real
            np.testing.assert_allclose(
                got, expected.numpy(), rtol=1e-13 if real == np.float64 else 1e-5
            )


@pytest.mark.parametrize("loss", [nd.mse_loss, nd.l1_loss, nd.huber_loss, nd.smooth_l1_loss])
def test_empty_input(loss: Callable[..., Any]) -> None:
    for name in ["numpy", "torch", "array_api_strict"]:
        e = BACKENDS[name](np.zeros((0, 3)))
        s = loss(e, e, reduction="sum")
        assert library_of(s) == name
        assert float(to_numpy(s)) == 0.0
        n = loss(e, e, reduction="none")
        assert to_numpy(n).shape == (0, 3)


@pytest.mark.parametrize("loss", [nd.mse_loss, nd.l1_loss, nd.huber_loss])
def test_nested_lists_join_the_other_library(loss: Callable[..., Any]) -> None:
    t = torch.tensor([1.0, 2.0, 4.0])
    r = loss(t, [0.0, 2.0, 1.0])
    r2 = loss([0.0, 2.0, 1.0], t)
    assert isinstance(r, torch.Tensor) and isinstance(r2, torch.Tensor)
    assert r.dtype == torch.float32
    expected = {nd.mse_loss: 10 / 3, nd.l1_loss: 4 / 3, nd.huber_loss: (0.5 + 2.5) / 3}[loss]
    assert r.item() == pytest.approx(expected, rel=1e-6)
    assert r2.item() == pytest.approx(expected, rel=1e-6)
    s = loss(xs.asarray([1.0, 2.0, 4.0]), [0.0, 2.0, 1.0])
    assert isinstance(s, XS_ARRAY)
    assert float(to_numpy(s)) == pytest.approx(expected, rel=1e-15)


def test_float64_and_float32_promote_like_the_library() -> None:
    a32 = np.array([1.0, 2.0], dtype=np.float32)
    assert nd.mse_loss(a32, np.zeros(2)).dtype == np.result_type(np.float32, np.float64)
    t = nd.mse_loss(torch.tensor([1.0, 2.0]), torch.zeros(2, dtype=torch.float64))
    assert t.dtype == torch.promote_types(torch.float32, torch.float64)


# --------------------------------------------------------------------------------------------
# Gradients
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("loss", "ref", "kw"), LOSSES, ids=LOSS_IDS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_gradcheck_and_gradient_equals_torch(
    loss: Callable[..., Any], ref: Callable[..., Any], kw: dict[str, float], reduction: str
) -> None:
    g = torch.Generator().manual_seed(0)
    a = torch.randn(4, 3, generator=g, dtype=torch.float64)
    b = a + torch.linspace(-3.0, 3.0, 12, dtype=torch.float64).reshape(4, 3) + 0.01  # no r == 0
    d = kw.get("delta", kw.get("beta", 1.0))
    assert (((a - b).abs() - d).abs() > 1e-3).all()  # away from the Huber kink
    x = a.clone().requires_grad_(True)
    y = b.clone().requires_grad_(True)
    assert torch.autograd.gradcheck(lambda p, q: loss(p, q, reduction=reduction, **kw), (x, y))

    xr = a.clone().requires_grad_(True)
    weights = torch.linspace(0.5, 1.5, 12, dtype=torch.float64).reshape(4, 3)
    out = loss(x, b, reduction=reduction, **kw)
    out_ref = ref(xr, b, reduction=reduction, **kw)
    (out * weights if reduction == "none" else out).sum().backward()
    (out_ref * weights if reduction == "none" else out_ref).sum().backward()
    assert x.grad is not None and xr.grad is not None
    torch.testing.assert_close(x.grad, xr.grad, rtol=1e-14, atol=0)
