"""Dask arrays through the Array API path: the same values as NumPy's, lazily, in one read.

Every function returns a Dask array built without computing anything (a scheduler that
raises guards each call), reads each chunk of its input once when computed (the chunks come
from an object that counts its reads), and gives NumPy's value on ``.compute()``: the
references are NumPy's own (``numpy.linalg``, or the formula written with NumPy on the
whole in-memory array). The overflow-safe numerics hold chunk by chunk; spectral and
nuclear norms of arrays chunked along both matrix axes raise an error that says how to
rechunk, and the advice it gives works.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest

import normdocs as nd

dask = pytest.importorskip("dask")
da = pytest.importorskip("dask.array")


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    """Dask's synchronous scheduler: the graphs here are tiny (test_threads_read_once too)."""
    with dask.config.set(scheduler="synchronous"):
        yield


class CountingSource:
    """An in-memory array that Dask reads through ``__getitem__``, counting the reads."""

    def __init__(self, a: np.ndarray) -> None:
        self.a = a
        self.shape = a.shape
        self.dtype = a.dtype
        self.ndim = a.ndim
        self.reads = 0

    def __getitem__(self, key: Any) -> np.ndarray:
        self.reads += 1
        return self.a[key]


def counted(a: np.ndarray, chunks: Any) -> tuple[Any, CountingSource]:
    """A Dask array over ``a`` and its counter, reset after Dask's own look at it."""
    source = CountingSource(a)
    d = da.from_array(source, chunks=chunks, asarray=True)
    source.reads = 0  # from_array reads an empty slice for its meta
    return d, source


def _no_compute(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("computed inside the call: the result should be lazy")


@contextmanager
def lazy() -> Iterator[None]:
    """Any ``compute`` (or ``bool``/``float`` of a Dask array) inside raises."""
    with dask.config.set(scheduler=_no_compute):
        yield


def call(f: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``f(*args, **kwargs)`` that must return a Dask array without computing."""
    with lazy():
        r = f(*args, **kwargs)
    assert isinstance(r, da.Array), type(r)
    return r


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


X3 = rng().standard_normal((6, 7, 5))
X3[1, 2, 3] = 0.0  # a zero, for ord=0
LAYOUTS3 = [(4, 3, 5), (2, 7, 2), (5, 1, 3)]


# ---------------------------------------------------------------------------- vector norms


@pytest.mark.parametrize("chunks", LAYOUTS3)
@pytest.mark.parametrize("ord", [0, 1, 2, 3, 2.5, math.inf])
@pytest.mark.parametrize("axis", [None, 0, -1, (0, 1), (0, 2), (0, 1, 2)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_vector_norm_equals_numpy(chunks: Any, ord: float, axis: Any, keepdims: bool) -> None:
    d = da.from_array(X3, chunks=chunks)
    r = call(nd.vector_norm, d, ord, axis=axis, keepdims=keepdims)
    want = np.linalg.vector_norm(X3, ord=ord, axis=axis, keepdims=keepdims)
    got = r.compute()
    assert got.shape == want.shape and got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=0)


@pytest.mark.parametrize(
    ("f", "ord"), [(nd.l1_norm, 1), (nd.l2_norm, 2), (nd.linf_norm, math.inf), (nd.l0_norm, 0)]
)
@pytest.mark.parametrize("axis", [None, 1, (0, 2)])
def test_named_norms_equal_numpy(f: Callable[..., Any], ord: float, axis: Any) -> None:
    d = da.from_array(X3, chunks=(4, 3, 2))
    got = call(f, d, axis=axis).compute()
    np.testing.assert_allclose(got, np.linalg.vector_norm(X3, ord=ord, axis=axis), rtol=1e-13)


@pytest.mark.parametrize("ord", [0, 1, 2, 3, math.inf])
def test_nan_propagates_and_inf_is_inf(ord: float) -> None:
    x = rng(1).standard_normal(20)
    x[13] = math.nan
    assert math.isnan(call(nd.vector_norm, da.from_array(x, chunks=4), ord).compute())
    x[13] = -math.inf
    got = call(nd.vector_norm, da.from_array(x, chunks=4), ord).compute()
    assert got == np.linalg.vector_norm(x, ord=ord)  # inf, or the count 20 for ord=0


@pytest.mark.parametrize("ord", [0, 1, 2, math.inf])
def test_empty_vectors_have_norm_zero(ord: float) -> None:
    d = da.zeros((0, 3), chunks=2)
    got = call(nd.vector_norm, d, ord, axis=0).compute()
    np.testing.assert_array_equal(got, np.zeros(3))


# ------------------------------------------------------------------ overflow and underflow


@pytest.mark.parametrize("chunks", [1, 2])
def test_no_overflow_no_underflow(chunks: int) -> None:
    big = call(nd.l2_norm, da.from_array(np.array([1e200, 1e200]), chunks=chunks)).compute()
    small = call(nd.l2_norm, da.from_array(np.array([1e-200, 1e-200]), chunks=chunks)).compute()
    assert big == pytest.approx(math.sqrt(2) * 1e200, rel=1e-15)
    assert small == pytest.approx(math.sqrt(2) * 1e-200, rel=1e-15)
    with np.errstate(over="ignore"):
        assert np.linalg.norm(np.array([1e200, 1e200])) == math.inf  # what NumPy gives
    f32 = da.from_array(np.array([3e20, 4e20], dtype=np.float32), chunks=chunks)
    r = call(nd.l2_norm, f32).compute()
    assert r.dtype == np.float32 and r == np.float32(5e20)


@pytest.mark.parametrize("scale", [1e200, 1e-200])
@pytest.mark.parametrize("ord", [2, 3])
def test_scaled_arrays_in_many_chunks(scale: float, ord: float) -> None:
    """Every chunk's sum of powers leaves the range, and so does the sum of chunk norms."""
    x = rng(2).standard_normal((40, 30))
    d, source = counted(x * scale, (7, 11))
    r = call(nd.vector_norm, d, ord)
    got = r.compute()
    assert source.reads == d.npartitions  # the scaled redo works on the chunk in memory
    assert got == pytest.approx(scale * np.linalg.vector_norm(x, ord=ord), rel=1e-13)
    fro = call(nd.matrix_norm, da.from_array(x * scale, chunks=(7, 11))).compute()
    assert fro == pytest.approx(scale * np.linalg.norm(x), rel=1e-13)


@pytest.mark.parametrize("ord", [2, "nuc"])
@pytest.mark.parametrize("chunks", [(7, -1), (-1, 11), (-1, -1)])
def test_spectral_and_nuclear_no_overflow(ord: Any, chunks: Any) -> None:
    x = rng(3).standard_normal((40, 30))
    got = call(nd.matrix_norm, da.from_array(x * 1e200, chunks=chunks), ord).compute()
    assert got == pytest.approx(1e200 * np.linalg.norm(x, ord), rel=1e-12)


# ---------------------------------------------------------------------------- matrix norms


A4 = rng(4).standard_normal((3, 2, 12, 9))
A4[0, 1, 5, 5] = 0.0


@pytest.mark.parametrize("ord", ["fro", 1, math.inf, 2, "nuc"])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("chunks", [(1, 2, 12, 9), (2, 1, -1, -1), (-1, -1, -1, -1)])
def test_matrix_norm_whole_matrices_per_chunk(ord: Any, keepdims: bool, chunks: Any) -> None:
    got = call(nd.matrix_norm, da.from_array(A4, chunks=chunks), ord, keepdims=keepdims)
    want = np.linalg.norm(A4, ord, axis=(-2, -1), keepdims=keepdims)
    assert got.shape == want.shape
    np.testing.assert_allclose(got.compute(), want, rtol=1e-12)


@pytest.mark.parametrize("ord", ["fro", 1, math.inf])
@pytest.mark.parametrize("chunks", [(2, 2, 5, 4), (1, 1, 3, 9), (3, 2, 12, 2)])
def test_entrywise_and_induced_norms_on_any_chunks(ord: Any, chunks: Any) -> None:
    got = call(nd.matrix_norm, da.from_array(A4, chunks=chunks), ord).compute()
    np.testing.assert_allclose(got, np.linalg.norm(A4, ord, axis=(-2, -1)), rtol=1e-13)


@pytest.mark.parametrize("ord", [2, "nuc"])
@pytest.mark.parametrize("chunks", [(5, -1), (-1, 4), (5, -1)])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("dtype", [np.float64, np.complex128])
def test_singular_value_norms_chunked_along_one_axis(
    ord: Any, chunks: Any, keepdims: bool, dtype: Any
) -> None:
    x = A4[0, 0].astype(dtype)
    if dtype == np.complex128:
        x = x + 1j * A4[1, 1]
    got = call(nd.matrix_norm, da.from_array(x, chunks=chunks), ord, keepdims=keepdims)
    want = np.linalg.norm(x, ord, keepdims=keepdims)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got.compute(), want, rtol=1e-12)


@pytest.mark.parametrize("ord", [2, "nuc"])
def test_chunked_along_both_axes_says_how_to_rechunk(ord: Any) -> None:
    x = A4[0, 0]
    d = da.from_array(x, chunks=(5, 4))
    with pytest.raises(ValueError, match=r"A\.rechunk\(\{-1: -1\}\)") as info:
        nd.matrix_norm(d, ord)
    message = str(info.value)
    assert f"ord={ord!r}" in message and "(12, 9)" in message and "3 x 3 chunks" in message
    assert "A.rechunk({-2: -1})" in message
    for advice in ({-1: -1}, {-2: -1}):  # the advice works
        got = call(nd.matrix_norm, d.rechunk(advice), ord).compute()
        assert got == pytest.approx(np.linalg.norm(x, ord), rel=1e-12)


@pytest.mark.parametrize("chunks", [(1, 1, 6, -1), (1, 1, -1, 3), (1, 1, 6, 3)])
def test_stack_cut_inside_matrices_says_how_to_rechunk(chunks: Any) -> None:
    d = da.from_array(A4, chunks=chunks)
    with pytest.raises(ValueError, match=r"A\.rechunk\(\{-2: -1, -1: -1\}\)"):
        nd.matrix_norm(d, 2)
    got = call(nd.matrix_norm, d.rechunk({-2: -1, -1: -1}), 2).compute()
    np.testing.assert_allclose(got, np.linalg.norm(A4, 2, axis=(-2, -1)), rtol=1e-12)


# ---------------------------------------------------------------------------- losses


def _np_huber(r: np.ndarray, delta: float) -> np.ndarray:
    a = np.abs(r)
    return np.where(a < delta, 0.5 * a**2, delta * (a - 0.5 * delta))


def _np_smooth_l1(r: np.ndarray, beta: float) -> np.ndarray:
    a = np.abs(r)
    return np.where(a < beta, 0.5 * a**2 / beta, a - 0.5 * beta)


LOSSES: list[tuple[str, Callable[..., Any], Callable[[np.ndarray], np.ndarray]]] = [
    ("mse", nd.mse_loss, lambda r: r**2),
    ("l1", nd.l1_loss, np.abs),
    ("huber", lambda a, b, **k: nd.huber_loss(a, b, delta=0.7, **k), lambda r: _np_huber(r, 0.7)),
    (
        "smooth_l1",
        lambda a, b, **k: nd.smooth_l1_loss(a, b, beta=0.7, **k),
        lambda r: _np_smooth_l1(r, 0.7),
    ),
]


@pytest.mark.parametrize(("name", "loss", "elementwise"), LOSSES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_losses_equal_numpy_and_read_once(
    name: str, loss: Callable[..., Any], elementwise: Callable[..., Any], reduction: str
) -> None:
    x, y = rng(5).standard_normal((2, 30, 8)) * 2
    dx, sx = counted(x, (7, 3))
    dy, sy = counted(y, (7, 3))
    r = call(loss, dx, dy, reduction=reduction)
    e = elementwise(x - y)
    want = {"mean": np.mean(e), "sum": np.sum(e), "none": e}[reduction]
    np.testing.assert_allclose(r.compute(), want, rtol=1e-13)
    assert (sx.reads, sy.reads) == (dx.npartitions, dy.npartitions)


def test_loss_keeps_float32_and_promotes_int() -> None:
    x = rng(6).standard_normal(50).astype(np.float32)
    y = np.zeros(50, dtype=np.float32)
    r = call(nd.mse_loss, da.from_array(x, chunks=9), da.from_array(y, chunks=9))
    assert r.dtype == np.float32
    np.testing.assert_allclose(r.compute(), np.mean(x.astype(np.float64) ** 2), rtol=1e-6)
    i = np.arange(-5, 5)
    r = call(nd.l1_loss, da.from_array(i, chunks=3), da.from_array(i * 0, chunks=3))
    assert r.dtype == np.float64 and r.compute() == np.mean(np.abs(i))


def test_loss_shapes_must_match() -> None:
    with pytest.raises(ValueError, match="same shape"):
        nd.mse_loss(da.zeros((4, 1), chunks=2), da.zeros((4,), chunks=2))


# ---------------------------------------------------------------------- penalties and prox


def test_penalties_equal_numpy_and_read_once() -> None:
    w1 = rng(7).standard_normal((20, 6))
    w2 = rng(8).standard_normal(15)
    (d1, s1), (d2, s2) = counted(w1, (6, 4)), counted(w2, 4)
    ws = np.concatenate([w1.ravel(), w2])
    l1 = call(nd.l1_penalty, [d1, d2])
    l2 = call(nd.l2_penalty, [d1, d2])
    en = call(nd.elastic_net_penalty, [d1, d2], l1_ratio=0.3)
    reg = call(nd.regularized_loss, 1.5, [d1, d2], l1=0.1, l2=0.2)
    got = dask.compute(l1, l2, en, reg)  # one graph: each chunk read once for all four
    l1_ref, l2_ref = np.sum(np.abs(ws)), 0.5 * np.sum(ws**2)
    want = (l1_ref, l2_ref, 0.3 * l1_ref + 0.7 * l2_ref, 1.5 + 0.1 * l1_ref + 0.2 * l2_ref)
    np.testing.assert_allclose(got, want, rtol=1e-13)
    assert (s1.reads, s2.reads) == (d1.npartitions, d2.npartitions)


@pytest.mark.parametrize("t", [0.0, 0.5, 2.0])
def test_soft_threshold_equals_numpy(t: float) -> None:
    x = rng(9).standard_normal((13, 7)) * 2
    d, source = counted(x, (5, 3))
    r = call(nd.soft_threshold, d, t)
    assert r.chunks == d.chunks
    np.testing.assert_array_equal(r.compute(), np.sign(x) * np.maximum(np.abs(x) - t, 0))
    assert source.reads == d.npartitions
    i = np.arange(-4, 5)
    r = call(nd.soft_threshold, da.from_array(i, chunks=4), 1.0)
    assert r.dtype == np.float64
    np.testing.assert_array_equal(r.compute(), np.sign(i) * np.maximum(np.abs(i) - 1.0, 0))


# ---------------------------------------------------------------------- dtypes, reads once


@pytest.mark.parametrize(
    ("dtype", "want_dtype"),
    [
        (np.int64, np.float64),
        (np.int8, np.float64),
        (np.bool_, np.float64),
        (np.float32, np.float32),
        (np.float64, np.float64),
        (np.complex128, np.float64),
        (np.complex64, np.float32),
    ],
)
@pytest.mark.parametrize("ord", [0, 1, 2, 3, math.inf])
def test_dtypes(dtype: Any, want_dtype: Any, ord: float) -> None:
    x = rng(10).standard_normal((9, 8)) * 5
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng(11).standard_normal((9, 8))
    x = x.astype(dtype)
    r = call(nd.vector_norm, da.from_array(x, chunks=(4, 3)), ord, axis=1)
    got = r.compute()
    assert r.dtype == want_dtype and got.dtype == want_dtype
    rtol = 1e-5 if want_dtype == np.float32 else 1e-13
    ref = np.linalg.vector_norm(np.abs(x.astype(np.complex128)), ord=ord, axis=1)
    np.testing.assert_allclose(got, ref, rtol=rtol)


READERS: list[tuple[str, Callable[[Any], Any]]] = [
    ("l2", nd.l2_norm),
    ("l1", nd.l1_norm),
    ("linf", nd.linf_norm),
    ("l0", nd.l0_norm),
    ("p3 axis 0", lambda d: nd.vector_norm(d, 3, axis=0)),
    ("l2 axis 1 keepdims", lambda d: nd.vector_norm(d, 2, axis=1, keepdims=True)),
    ("fro", nd.matrix_norm),
    ("induced 1", lambda d: nd.matrix_norm(d, 1)),
    ("induced inf", lambda d: nd.matrix_norm(d, math.inf)),
    ("l21", nd.l21_norm),
    ("l1 penalty", nd.l1_penalty),
    ("l2 penalty", nd.l2_penalty),
    ("soft_threshold", lambda d: nd.soft_threshold(d, 0.5)),
]


@pytest.mark.parametrize(("name", "f"), READERS, ids=[n for n, _ in READERS])
def test_each_chunk_is_read_once(name: str, f: Callable[[Any], Any]) -> None:
    x = rng(12).standard_normal((30, 20))
    d, source = counted(x, (7, 6))
    r = call(f, d)
    assert source.reads == 0  # building the graph read nothing
    r.compute()
    assert source.reads == d.npartitions == 20


@pytest.mark.parametrize("ord", [2, "nuc"])
@pytest.mark.parametrize("chunks", [(7, -1), (-1, 6), (-1, -1)])
def test_singular_value_norms_read_once(ord: Any, chunks: Any) -> None:
    x = rng(13).standard_normal((30, 20))
    d, source = counted(x, chunks)
    r = call(nd.matrix_norm, d, ord)
    r.compute()
    assert source.reads == d.npartitions


def test_threads_read_once() -> None:
    """With Dask's default threaded scheduler: each chunk read once, NumPy's value."""
    x = rng(14).standard_normal((300, 200))
    d, source = counted(x, (70, 60))
    r = call(nd.l2_norm, d)
    with dask.config.set(scheduler="threads"):
        got = r.compute()
    assert source.reads == d.npartitions
    assert got == pytest.approx(np.linalg.norm(x), rel=1e-13)
