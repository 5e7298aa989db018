"""Vector norms: each promise of the library contract, checked against NumPy, SciPy and PyTorch.

References are always computed independently (NumPy, SciPy, PyTorch, or exact closed forms in
Python floats), never with normdocs itself.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import array_api_strict as xs
import numpy as np
import pytest
import scipy.linalg
import torch
from array_helpers import BACKENDS, XS_ARRAY, library_of, to_numpy

import normdocs as nd

ORDS = [0, 1, 2, 3, 4.5, math.inf]
NORM_ORDS = [1, 2, 3, 4.5, math.inf]  # the ords that are norms (not the l0 count)
ALIASES = {1: nd.l1_norm, 2: nd.l2_norm, math.inf: nd.linf_norm, 0: nd.l0_norm}

NP_FLOAT = {"float64": np.float64, "float32": np.float32, "float16": np.float16}
TORCH_FLOAT = {"float64": torch.float64, "float32": torch.float32, "float16": torch.float16}


def make(backend: str, values: Any, dtype: str = "float64") -> Any:
    a = np.asarray(values, dtype=NP_FLOAT[dtype])
    return BACKENDS[backend](a)


def dtype_name(r: Any) -> str:
    if isinstance(r, torch.Tensor):
        return str(r.dtype).removeprefix("torch.")
    if isinstance(r, XS_ARRAY):
        return str(r.dtype).removeprefix("array_api_strict.")
    return np.asarray(r).dtype.name


# --------------------------------------------------------------------------------------------
# No overflow, no underflow (the fallback path), for L2 and every finite p
# --------------------------------------------------------------------------------------------

# (values, dtype, ord, exact value in Python floats, relative tolerance)
RANGE_CASES = [
    ([1e200, 1e200], "float64", 2, 1.4142135623730951e200, 1e-15),
    ([1e-200, 1e-200], "float64", 2, 1.4142135623730951e-200, 1e-15),
    ([1e308, 1e308], "float64", 2, 1e308 * math.sqrt(2), 1e-15),
    ([3e200, -4e200], "float64", 2, 5e200, 1e-15),
    ([3e-200, -4e-200], "float64", 2, 5e-200, 1e-15),
    ([5e-324], "float64", 2, 5e-324, 0),  # the smallest subnormal
    ([3e20, 4e20], "float32", 2, 5e20, 1e-6),
    ([3e-30, 4e-30], "float32", 2, 5e-30, 1e-6),
    ([300.0, 400.0], "float16", 2, 500.0, 1e-3),  # 300**2 overflows float16
    ([1e200, 1e200, 1e200], "float64", 3, 1e200 * 3 ** (1 / 3), 1e-15),
    ([1e-200, 1e-200, 1e-200], "float64", 3, 1e-200 * 3 ** (1 / 3), 1e-15),
    ([1e200, 1e200], "float64", 4.5, 1e200 * 2 ** (1 / 4.5), 1e-15),
    ([1e-120, -1e-120], "float64", 4.5, 1e-120 * 2 ** (1 / 4.5), 1e-15),
    ([1e250, 1e250, 1e250, 1e250], "float64", 1.5, 1e250 * 4 ** (1 / 1.5), 1e-15),
    ([3e20, 4e20], "float32", 3, 1e20 * 91 ** (1 / 3), 1e-6),
    ([1e-30, 1e-30, 1e-30, 1e-30], "float32", 4, 1e-30 * math.sqrt(2), 1e-6),
    ([1e200, 1e200], "float64", 1, 2e200, 1e-15),
    ([1e-200, 1e-200], "float64", math.inf, 1e-200, 0),
]


@pytest.mark.parametrize(
    ("name", "values", "dtype", "ord", "expected", "rel"),
    [
        (name, *case)
        for name in ["numpy", "torch", "array_api_strict"]
        for case in RANGE_CASES
        if not (name == "array_api_strict" and case[1] == "float16")  # it has no float16
    ],
)
def test_no_overflow_no_underflow(
    name: str, values: list[float], dtype: str, ord: float, expected: float, rel: float
) -> None:
    x = make(name, values, dtype)
    r = nd.vector_norm(x, ord)
    assert library_of(r) == name
    assert dtype_name(r) == dtype
    assert float(to_numpy(r)) == pytest.approx(expected, rel=rel, abs=0)
    if ord in ALIASES:
        assert float(to_numpy(ALIASES[ord](x))) == pytest.approx(expected, rel=rel, abs=0)


@pytest.mark.parametrize(
    ("values", "dtype"),
    [([1e200, 1e200], "float64"), ([1e-200, 1e-200], "float64"), ([3e20, 4e20], "float32")],
)
def test_the_range_cases_defeat_numpy_and_torch(values: list[float], dtype: str) -> None:
    """The cases above need the fallback: the plain formulas overflow to inf or underflow to 0."""
    a = np.asarray(values, dtype=NP_FLOAT[dtype])
    with np.errstate(over="ignore", under="ignore"):
        naive = float(np.sqrt(np.sum(a * a)))
    torch_naive = float(torch.sqrt(torch.sum(torch.from_numpy(a) ** 2)))
    assert naive in (0.0, math.inf)
    assert torch_naive in (0.0, math.inf)
    # and l2_norm does better than both
    assert 0 < float(nd.l2_norm(a)) < math.inf
    assert 0 < float(nd.l2_norm(torch.from_numpy(a))) < math.inf


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", [1.5, 2, 3, 4.5])
def test_no_overflow_along_an_axis(name: str, ord: float) -> None:
    """Rows of very different magnitude, reduced along an axis, each get their own scale."""
    rows = np.array([[3e200, 4e200], [3.0, 4.0], [3e-200, 4e-200], [0.0, 0.0]])
    unit = (3.0**ord + 4.0**ord) ** (1 / ord)
    expected = np.array([1e200 * unit, unit, 1e-200 * unit, 0.0])
    for axis, keepdims, shape in [(1, False, (4,)), (-1, True, (4, 1))]:
        r = nd.vector_norm(BACKENDS[name](rows), ord, axis=axis, keepdims=keepdims)
        assert library_of(r) == name
        got = to_numpy(r)
        assert got.shape == shape
        np.testing.assert_allclose(got.reshape(-1), expected, rtol=1e-14, atol=0)
        # the transposed layout, reduced along axis 0
        r0 = nd.vector_norm(BACKENDS[name](rows.T.copy()), ord, axis=0)
        np.testing.assert_allclose(to_numpy(r0), expected, rtol=1e-14, atol=0)


@pytest.mark.parametrize("name", ["numpy", "torch"])
@pytest.mark.parametrize("ord", [1, 2, 3, math.inf])
def test_a_true_value_beyond_the_float_range_is_inf(name: str, ord: float) -> None:
    x = make(name, [1.7e308, 1.7e308])
    with np.errstate(over="ignore"):  # NumPy warns here, as numpy.linalg.norm does
        r = float(to_numpy(nd.vector_norm(x, ord)))
    assert r == (1.7e308 if ord == math.inf else math.inf)


# --------------------------------------------------------------------------------------------
# Empty input, NaN, inf, complex, integer and boolean input
# --------------------------------------------------------------------------------------------

EMPTY_CASES = [
    ((0,), None),
    ((0,), 0),
    ((3, 0), None),
    ((3, 0), 1),
    ((3, 0), -1),
    ((3, 0), 0),  # not empty along the axis: shape (0,) result
    ((3, 0), (0, 1)),
    ((2, 0, 4), (1, 2)),
    ((2, 0, 4), 2),
]


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", [0, 1, 2, 3, math.inf])
def test_empty_input_has_norm_zero(name: str, ord: float) -> None:
    for shape, axis in EMPTY_CASES:
        for keepdims in [False, True]:
            where = f"shape={shape}, axis={axis!r}, keepdims={keepdims}"
            a = np.zeros(shape, dtype=np.float32)
            # NumPy raises for ord=inf of an empty vector: take the shape from its ord=2 result
            expected_shape = np.shape(np.linalg.vector_norm(a, ord=2, axis=axis, keepdims=keepdims))
            r = nd.vector_norm(BACKENDS[name](a), ord, axis=axis, keepdims=keepdims)
            assert library_of(r) == name, where
            assert dtype_name(r) == "float32", where
            got = to_numpy(r)
            assert got.shape == expected_shape, where
            assert np.all(got == 0), where


@pytest.mark.parametrize("ord", [0, 1, 2, 3, math.inf])
def test_empty_nested_list_and_empty_tensor(ord: float) -> None:
    r = nd.vector_norm([], ord)
    assert isinstance(r, np.float64)
    assert r == 0.0
    t = nd.vector_norm(torch.zeros(0), ord)
    assert isinstance(t, torch.Tensor)
    assert t.dtype == torch.get_default_dtype()
    assert t.shape == ()
    assert t.item() == 0.0


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", ORDS)
@pytest.mark.parametrize(
    "values",
    [
        [1.0, math.nan, 3.0],
        [math.nan],
        [math.inf, math.nan],
        [math.nan, -math.inf],
        [1e200, math.nan],
    ],
)
def test_nan_propagates(name: str, ord: float, values: list[float]) -> None:
    r = nd.vector_norm(make(name, values), ord)
    assert math.isnan(float(to_numpy(r)))


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", ORDS)
def test_nan_propagates_only_to_its_own_row(name: str, ord: float) -> None:
    a = np.array([[3.0, -4.0, 0.0], [1.0, math.nan, 2.0], [0.0, 0.0, 0.0]])
    clean = a.copy()
    clean[1] = 0.0
    got = to_numpy(nd.vector_norm(BACKENDS[name](a), ord, axis=1))
    expected = np.linalg.vector_norm(clean, ord=ord, axis=1)
    assert math.isnan(got[1])
    np.testing.assert_allclose(got[[0, 2]], expected[[0, 2]], rtol=1e-15)


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", ORDS)
@pytest.mark.parametrize("values", [[1.0, -math.inf, 2.0], [math.inf], [math.inf, 1e200, -1e-200]])
def test_inf_input_gives_inf(name: str, ord: float, values: list[float]) -> None:
    r = float(to_numpy(nd.vector_norm(make(name, values), ord)))
    if ord == 0:
        assert r == np.count_nonzero(values)
    else:
        assert r == math.inf


@pytest.mark.parametrize("ord", ORDS)
@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_complex_input_uses_the_modulus(ord: float, dtype: str) -> None:
    rng = np.random.default_rng(7)
    z = (rng.standard_normal((3, 5)) + 1j * rng.standard_normal((3, 5))).astype(dtype)
    z[0, 0] = 0
    real = "float64" if dtype == "complex128" else "float32"
    rtol = 1e-13 if real == "float64" else 1e-5
    for axis in [None, 1]:
        ref = np.linalg.vector_norm(z, ord=ord, axis=axis)  # NumPy uses |z| too
        for name in ["numpy", "torch", "array_api_strict"]:
            r = nd.vector_norm(BACKENDS[name](z), ord, axis=axis)
            assert dtype_name(r) == real
            np.testing.assert_allclose(to_numpy(r), ref, rtol=rtol)
        tref = torch.linalg.vector_norm(torch.from_numpy(z), ord, dim=axis)
        np.testing.assert_allclose(
            to_numpy(nd.vector_norm(torch.from_numpy(z), ord, axis=axis)), tref.numpy(), rtol=rtol
        )
    # the empty complex vector has a real zero norm
    for name in ["numpy", "torch", "array_api_strict"]:
        e = nd.vector_norm(BACKENDS[name](np.zeros((2, 0), dtype=dtype)), ord, axis=1)
        assert dtype_name(e) == real
        np.testing.assert_array_equal(to_numpy(e), np.zeros(2))
    # |z| of a huge complex number does not overflow either
    big = np.array([3e200 + 4e200j, 0], dtype=np.complex128)
    assert float(nd.l2_norm(big)) == pytest.approx(5e200, rel=1e-15)


@pytest.mark.parametrize("ord", ORDS)
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "int64", "bool"])
def test_integer_and_boolean_input_promoted_to_default_float(ord: float, dtype: str) -> None:
    values = np.array([[100, 0, 3], [1, 1, 100]]).astype(dtype)  # int8: 100**2 would overflow
    ref = np.linalg.vector_norm(values.astype(np.float64), ord=ord)
    ref_rows = np.linalg.vector_norm(values.astype(np.float64), ord=ord, axis=1)

    r = nd.vector_norm(values, ord)
    assert isinstance(r, np.float64)
    assert float(r) == pytest.approx(ref, rel=1e-15)

    t = nd.vector_norm(torch.from_numpy(values), ord, axis=1)
    assert t.dtype == torch.get_default_dtype()
    np.testing.assert_allclose(t.numpy(), ref_rows, rtol=1e-6)

    a = nd.vector_norm(xs.asarray(values), ord)
    assert a.dtype == xs.float64
    assert float(to_numpy(a)) == pytest.approx(ref, rel=1e-15)


@pytest.mark.usefixtures("torch_default_float64")
@pytest.mark.parametrize("ord", ORDS)
def test_integer_tensor_follows_torch_default_dtype(ord: float) -> None:
    t = nd.vector_norm(torch.tensor([[3, -4], [1, 0]]), ord)
    assert t.dtype == torch.float64
    ref = torch.linalg.vector_norm(
        torch.tensor([[3.0, -4.0], [1.0, 0.0]], dtype=torch.float64), ord
    )
    torch.testing.assert_close(t, ref, rtol=1e-15, atol=0)


# --------------------------------------------------------------------------------------------
# Result library and dtype
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ord", ORDS)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_result_library_and_dtype(ord: float, dtype: str) -> None:
    a = np.arange(-3.0, 3.0).reshape(2, 3).astype(dtype)

    full = nd.vector_norm(a, ord)
    assert isinstance(full, np.floating)  # a NumPy scalar, as NumPy's own reductions give
    assert not isinstance(full, np.ndarray)
    assert full.dtype == np.dtype(dtype)

    rows = nd.vector_norm(a, ord, axis=1)
    assert isinstance(rows, np.ndarray)
    assert rows.dtype == np.dtype(dtype)

    kept = nd.vector_norm(a, ord, keepdims=True)
    assert isinstance(kept, np.ndarray)
    assert kept.shape == (1, 1)

    t = nd.vector_norm(torch.from_numpy(a), ord)
    assert isinstance(t, torch.Tensor)
    assert t.dtype == TORCH_FLOAT[dtype]
    assert t.shape == ()

    s = nd.vector_norm(xs.asarray(a), ord)
    assert isinstance(s, XS_ARRAY)
    assert dtype_name(s) == dtype


@pytest.mark.parametrize("ord", ORDS)
def test_float16_stays_float16(ord: float) -> None:
    a = np.array([0.5, -2.0, 3.0], dtype=np.float16)
    r = nd.vector_norm(a, ord)
    assert r.dtype == np.float16
    assert float(r) == pytest.approx(
        float(np.linalg.vector_norm(a.astype(np.float64), ord=ord)), rel=1e-3
    )
    t = nd.vector_norm(torch.from_numpy(a), ord)
    assert t.dtype == torch.float16


def test_torch_result_keeps_the_autograd_graph() -> None:
    x = torch.tensor([3.0, -4.0], requires_grad=True)
    for ord in NORM_ORDS:
        r = nd.vector_norm(x, ord)
        assert r.requires_grad
        assert r.grad_fn is not None


@pytest.mark.parametrize(
    ("x", "ord", "expected"),
    [
        ([3, 4], 2, 5.0),
        ([[3, 4], [0, 0]], 2, 5.0),
        (((1.5, -2.0), (0.5, 0.0)), 1, 4.0),
        (-2.5, 2, 2.5),
        (3, math.inf, 3.0),
        (0.0, 0, 0.0),
        (-7.0, 0, 1.0),
        (True, 1, 1.0),
        ([True, False, True], 2, math.sqrt(2)),
        (2 - 1j, 2, math.sqrt(5)),
        ([0.0, 3.0, 0.0, -4.0], 0, 2.0),
    ],
)
def test_nested_lists_and_python_scalars(x: Any, ord: float, expected: float) -> None:
    r = nd.vector_norm(x, ord)
    assert isinstance(r, np.float64)
    assert float(r) == pytest.approx(expected, rel=1e-15)
    assert float(r) == pytest.approx(
        float(np.linalg.norm(np.asarray(x, dtype=complex).ravel(), ord))
    )


def test_aliases_match_numpy() -> None:
    a = np.array([[1.0, -2.0, 0.0], [3.0, 0.5, -4.0]])
    for fn, ord in [(nd.l1_norm, 1), (nd.l2_norm, 2), (nd.linf_norm, math.inf), (nd.l0_norm, 0)]:
        assert float(fn(a)) == pytest.approx(float(np.linalg.vector_norm(a, ord=ord)), rel=1e-15)
        np.testing.assert_allclose(fn(a, axis=0), np.linalg.vector_norm(a, ord=ord, axis=0))
        assert fn(a, axis=1, keepdims=True).shape == (2, 1)


def test_l0_counts_nonzeros_and_is_not_homogeneous() -> None:
    a = np.array([[0.0, 3.0, 0.0, -4.0], [1e-300, 0.0, -0.0, 0.0]])
    assert float(nd.l0_norm(a)) == np.count_nonzero(a)
    np.testing.assert_array_equal(nd.l0_norm(a, axis=1), np.count_nonzero(a, axis=1))
    assert float(nd.l0_norm(2 * a)) == float(nd.l0_norm(a))  # not 2 * ||a||_0


# --------------------------------------------------------------------------------------------
# axis and keepdims, as numpy.linalg.vector_norm
# --------------------------------------------------------------------------------------------

AXES = [None, 0, 1, 2, -1, -3, (0,), (0, 1), (1, 2), (2, 0), (-1, 0), (0, 1, 2), ()]


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("ord", ORDS)
def test_axis_and_keepdims_like_numpy(name: str, ord: float) -> None:
    rng = np.random.default_rng(3)
    a = rng.standard_normal((2, 3, 4))
    a[0, 1, 2] = 0.0
    for axis in AXES:
        for keepdims in [False, True]:
            where = f"axis={axis!r}, keepdims={keepdims}"
            ref = np.linalg.vector_norm(a, ord=ord, axis=axis, keepdims=keepdims)
            r = nd.vector_norm(BACKENDS[name](a), ord, axis=axis, keepdims=keepdims)
            assert library_of(r) == name, where
            got = to_numpy(r)
            assert got.shape == np.shape(ref), where
            np.testing.assert_allclose(got, ref, rtol=1e-13, atol=0, err_msg=where)
            if name == "numpy" and np.ndim(ref) == 0:
                assert isinstance(r, np.floating), where


def test_numpy_integer_axes_are_accepted() -> None:
    a = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(nd.l2_norm(a, axis=np.int64(1)), np.linalg.vector_norm(a, axis=1))
    np.testing.assert_allclose(
        nd.l2_norm(a, axis=(np.int32(0), 1)), np.linalg.vector_norm(a, axis=(0, 1))
    )


# --------------------------------------------------------------------------------------------
# Random cross-checks against numpy.linalg.norm, scipy.linalg.norm, torch.linalg.vector_norm
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("ord", ORDS)
@pytest.mark.parametrize("shape", [(1,), (7,), (3, 5), (2, 3, 4)])
def test_random_cross_check(seed: int, ord: float, shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(shape) * rng.choice([1e-3, 1.0, 1e3])
    a[rng.random(shape) < 0.2] = 0.0

    # the whole array as one vector
    ref = np.linalg.norm(a.ravel(), ord)
    assert float(nd.vector_norm(a, ord)) == pytest.approx(ref, rel=1e-13)
    assert float(nd.vector_norm(a, ord)) == pytest.approx(
        scipy.linalg.norm(a.ravel(), ord), rel=1e-13
    )
    t = torch.from_numpy(a)
    torch.testing.assert_close(
        nd.vector_norm(t, ord), torch.linalg.vector_norm(t, ord), rtol=1e-13, atol=0
    )

    # along the last axis
    ref_last = scipy.linalg.norm(a, ord, axis=-1)
    np.testing.assert_allclose(nd.vector_norm(a, ord, axis=-1), ref_last, rtol=1e-13)
    np.testing.assert_allclose(np.linalg.norm(a, ord, axis=-1), ref_last, rtol=1e-13)
    torch.testing.assert_close(
        nd.vector_norm(t, ord, axis=-1),
        torch.linalg.vector_norm(t, ord, dim=-1),
        rtol=1e-13,
        atol=0,
    )

    # float32 against torch's float32 result
    t32 = t.float()
    torch.testing.assert_close(
        nd.vector_norm(t32, ord, axis=0),
        torch.linalg.vector_norm(t32, ord, dim=0),
        rtol=2e-6,
        atol=0,
    )
    np.testing.assert_allclose(
        nd.vector_norm(a.astype(np.float32), ord, axis=0),
        torch.linalg.vector_norm(t32, ord, dim=0).numpy(),
        rtol=2e-6,
    )


# --------------------------------------------------------------------------------------------
# Gradients through torch
# --------------------------------------------------------------------------------------------


def _generic_point(shape: tuple[int, ...], seed: int) -> torch.Tensor:
    """float64 entries with |x_i| in [0.5, 2], all magnitudes distinct: no kinks, no ties."""
    g = torch.Generator().manual_seed(seed)
    mags = torch.linspace(0.5, 2.0, math.prod(shape), dtype=torch.float64)
    mags = mags[torch.randperm(mags.numel(), generator=g)]
    signs = torch.where(torch.rand(mags.numel(), generator=g) < 0.5, -1.0, 1.0).double()
    return (mags * signs).reshape(shape)


@pytest.mark.parametrize("ord", [1, 2, 3, 4.5, math.inf])
@pytest.mark.parametrize(
    ("shape", "axis", "keepdims"),
    [((5,), None, False), ((3, 4), 1, False), ((3, 4), 0, True), ((2, 3, 2), (0, 2), False)],
)
def test_gradcheck_vector_norm(
    ord: float, shape: tuple[int, ...], axis: Any, keepdims: bool
) -> None:
    x = _generic_point(shape, seed=len(shape)).requires_grad_(True)
    assert torch.autograd.gradcheck(
        lambda t: nd.vector_norm(t, ord, axis=axis, keepdims=keepdims), (x,)
    )


@pytest.mark.parametrize("fn", [nd.l1_norm, nd.l2_norm, nd.linf_norm])
def test_gradcheck_aliases(fn: Any) -> None:
    x = _generic_point((6,), seed=1).requires_grad_(True)
    assert torch.autograd.gradcheck(fn, (x,))


@pytest.mark.parametrize("ord", [1, 2, 3, 4.5, math.inf])
@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
def test_gradient_at_zero_is_zero(ord: float, dtype: torch.dtype) -> None:
    x = torch.zeros(4, dtype=dtype, requires_grad=True)
    nd.vector_norm(x, ord).backward()
    assert x.grad is not None
    assert torch.isfinite(x.grad).all()
    assert torch.equal(x.grad, torch.zeros_like(x))

    # a zero row next to a nonzero one, reduced along an axis
    y = torch.tensor([[0.0, 0.0], [3.0, -4.0]], dtype=dtype, requires_grad=True)
    nd.vector_norm(y, ord, axis=1).sum().backward()
    ref = torch.tensor([[0.0, 0.0], [3.0, -4.0]], dtype=dtype, requires_grad=True)
    torch.linalg.vector_norm(ref[1], ord).backward()
    assert y.grad is not None and ref.grad is not None
    assert torch.equal(y.grad[0], torch.zeros(2, dtype=dtype))
    torch.testing.assert_close(y.grad[1], ref.grad[1])


@pytest.mark.parametrize("ord", [1, 2, 3, 4.5, math.inf])
@pytest.mark.parametrize(
    ("values", "axis"),
    [
        ([3.0, -4.0, 0.5], None),
        ([2.0, -2.0, 1.0], None),  # a tie for the max
        ([[1.0, -2.0, 0.0], [0.5, 0.25, -3.0]], 1),
        ([[1.0, -2.0, 0.0], [0.5, 0.25, -3.0]], 0),
        ([[1.0, -2.0], [2.0, -1.0]], (0, 1)),
    ],
)
def test_gradient_equals_torch_elsewhere(ord: float, values: Any, axis: Any) -> None:
    x = torch.tensor(values, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(values, dtype=torch.float64, requires_grad=True)
    w = torch.linspace(
        1.0, 2.0, nd.vector_norm(x.detach(), ord, axis=axis).numel(), dtype=torch.float64
    )
    (nd.vector_norm(x, ord, axis=axis).reshape(-1) * w).sum().backward()
    (torch.linalg.vector_norm(y, ord, dim=axis).reshape(-1) * w).sum().backward()
    assert x.grad is not None and y.grad is not None
    torch.testing.assert_close(x.grad, y.grad, rtol=1e-14, atol=1e-15)


@pytest.mark.parametrize("ord", [2, 3, 4.5])
@pytest.mark.parametrize("scale", [1e200, 1e-200, 1e300])
def test_gradient_through_the_scaled_fallback(ord: float, scale: float) -> None:
    """The gradient is homogeneous of degree 0: at ``scale * u`` it equals torch's at ``u``."""
    u = torch.tensor([1.0, 1.0, -0.5, 0.25], dtype=torch.float64)
    x = (scale * u).requires_grad_(True)
    r = nd.vector_norm(x, ord)
    assert r.item() == pytest.approx(scale * torch.linalg.vector_norm(u, ord).item(), rel=1e-14)
    r.backward()
    ur = u.clone().requires_grad_(True)
    torch.linalg.vector_norm(ur, ord).backward()
    assert x.grad is not None and ur.grad is not None
    assert torch.isfinite(x.grad).all()
    torch.testing.assert_close(x.grad, ur.grad, rtol=1e-14, atol=0)


def test_l2_gradient_through_overflow_is_x_over_norm() -> None:
    x = torch.tensor([1e200, 1e200], dtype=torch.float64, requires_grad=True)
    nd.l2_norm(x).backward()
    assert x.grad is not None
    torch.testing.assert_close(
        x.grad, torch.full((2,), 1 / math.sqrt(2), dtype=torch.float64), rtol=1e-15, atol=0
    )
    x32 = torch.tensor([3e20, 4e20], dtype=torch.float32, requires_grad=True)
    nd.l2_norm(x32).backward()
    assert x32.grad is not None
    torch.testing.assert_close(x32.grad, torch.tensor([0.6, 0.8]), rtol=1e-6, atol=0)


def test_backward_through_an_empty_input() -> None:
    x = torch.zeros(0, requires_grad=True)
    for ord in [1, 2, 3, math.inf]:
        nd.vector_norm(x, ord).backward()
        assert x.grad is not None
        assert x.grad.shape == (0,)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_tensors_stay_on_the_device() -> None:
    x = torch.tensor([[3e200, 4e200], [1.0, -2.0]], dtype=torch.float64, device="cuda")
    for r in [
        nd.vector_norm(x, 3, axis=1),
        nd.l2_norm(x),
        nd.matrix_norm(x, "nuc"),
        nd.mse_loss(x, [[0.0, 0.0], [1.0, 1.0]]),
        nd.l2_penalty([x, x]),
        nd.soft_threshold(x, 1.0),
    ]:
        assert r.device == x.device
    assert nd.l2_norm(x).item() == pytest.approx(5e200, rel=1e-15)


# --------------------------------------------------------------------------------------------
# ord=0 with nothing to reduce keeps the autograd graph (a zero gradient), as torch's does
# --------------------------------------------------------------------------------------------


_ORD0_CALLS = {
    "l0_norm": lambda t: nd.l0_norm(t),
    "axis=()": lambda t: nd.vector_norm(t, 0, axis=()),
    "axis=()-keepdims": lambda t: nd.vector_norm(t, 0, axis=(), keepdims=True),
}


@pytest.mark.parametrize(
    ("call", "shape"),
    [pytest.param(_ORD0_CALLS["l0_norm"], (), id="l0_norm-0d")]
    + [
        pytest.param(_ORD0_CALLS[name], shape, id=f"{name}-{len(shape)}d")
        for name in ("axis=()", "axis=()-keepdims")
        for shape in [(), (4,), (2, 3)]
    ],
)
def test_ord0_without_reduction_keeps_the_graph(call: Any, shape: tuple[int, ...]) -> None:
    """Was: requires_grad False, and backward() raised."""
    g = torch.Generator().manual_seed(0)
    t = torch.randn(shape, generator=g, dtype=torch.float64)
    if t.numel() > 1:
        t.view(-1)[0] = 0.0
    t.requires_grad_(True)
    r = call(t)
    assert r.requires_grad
    np.testing.assert_array_equal(r.detach().numpy(), (t.detach() != 0).double().numpy())
    r.sum().backward()
    assert t.grad is not None
    assert torch.equal(t.grad, torch.zeros_like(t))
    # torch's own count of nonzeros also stays in the graph, and gives no gradient either
    t2 = t.detach().clone().requires_grad_(True)
    torch.linalg.vector_norm(t2, 0).backward()
    assert t2.grad is None or torch.equal(t2.grad, torch.zeros_like(t2))


def test_ord0_without_reduction_gradcheck_and_special_values() -> None:
    x = torch.tensor([1.5, -2.0, 0.7], dtype=torch.float64, requires_grad=True)
    f = lambda v: nd.vector_norm(v, 0, axis=())  # noqa: E731
    assert torch.autograd.gradcheck(f, (x,))
    assert torch.autograd.gradgradcheck(f, (x,))
    s = torch.tensor([0.0, math.inf, -math.inf, math.nan], dtype=torch.float64, requires_grad=True)
    r = f(s)
    np.testing.assert_array_equal(r.detach().numpy(), [0.0, 1.0, 1.0, math.nan])
    r.sum().backward()
    assert s.grad is not None
    assert torch.equal(s.grad, torch.zeros(4, dtype=torch.float64))


def test_ord0_without_grad_is_unchanged() -> None:
    t = torch.tensor([0.0, 2.0])
    r = nd.vector_norm(t, 0, axis=())
    assert not r.requires_grad and r.grad_fn is None
    assert torch.equal(r, torch.tensor([0.0, 1.0]))


# --------------------------------------------------------------------------------------------
# np.matrix is read as np.asarray, as numpy.linalg.norm does
# --------------------------------------------------------------------------------------------

MATRIX = [[1.0, 3.0], [5.0, 7.0]]


def _np_matrix(rows: list[list[float]]) -> Any:
    with warnings.catch_warnings():  # NumPy discourages np.matrix (PendingDeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.matrix(rows)


@pytest.mark.parametrize(
    ("call", "reference"),
    [
        (lambda m: nd.matrix_norm(m, "nuc"), lambda a: np.linalg.norm(a, "nuc")),
        (lambda m: nd.matrix_norm(m, 2), lambda a: np.linalg.norm(a, 2)),
        (lambda m: nd.matrix_norm(m), lambda a: np.linalg.norm(a)),
        (lambda m: nd.vector_norm(m), lambda a: np.linalg.norm(a.ravel())),
        (lambda m: nd.l1_norm(m, axis=1), lambda a: np.abs(a).sum(axis=1)),
        (lambda m: nd.l0_norm(m), lambda a: np.count_nonzero(a)),
        (lambda m: nd.soft_threshold(m, 2.0), lambda a: np.sign(a) * np.maximum(abs(a) - 2, 0)),
        (lambda m: nd.mse_loss(m, np.zeros((2, 2))), lambda a: np.mean(a * a)),
        (lambda m: nd.l1_loss(np.zeros((2, 2)), m), lambda a: np.mean(abs(a))),
        (lambda m: nd.huber_loss(m, m), lambda a: 0.0),
        (lambda m: nd.l1_penalty(m), lambda a: np.abs(a).sum()),
        (lambda m: nd.l2_penalty([m, np.ones(2)]), lambda a: 0.5 * (a * a).sum() + 1.0),
    ],
    ids=[
        "matrix_norm-nuc",
        "matrix_norm-2",
        "matrix_norm-fro",
        "vector_norm",
        "l1_norm-axis",
        "l0_norm",
        "soft_threshold",
        "mse_loss",
        "l1_loss",
        "huber_loss",
        "l1_penalty",
        "l2_penalty-list",
    ],
)
def test_np_matrix_is_accepted(call: Any, reference: Any) -> None:
    """Was: TypeError '`A` must be a numeric array ...; got matrix'."""
    r = call(_np_matrix(MATRIX))
    assert not isinstance(r, np.matrix)
    np.testing.assert_allclose(np.asarray(r), reference(np.asarray(MATRIX)), rtol=1e-15)


def test_np_matrix_and_a_tensor_do_not_mix() -> None:
    with pytest.raises(TypeError, match="same array library"):
        nd.mse_loss(_np_matrix(MATRIX), torch.zeros(2, 2))


# --------------------------------------------------------------------------------------------
# l21_norm
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["numpy", "torch", "array_api_strict"])
@pytest.mark.parametrize("axis", [0, 1, -1, (0, 2), None])
def test_l21_norm_is_the_sum_of_group_norms(name: str, axis: Any) -> None:
    rng = np.random.default_rng(9)
    x = rng.standard_normal((3, 4, 5))
    x[0] = 0.0
    r = nd.l21_norm(BACKENDS[name](x), axis=axis)
    assert library_of(r) == name and to_numpy(r).shape == ()
    expected = np.sum(np.sqrt(np.sum(x * x, axis=axis)))
    assert float(to_numpy(r)) == pytest.approx(float(expected), rel=1e-14)


def test_l21_norm_examples_overflow_and_gradient() -> None:
    assert nd.l21_norm([[3.0, 4.0], [0.0, 0.0], [1.0, 0.0]]) == 6.0
    assert nd.l21_norm(np.array([[3e200, 4e200], [3e200, 4e200]])) == pytest.approx(1e201)
    x = torch.tensor([[3.0, 4.0], [0.0, 0.0]], dtype=torch.float64, requires_grad=True)
    nd.l21_norm(x).backward()
    assert x.grad is not None
    torch.testing.assert_close(x.grad, torch.tensor([[0.6, 0.8], [0.0, 0.0]], dtype=torch.float64))
    y = torch.tensor([[3.0, 4.0], [1.0, -2.0]], dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda v: nd.l21_norm(v, axis=0), (y,))
