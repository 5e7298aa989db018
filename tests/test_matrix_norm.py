"""Matrix norms against numpy.linalg.norm, scipy.linalg.norm and torch.linalg.matrix_norm."""

from __future__ import annotations

import math
from typing import Any

import array_api_strict as xs
import numpy as np
import pytest
import scipy.linalg
import torch
from array_helpers import BACKENDS, XS_ARRAY, library_of, to_numpy

import normdocs as nd

MATRIX_ORDS = ["fro", "nuc", 1, 2, math.inf]
SHAPES = [(1, 1), (4, 3), (3, 4), (5, 1), (2, 3, 4), (2, 2, 3, 3)]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_random_cross_check(seed: int, ord: Any, shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(shape) * rng.choice([1e-3, 1.0, 1e3])

    ref = np.linalg.norm(a, ord, axis=(-2, -1))
    np.testing.assert_allclose(
        scipy.linalg.norm(a, ord, axis=(-2, -1)), ref, rtol=1e-13
    )  # two references agree
    got = nd.matrix_norm(a, ord)
    np.testing.assert_allclose(got, ref, rtol=1e-12)
    if a.ndim == 2:
        assert isinstance(got, np.floating)
        assert float(got) == pytest.approx(float(scipy.linalg.norm(a, ord)), rel=1e-12)

    t = torch.from_numpy(a)
    tref = torch.linalg.matrix_norm(t, ord)
    torch.testing.assert_close(nd.matrix_norm(t, ord), tref, rtol=1e-12, atol=0)

    # float32 against torch's float32 result
    t32 = t.float()
    r32 = nd.matrix_norm(t32, ord)
    assert r32.dtype == torch.float32
    torch.testing.assert_close(r32, torch.linalg.matrix_norm(t32, ord), rtol=1e-5, atol=0)
    n32 = nd.matrix_norm(a.astype(np.float32), ord)
    assert n32.dtype == np.float32
    np.testing.assert_allclose(n32, ref, rtol=1e-5)

    # the generic Array API path
    s = nd.matrix_norm(xs.asarray(a), ord)
    assert isinstance(s, XS_ARRAY)
    np.testing.assert_allclose(to_numpy(s), ref, rtol=1e-12)


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
@pytest.mark.parametrize("shape", [(3, 4), (2, 3, 4)], ids=str)
def test_keepdims_like_numpy(name: str, ord: Any, shape: tuple[int, ...]) -> None:
    a = np.arange(1.0, 1.0 + math.prod(shape)).reshape(shape) ** 1.5 * (-1) ** np.arange(
        math.prod(shape)
    ).reshape(shape)
    for keepdims in [False, True]:
        ref = np.linalg.norm(a, ord, axis=(-2, -1), keepdims=keepdims)
        r = nd.matrix_norm(BACKENDS[name](a), ord, keepdims=keepdims)
        assert library_of(r) == name
        got = to_numpy(r)
        assert got.shape == np.shape(ref)
        np.testing.assert_allclose(got, ref, rtol=1e-12)


def test_ord_1_is_the_max_column_sum_and_inf_the_max_row_sum() -> None:
    a = np.array([[1.0, -2.0], [3.0, 4.0]])
    assert float(nd.matrix_norm(a, 1)) == 6.0  # max(|1|+|3|, |-2|+|4|)
    assert float(nd.matrix_norm(a, math.inf)) == 7.0  # max(|1|+|-2|, |3|+|4|)
    assert float(nd.matrix_norm(a)) == pytest.approx(math.sqrt(30), rel=1e-15)


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
@pytest.mark.parametrize("scale", [1e300, 1e-300, 1e-320])
def test_no_overflow_no_underflow(name: str, ord: Any, scale: float) -> None:
    rng = np.random.default_rng(11)
    u = rng.standard_normal((2, 3, 4))
    u[1] *= 4.0
    ref = np.linalg.norm(u, ord, axis=(-2, -1)) * scale
    a = u * scale
    rtol = 1e-12 if scale > 1e-310 else 1e-3  # subnormal inputs carry few significant bits
    got = to_numpy(nd.matrix_norm(BACKENDS[name](a), ord))
    assert np.all(np.isfinite(got))
    assert np.all(got > 0)
    np.testing.assert_allclose(got, ref, rtol=rtol)


@pytest.mark.parametrize("name", ["numpy", "torch"])
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
def test_float32_no_overflow(name: str, ord: Any) -> None:
    a = np.array([[3e20, 0.0], [4e20, 0.0]], dtype=np.float32)
    expected = {"fro": 5e20, "nuc": 5e20, 1: 7e20, 2: 5e20, math.inf: 4e20}[ord]
    r = nd.matrix_norm(BACKENDS[name](a), ord)
    assert library_of(r) == name
    assert to_numpy(r).dtype == np.float32
    assert float(to_numpy(r)) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
def test_nan_and_inf(name: str, ord: Any) -> None:
    a = np.ones((3, 2, 2))
    a[0, 0, 1] = math.nan
    a[1, 1, 0] = -math.inf
    got = to_numpy(nd.matrix_norm(BACKENDS[name](a), ord))
    assert math.isnan(got[0])
    assert got[1] == math.inf
    assert got[2] == pytest.approx(float(np.linalg.norm(np.ones((2, 2)), ord)), rel=1e-14)


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
@pytest.mark.parametrize("shape", [(0, 3), (3, 0), (0, 0), (2, 0, 4), (2, 4, 0)], ids=str)
def test_empty_matrix_has_norm_zero(name: str, ord: Any, shape: tuple[int, ...]) -> None:
    a = np.zeros(shape)
    for keepdims in [False, True]:
        r = nd.matrix_norm(BACKENDS[name](a), ord, keepdims=keepdims)
        got = to_numpy(r)
        expected_shape = shape[:-2] + ((1, 1) if keepdims else ())
        assert got.shape == expected_shape
        assert np.all(got == 0)
    if len(shape) == 2 and name == "numpy":
        assert isinstance(nd.matrix_norm(a, ord), np.float64)


@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
def test_complex_integer_and_boolean_input(ord: Any) -> None:
    rng = np.random.default_rng(5)
    z = rng.standard_normal((2, 3, 3)) + 1j * rng.standard_normal((2, 3, 3))
    r = nd.matrix_norm(z, ord)
    assert r.dtype == np.float64
    np.testing.assert_allclose(r, np.linalg.norm(z, ord, axis=(-2, -1)), rtol=1e-12)
    torch.testing.assert_close(
        nd.matrix_norm(torch.from_numpy(z), ord),
        torch.linalg.matrix_norm(torch.from_numpy(z), ord),
        rtol=1e-12,
        atol=0,
    )

    ints = np.array([[1, -2, 0], [3, 4, 5]], dtype=np.int32)
    ref = np.linalg.norm(ints.astype(np.float64), ord)
    r = nd.matrix_norm(ints, ord)
    assert isinstance(r, np.float64)
    assert float(r) == pytest.approx(float(ref), rel=1e-13)
    t = nd.matrix_norm(torch.from_numpy(ints), ord)
    assert t.dtype == torch.get_default_dtype()
    assert t.item() == pytest.approx(float(ref), rel=1e-6)
    b = nd.matrix_norm([[True, False], [True, True]], ord)
    assert float(b) == pytest.approx(float(np.linalg.norm(np.array([[1.0, 0], [1, 1]]), ord)))


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_complex_matrix_uses_its_singular_values(name: str, ord: Any, dtype: str) -> None:
    """Not the singular values of ``|A|``: spectral and nuclear norms need the complex SVD."""
    rng = np.random.default_rng(8)
    z = (rng.standard_normal((3, 4, 3)) + 1j * rng.standard_normal((3, 4, 3))).astype(dtype)
    z[0] *= 1e300 if dtype == "complex128" else 1e30  # through the scaled path
    z[1, 0, 0] = complex(math.nan, 0.0)
    z[2, 1, 1] = complex(math.inf, 1.0)
    clean = z.copy()
    clean[0] = z[0] / (1e300 if dtype == "complex128" else 1e30)
    ref = np.linalg.norm(clean[0], ord) * (1e300 if dtype == "complex128" else 1e30)
    real = "float64" if dtype == "complex128" else "float32"
    r = nd.matrix_norm(BACKENDS[name](z), ord)
    assert library_of(r) == name
    got = to_numpy(r)
    assert got.dtype == np.dtype(real)
    assert got[0] == pytest.approx(float(ref), rel=1e-12 if real == "float64" else 1e-5)
    assert math.isnan(got[1])
    assert got[2] == math.inf
    empty = to_numpy(nd.matrix_norm(BACKENDS[name](np.zeros((2, 0, 3), dtype=dtype)), ord))
    assert empty.dtype == np.dtype(real)
    np.testing.assert_array_equal(empty, np.zeros(2))


def test_nested_list_input() -> None:
    r = nd.matrix_norm([[1, -2], [3, 4]], 2)
    assert isinstance(r, np.float64)
    assert float(r) == pytest.approx(float(np.linalg.norm(np.array([[1.0, -2], [3, 4]]), 2)))


# --------------------------------------------------------------------------------------------
# Gradients through torch
# --------------------------------------------------------------------------------------------


def _generic_matrix(shape: tuple[int, ...]) -> torch.Tensor:
    """Distinct singular values, no zero entries, no ties in the row or column sums."""
    g = torch.Generator().manual_seed(0)
    a = torch.randn(shape, generator=g, dtype=torch.float64)
    return a + torch.sign(a) * 0.1


@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
@pytest.mark.parametrize("shape", [(3, 3), (4, 2), (2, 3, 4)], ids=str)
def test_gradcheck_matrix_norm(ord: Any, shape: tuple[int, ...]) -> None:
    a = _generic_matrix(shape).requires_grad_(True)
    assert torch.autograd.gradcheck(lambda t: nd.matrix_norm(t, ord), (a,))


@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=repr)
def test_gradient_equals_torch(ord: Any) -> None:
    base = _generic_matrix((2, 3, 4))
    a = base.clone().requires_grad_(True)
    b = base.clone().requires_grad_(True)
    nd.matrix_norm(a, ord).sum().backward()
    torch.linalg.matrix_norm(b, ord).sum().backward()
    assert a.grad is not None and b.grad is not None
    torch.testing.assert_close(a.grad, b.grad, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("ord", ["fro", 2, "nuc"], ids=repr)
def test_gradient_through_the_scaled_path(ord: Any) -> None:
    """Homogeneity: the gradient at ``1e200 * A`` equals torch's gradient at ``A``."""
    base = _generic_matrix((3, 3))
    a = (1e200 * base).requires_grad_(True)
    b = base.clone().requires_grad_(True)
    nd.matrix_norm(a, ord).backward()
    torch.linalg.matrix_norm(b, ord).backward()
    assert a.grad is not None and b.grad is not None
    assert torch.isfinite(a.grad).all()
    torch.testing.assert_close(a.grad, b.grad, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("ord", ["fro", 1, math.inf], ids=repr)
def test_gradient_at_zero_is_finite(ord: Any) -> None:
    a = torch.zeros(2, 2, dtype=torch.float64, requires_grad=True)
    nd.matrix_norm(a, ord).backward()
    assert a.grad is not None
    assert torch.isfinite(a.grad).all()
    if ord == "fro":
        assert torch.equal(a.grad, torch.zeros_like(a))
