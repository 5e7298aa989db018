"""normalize and cosine_similarity against torch.nn.functional's: values, gradients,
broadcasting, every library, and the overflow torch's norms suffer."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from array_helpers import BACKENDS, library_of, to_numpy

import normdocs as nd


def _randn(*shape: int, seed: int = 0, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


@pytest.mark.parametrize("ord", [1, 2, 3, 4.5, math.inf])
@pytest.mark.parametrize(("shape", "axis"), [((7,), 0), ((4, 5), -1), ((4, 5), 0), ((2, 3, 4), 1)])
@pytest.mark.parametrize("eps", [1e-12, 0.5])
def test_normalize_matches_torch(ord: float, shape: tuple[int, ...], axis: int, eps: float) -> None:
    x = _randn(*shape)
    x[(0,) * x.ndim] = 0.0
    if x.ndim > 1:
        x[0] = 0.0  # a zero vector: divided by eps
    expected = F.normalize(x, p=ord, dim=axis, eps=eps)
    got = nd.normalize(x, ord, axis=axis, eps=eps)
    torch.testing.assert_close(got, expected, rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(
        nd.normalize(x.numpy(), ord, axis=axis, eps=eps), expected.numpy(), rtol=1e-14
    )


@pytest.mark.parametrize("ord", [1, 2, 3, math.inf])
def test_normalize_gradient_equals_torch_and_is_finite_at_zero(ord: float) -> None:
    x = _randn(4, 5, seed=1)
    x[1] = 0.0  # the zero vector: gradient 1/eps
    weights = _randn(4, 5, seed=2)
    a = x.clone().requires_grad_(True)
    b = x.clone().requires_grad_(True)
    (nd.normalize(a, ord) * weights).sum().backward()
    (F.normalize(b, p=ord, dim=-1) * weights).sum().backward()
    assert a.grad is not None and b.grad is not None
    assert bool(torch.isfinite(a.grad).all())
    torch.testing.assert_close(a.grad, b.grad, rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(a.grad[1], weights[1] / 1e-12, rtol=1e-15, atol=0)
    y = _randn(3, 4, seed=3).requires_grad_(True)
    assert torch.autograd.gradcheck(lambda v: nd.normalize(v, ord), (y,))


@pytest.mark.parametrize(
    ("values", "dtype"),
    [([1e200, 1e200], "float64"), ([1e-200, -1e-200], "float64"), ([3e20, 4e20], "float32")],
)
def test_normalize_does_not_overflow(values: list[float], dtype: str) -> None:
    x = np.array(values, dtype=dtype)
    expected = (
        np.array(values, dtype=np.float64) / abs(values[0]) / math.hypot(1.0, values[1] / values[0])
    )
    eps = 0.0 if abs(values[0]) < 1 else 1e-12  # a tiny vector's norm is below 1e-12
    got = nd.normalize(x, eps=eps)
    assert got.dtype == np.dtype(dtype)
    np.testing.assert_allclose(got, expected, rtol=1e-6 if dtype == "float32" else 1e-15)
    t = torch.from_numpy(x)
    theirs = F.normalize(t, dim=0, eps=eps)  # torch's norm overflows (0) or underflows (NaN)
    assert not torch.allclose(theirs, torch.from_numpy(expected).to(t.dtype))
    torch.testing.assert_close(nd.normalize(t, eps=eps), torch.from_numpy(expected).to(t.dtype))


@pytest.mark.parametrize("name", list(BACKENDS))
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_normalize_every_library(name: str, dtype: str) -> None:
    x = _randn(3, 4, seed=4).numpy().astype(dtype)
    r = nd.normalize(BACKENDS[name](x), axis=0)
    assert library_of(r) == name and to_numpy(r).dtype == np.dtype(dtype)
    expected = F.normalize(torch.from_numpy(x.astype(np.float64)), dim=0).numpy()
    np.testing.assert_allclose(to_numpy(r), expected, rtol=1e-6 if dtype == "float32" else 1e-14)


def test_normalize_lists_integers_axis_none() -> None:
    np.testing.assert_allclose(nd.normalize([[3, 4], [0, 0]]), [[0.6, 0.8], [0.0, 0.0]])
    np.testing.assert_allclose(
        nd.normalize([[3.0, 0.0], [0.0, 4.0]], axis=None), [[0.6, 0.0], [0.0, 0.8]]
    )
    np.testing.assert_allclose(
        nd.normalize(np.array([1, 1j]), axis=0), [1 / math.sqrt(2), 1j / math.sqrt(2)]
    )


# --------------------------------------------------------------------------------------------
# cosine_similarity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("s1", "s2", "axis"),
    [
        ((7,), (7,), 0),
        ((4, 5), (4, 5), -1),
        ((4, 5), (4, 5), 0),
        ((4, 5), (1, 5), -1),  # broadcast
        ((3, 1, 5), (4, 5), -1),
        ((2, 3, 4), (3, 4), 1),
    ],
)
@pytest.mark.parametrize("eps", [1e-8, 0.5, 0.0])
def test_cosine_similarity_matches_torch(
    s1: tuple[int, ...], s2: tuple[int, ...], axis: int, eps: float
) -> None:
    a, b = _randn(*s1, seed=5), _randn(*s2, seed=6)
    expected = F.cosine_similarity(a, b, dim=axis, eps=eps)
    got = nd.cosine_similarity(a, b, axis=axis, eps=eps)
    assert got.shape == expected.shape
    torch.testing.assert_close(got, expected, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(
        nd.cosine_similarity(a.numpy(), b.numpy(), axis=axis, eps=eps),
        expected.numpy(),
        rtol=1e-14,
        atol=1e-15,
    )


def test_cosine_similarity_eps_clamps_each_norm() -> None:
    """torch 2.x: x1 . x2 / (max(|x1|, eps) max(|x2|, eps)), not / max(|x1| |x2|, eps)."""
    x1 = torch.tensor([[1e-9, 0.0], [3.0, 4.0], [0.0, 0.0], [1e-5, 2e-5]], dtype=torch.float64)
    x2 = torch.tensor([[2e-9, 1e-9], [1.0, 1.0], [1.0, 0.0], [3e-5, 1e-5]], dtype=torch.float64)
    eps = 1e-4
    n1, n2 = x1.norm(dim=-1).clamp_min(eps), x2.norm(dim=-1).clamp_min(eps)
    each = (x1 * x2).sum(-1) / (n1 * n2)
    torch.testing.assert_close(F.cosine_similarity(x1, x2, eps=eps), each, rtol=1e-14, atol=0)
    torch.testing.assert_close(nd.cosine_similarity(x1, x2, eps=eps), each, rtol=1e-14, atol=0)
    product = (x1 * x2).sum(-1) / (x1.norm(dim=-1) * x2.norm(dim=-1)).clamp_min(eps)
    assert not torch.allclose(each, product)


def test_cosine_similarity_gradients() -> None:
    """Equal to torch's where both norms exceed eps; the true derivative everywhere."""
    a, b = _randn(5, 4, seed=7), _randn(5, 4, seed=8)
    w = _randn(5, seed=9)
    pairs = []
    for f in (nd.cosine_similarity, lambda p, q: F.cosine_similarity(p, q, dim=-1)):
        p, q = a.clone().requires_grad_(True), b.clone().requires_grad_(True)
        (f(p, q) * w).sum().backward()
        pairs.append((p.grad, q.grad))
    for ours, theirs in zip(pairs[0], pairs[1], strict=True):
        torch.testing.assert_close(ours, theirs, rtol=1e-12, atol=1e-14)
    # short vectors (norm below eps) and a zero vector: gradcheck of ours passes
    small = torch.tensor(
        [[1e-5, 2e-5], [0.0, 0.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True
    )
    other = torch.tensor(
        [[3e-5, 1e-5], [1.0, 2.0], [1e-5, 0.0]], dtype=torch.float64, requires_grad=True
    )
    f = lambda p, q: nd.cosine_similarity(p, q, eps=1e-4)  # noqa: E731
    assert torch.autograd.gradcheck(f, (small, other), eps=1e-9, atol=1e-5)
    out = f(small, other).sum()
    out.backward()
    assert small.grad is not None and bool(torch.isfinite(small.grad).all())


def test_cosine_similarity_does_not_overflow() -> None:
    a = np.array([1e200, 1e200])
    assert float(nd.cosine_similarity(a, a)) == pytest.approx(1.0, rel=1e-15)
    assert float(
        F.cosine_similarity(torch.from_numpy(a), torch.from_numpy(a), dim=0)
    ) != pytest.approx(1.0)
    t = torch.tensor([3e20, 4e20])
    assert float(nd.cosine_similarity(t, t)) == pytest.approx(1.0, rel=1e-6)
    tiny = np.array([1e-200, 2e-200])
    assert float(nd.cosine_similarity(tiny, 2 * tiny, eps=0.0)) == pytest.approx(1.0, rel=1e-15)


@pytest.mark.parametrize("name", list(BACKENDS))
def test_cosine_similarity_every_library_and_lists(name: str) -> None:
    a, b = _randn(4, 3, seed=10).numpy(), _randn(4, 3, seed=11).numpy()
    r = nd.cosine_similarity(BACKENDS[name](a), BACKENDS[name](b))
    assert library_of(r) == name
    expected = F.cosine_similarity(torch.from_numpy(a), torch.from_numpy(b), dim=-1).numpy()
    np.testing.assert_allclose(to_numpy(r), expected, rtol=1e-14)
    mixed = nd.cosine_similarity(BACKENDS[name](a), b.tolist())
    assert library_of(mixed) == name


def test_cosine_similarity_scalar_result_and_dtypes() -> None:
    r = nd.cosine_similarity([1, 0], [1, 1])
    assert isinstance(r, np.float64)
    f32 = nd.cosine_similarity(np.ones(3, dtype=np.float32), np.ones(3, dtype=np.float32))
    assert f32.dtype == np.float32
    t = nd.cosine_similarity(torch.ones(3), torch.ones(3, dtype=torch.float64))
    assert t.dtype == torch.float64


@pytest.mark.parametrize("make", [torch.tensor, np.array], ids=["torch", "numpy"])
def test_float16_vectors_whose_norm_exceeds_float16(make: Any) -> None:
    """[6e4, 6e4] has norm 84853 > 65504: computed in float32, returned in float16."""
    x = make([[6e4, 6e4], [1.0, 0.0]], dtype=torch.float16 if make is torch.tensor else np.float16)
    n = to_numpy(nd.normalize(x))
    assert n.dtype == np.float16
    np.testing.assert_allclose(n, [[0.7071, 0.7071], [1.0, 0.0]], rtol=1e-3)
    c = to_numpy(nd.cosine_similarity(x, x))
    assert c.dtype == np.float16
    np.testing.assert_allclose(c, [1.0, 1.0], rtol=1e-3)
    f32 = np.array([3e38, 3e38], dtype=np.float32)  # norm 4.2e38 > float32's 3.4e38
    np.testing.assert_allclose(nd.normalize(f32), [0.70710677, 0.70710677], rtol=1e-6)
    assert nd.normalize(f32).dtype == np.float32
