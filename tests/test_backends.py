"""The library's fast kernels give the same results as the plain computations.

The NumPy full reductions (cache-sized chunks, or SciPy's BLAS ``dasum``; max-abs on the
bits), the dispatch-free NumPy path, torch's two-level sums and aminmax, the one-node L1/L2
penalties and the dispatch-free losses: on random data, non-contiguous and float32 inputs,
NaN, inf and empty inputs, with gradients; and the public switch ``normdocs.options``.
"""

from __future__ import annotations

import math
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import array_api_compat
import numpy as np
import pytest
import torch

import normdocs as nd
from normdocs import _generic, _numpy, _torch

# ---------------------------------------------------------------------------- NumPy kernels


CHUNK64 = _numpy.CHUNK_BYTES // 8
SIZES = [1, 7, _numpy.SMALL - 1, _numpy.SMALL, CHUNK64 - 1, CHUNK64 + 1, 3 * CHUNK64 + 5]


def _fsum_abs(x: np.ndarray) -> float:
    return math.fsum(np.abs(x.astype(np.float64)).ravel().tolist())


@pytest.fixture(params=["scipy", "no-scipy"])
def scipy_or_not(request: pytest.FixtureRequest) -> Iterator[str]:
    """The NumPy L1 kernel with SciPy's BLAS dasum, and without (its chunked sum)."""
    with nd.options(scipy_blas=request.param == "scipy"):
        yield str(request.param)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_chunked_sum_abs_matches_fsum(n: int, dtype: Any, scipy_or_not: str) -> None:
    x = np.random.default_rng(n).standard_normal(n).astype(dtype)
    r = _numpy.sum_abs_all(x)
    assert type(r) is np.dtype(dtype).type
    tol = 1e-12 if dtype == np.float64 else 1e-6
    assert math.isclose(float(r), _fsum_abs(x), rel_tol=tol)
    assert math.isclose(float(nd.l1_norm(x)), _fsum_abs(x), rel_tol=tol)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_chunked_max_abs_is_exact(n: int, dtype: Any) -> None:
    x = np.random.default_rng(n).standard_normal(n).astype(dtype)
    x[n // 2] = -7.5  # the largest |x_i| is negative
    r = _numpy.max_abs_all(x)
    assert type(r) is np.dtype(dtype).type and r == np.abs(x).max() == 7.5
    assert nd.linf_norm(x) == 7.5


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "case",
    ["positive", "negative", "minus-zero", "zero", "nan", "minus-nan", "minus-inf", "subnormal"],
)
def test_max_abs_on_the_bits_agrees_with_numpy(dtype: Any, case: str) -> None:
    """The integer max-reductions of the bits (sign bit set or clear) against np.abs(x).max()."""
    chunk32 = _numpy.MAX_CHUNK_BYTES // 4  # elements of a float32 chunk: 2 to 4 chunks here
    n = 2 * chunk32 + 9
    x = np.random.default_rng(5).standard_normal(n).astype(dtype)
    tiny = np.finfo(dtype).smallest_subnormal
    x = {
        "positive": np.abs(x),
        "negative": -np.abs(x),
        "minus-zero": np.full(n, -0.0, dtype),
        "zero": np.zeros(n, dtype),
        "nan": x,
        "minus-nan": x,
        "minus-inf": x,
        "subnormal": np.full(n, -tiny, dtype),
    }[case].copy()
    if case == "nan":
        x[n - 1] = np.nan
    elif case == "minus-nan":
        x[chunk32 + 1] = -np.nan
        assert np.signbit(x[chunk32 + 1])
    elif case == "minus-inf":
        x[7] = -np.inf
    expected = np.abs(x).max()
    r = _numpy.max_abs_all(x)
    assert type(r) is np.dtype(dtype).type
    assert (np.isnan(r) and np.isnan(expected)) or (r == expected and not np.signbit(r))


@pytest.mark.parametrize("where", [0, CHUNK64 + 3, 3 * CHUNK64 + 4])
def test_chunked_kernels_propagate_nan_and_inf(where: int, scipy_or_not: str) -> None:
    x = np.random.default_rng(0).standard_normal(3 * CHUNK64 + 5)
    x[where] = np.nan
    assert np.isnan(nd.l1_norm(x)) and np.isnan(nd.linf_norm(x)) and np.isnan(nd.l2_norm(x))
    x[where] = -np.inf
    assert nd.l1_norm(x) == nd.linf_norm(x) == nd.l2_norm(x) == np.inf


def test_chunked_kernels_on_non_contiguous_and_fortran_arrays(scipy_or_not: str) -> None:
    a = np.random.default_rng(1).standard_normal((300, 400))
    for x in (a[::2, ::3], a.T, np.asfortranarray(a), a[:, 5]):
        assert math.isclose(nd.l1_norm(x), _fsum_abs(x), rel_tol=1e-12)
        assert nd.linf_norm(x) == np.abs(x).max()
        assert math.isclose(nd.l2_norm(x), np.linalg.norm(x.ravel()), rel_tol=1e-12)


def test_axis_and_keepdims_still_take_the_general_path() -> None:
    a = np.random.default_rng(2).standard_normal((50, 2000)).astype(np.float32)
    for ord in (1, 2, math.inf):
        np.testing.assert_allclose(
            nd.vector_norm(a, ord, axis=1), np.linalg.norm(a, ord, axis=1), rtol=1e-5
        )
        r = nd.vector_norm(a, ord, keepdims=True)
        assert r.shape == (1, 1) and r.dtype == np.float32
        np.testing.assert_allclose(r[0, 0], np.linalg.norm(a.ravel(), ord), rtol=1e-5)


def test_empty_and_zero_dimensional_inputs() -> None:
    for ord in (1, 2, math.inf):
        r = nd.vector_norm(np.array([]), ord)
        assert type(r) is np.float64 and r == 0.0
        assert nd.vector_norm(np.float64(-3.0), ord) == 3.0
        assert nd.vector_norm(np.array(-3.0, dtype=np.float32), ord) == np.float32(3.0)


def test_chunk_buffers_are_per_thread(scipy_or_not: str) -> None:
    xs = [np.random.default_rng(i).standard_normal(5 * CHUNK64 + i) for i in range(4)]
    expected = [_fsum_abs(x) for x in xs]
    errors: list[str] = []

    def work(i: int) -> None:
        with nd.options(scipy_blas=scipy_or_not == "scipy"):  # a thread's own setting
            for _ in range(20):
                if not math.isclose(_numpy.sum_abs_all(xs[i]), expected[i], rel_tol=1e-12):
                    errors.append(f"thread {i}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


# ---------------------------------------------------------------------------- the NumPy fast path


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("ord", [1, 2, math.inf, 2.0, 1.0])
def test_fast_path_returns_a_numpy_scalar_of_the_input_dtype(dtype: Any, ord: float) -> None:
    x = np.random.default_rng(3).standard_normal(1000).astype(dtype)
    r = nd.vector_norm(x, ord)
    assert type(r) is np.dtype(dtype).type
    np.testing.assert_allclose(r, np.linalg.norm(x, ord), rtol=1e-6)


def test_fast_path_falls_back_for_out_of_range_l2() -> None:
    assert nd.l2_norm(np.array([1e200, 1e200])) == np.float64(1.414213562373095e200)
    assert nd.l2_norm(np.array([1e-200, 1e-200])) == np.float64(1.414213562373095e-200)
    r = nd.l2_norm(np.array([3e20, 4e20], dtype=np.float32))
    assert type(r) is np.float32 and r == np.float32(5e20)
    assert np.isnan(nd.l2_norm(np.array([1.0, np.nan])))
    assert nd.l2_norm(np.array([np.inf, 1.0])) == np.inf


def test_fast_path_keeps_every_error() -> None:
    x = np.ones(1000)
    for bad in (0.5, -1, math.nan, True, "fro"):
        with pytest.raises(ValueError, match="`ord`"):
            nd.vector_norm(x, bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        nd.l2_norm(np.array(["a", "b"]))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("ord", [1.0, 2.0, math.inf])
@pytest.mark.parametrize("shape", [(), (7,), (3, 4), (70_000,)])
def test_numpy_fast_path_equals_the_generic_path(
    dtype: Any, ord: float, shape: tuple[int, ...]
) -> None:
    x = np.random.default_rng(4).standard_normal(shape).astype(dtype)
    xp, axes = array_api_compat.array_namespace(x), tuple(range(x.ndim))
    with nd.options(scipy_blas=False):  # dasum's last bit depends on the array's alignment
        fast = nd.vector_norm(x, ord)
        generic = _generic.vector_norm(xp, x, ord, axes, False, _numpy.Kernels)
    assert type(fast) is type(generic) is np.dtype(dtype).type
    assert fast == generic


def test_other_inputs_skip_the_fast_path() -> None:
    x = np.arange(1000)  # integers: promoted to float64
    assert type(nd.l1_norm(x)) is np.float64 and nd.l1_norm(x) == x.sum()
    z = np.array([3 + 4j, 0j])  # complex: the modulus
    assert nd.l1_norm(z) == nd.l2_norm(z) == nd.linf_norm(z) == 5.0
    assert nd.l2_norm(np.array([3.0, 4.0], dtype=">f8")) == 5.0  # non-native byte order
    assert nd.vector_norm(np.array([3.0, 4.0]), np.float64(2)) == 5.0
    assert nd.vector_norm(np.array([3.0, 4.0]), 3) == pytest.approx(91 ** (1 / 3))
    assert nd.l0_norm(np.array([0.0, 3.0])) == 1.0


# ---------------------------------------------------------------------------- torch kernels


def _exact(t: torch.Tensor, ord: float) -> float:
    d = t.detach().double().numpy().ravel()
    if ord == 1:
        return math.fsum(np.abs(d).tolist())
    return math.sqrt(math.fsum((d * d).tolist()))


@pytest.mark.parametrize("n", [100, 4 * 4096 - 1, 4 * 4096, 10 * 4096 + 17])
def test_torch_two_level_l1_is_accurate(n: int) -> None:
    t = torch.randn(n, generator=torch.Generator().manual_seed(n))
    r = nd.l1_norm(t)
    assert r.dtype == torch.float32 and r.shape == ()
    tol = 2e-6 if n >= 4 * 4096 else 1e-5  # below: torch's own vector_norm, one running sum
    assert math.isclose(r.item(), _exact(t, 1), rel_tol=tol)
    torch.testing.assert_close(r, torch.linalg.vector_norm(t, 1), rtol=1e-4, atol=0)


def test_torch_two_level_is_more_accurate_than_one_running_sum() -> None:
    t = torch.randn(2_000_000, generator=torch.Generator().manual_seed(0))
    exact = _exact(t, 1)
    ours = abs(nd.l1_norm(t).item() - exact) / exact
    torchs = abs(torch.linalg.vector_norm(t, 1).item() - exact) / exact
    assert ours < 1e-6 and ours < torchs


@pytest.mark.parametrize("ord", [1, 2])
def test_torch_two_level_gradient_is_vector_norms(ord: int) -> None:
    g = torch.Generator().manual_seed(1)
    base = torch.randn(6 * 4096 + 5, dtype=torch.float64, generator=g)
    base[::7] = 0.0
    a = base.clone().requires_grad_()
    b = base.clone().requires_grad_()
    nd.vector_norm(a, ord).backward()
    torch.linalg.vector_norm(b, ord).backward()
    assert a.grad is not None and b.grad is not None
    torch.testing.assert_close(a.grad, b.grad, rtol=1e-12, atol=1e-15)
    assert torch.all(a.grad[::7] == 0)


def test_torch_two_level_on_non_contiguous_and_shaped_tensors() -> None:
    t = torch.randn(300, 400, generator=torch.Generator().manual_seed(2))
    for x in (t, t.T, t[::2, ::3], t.reshape(20, 15, 400)):
        assert math.isclose(nd.l1_norm(x).item(), _exact(x, 1), rel_tol=2e-6)
        assert math.isclose(nd.l2_norm(x).item(), _exact(x, 2), rel_tol=1e-5)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.bfloat16])
def test_torch_linf_without_grad_equals_vector_norm(dtype: torch.dtype) -> None:
    t = torch.randn(5000, generator=torch.Generator().manual_seed(3)).to(dtype)
    t[1234] = -9.0
    assert torch.equal(nd.linf_norm(t), torch.linalg.vector_norm(t, math.inf))
    m = t.reshape(50, 100)
    for axis, keepdims in ((1, False), (0, True), ((0, 1), True), ((0, 1), False)):
        dims = axis if isinstance(axis, tuple) else (axis,)
        expected = torch.linalg.vector_norm(m, math.inf, dim=dims, keepdim=keepdims)
        assert torch.equal(nd.linf_norm(m, axis=axis, keepdims=keepdims), expected)


def test_torch_linf_propagates_nan_without_grad() -> None:
    for where in (0, 2500, 4999):
        t = torch.randn(5000)
        t[where] = math.nan
        assert torch.isnan(nd.linf_norm(t))
        assert torch.isnan(nd.linf_norm(t.reshape(50, 100), axis=1)).sum() == 1


def test_torch_linf_gradient_splits_ties_as_vector_norm() -> None:
    base = torch.tensor([3.0, -3.0, 1.0, 3.0], dtype=torch.float64)
    a, b = base.clone().requires_grad_(), base.clone().requires_grad_()
    nd.linf_norm(a).backward()
    torch.linalg.vector_norm(b, math.inf).backward()
    assert a.grad is not None and torch.equal(a.grad, b.grad)
    with torch.no_grad():
        assert torch.equal(nd.linf_norm(a), torch.tensor(3.0, dtype=torch.float64))


def test_torch_l2_range_check_keeps_autograd_and_warns_nothing() -> None:
    t = torch.tensor([3e20, 4e20], requires_grad=True)
    r = nd.l2_norm(t)
    assert r.item() == pytest.approx(5e20, rel=1e-6)
    r.backward()
    assert t.grad is not None
    torch.testing.assert_close(t.grad, torch.tensor([0.6, 0.8]))


# ---------------------------------------------------------------------------- penalties, losses


def _params(seed: int = 0) -> list[torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    ps = [torch.randn(shape, generator=g) for shape in ((64, 3, 3, 3), (64,), (10, 64 * 9 * 4))]
    ps[0][0, 0] = 0.0
    return [p.requires_grad_() for p in ps]


def test_l2_penalty_one_node_value_and_gradient() -> None:
    ps = _params()
    value = nd.l2_penalty(ps)
    plain = 0.5 * torch.stack([(p * p).sum() for p in ps]).sum()
    assert torch.equal(value, plain.detach()) or math.isclose(value.item(), plain.item())
    value.backward()
    for p in ps:
        assert p.grad is not None and torch.equal(p.grad, p.detach())  # exactly w


def test_l2_penalty_scaled_gradient_is_exactly_lam_w() -> None:
    ps = _params(1)
    lam = 0.37
    (lam * nd.l2_penalty(ps)).backward()
    for p in ps:
        assert p.grad is not None and torch.equal(p.grad, p.detach() * lam)


def test_l2_penalty_mixed_dtypes_and_frozen_parameters() -> None:
    a = torch.randn(5, requires_grad=True)
    b = torch.randn(3, dtype=torch.float64, requires_grad=True)
    frozen = torch.randn(4)
    value = nd.l2_penalty([a, b, frozen])
    assert value.dtype == torch.float64
    expected = 0.5 * sum(float((p.detach().double() ** 2).sum()) for p in (a, b, frozen))
    assert math.isclose(value.item(), expected, rel_tol=1e-6)
    value.backward()
    assert a.grad is not None and a.grad.dtype == torch.float32
    assert torch.equal(a.grad, a.detach())
    assert b.grad is not None and torch.equal(b.grad, b.detach())
    assert frozen.grad is None


def test_l2_penalty_higher_order_and_functional_autograd() -> None:
    x = torch.randn(4, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda v: nd.l2_penalty([v]), (x,))
    assert torch.autograd.gradgradcheck(lambda v: nd.l2_penalty([v]), (x,))
    w = torch.tensor([3.0, -4.0])
    assert torch.equal(torch.func.grad(lambda v: nd.l2_penalty([v]))(w), w)
    batch = torch.randn(3, 2)
    torch.testing.assert_close(
        torch.func.vmap(lambda v: nd.l2_penalty([v]))(batch), 0.5 * (batch**2).sum(1)
    )
    import torch.autograd.forward_ad as fwAD

    with warnings.catch_warnings():  # forward AD's first use: torch.jit.script is deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        with fwAD.dual_level():
            dual = fwAD.make_dual(w, torch.ones(2))
            assert fwAD.unpack_dual(nd.l2_penalty([dual])).tangent.item() == -1.0  # 3 - 4
            assert fwAD.unpack_dual(nd.l1_penalty([dual])).tangent.item() == 0.0  # 1 - 1


def test_l2_penalty_without_grad_is_a_plain_tensor() -> None:
    ps = _params(2)
    with torch.no_grad():
        value = nd.l2_penalty(ps)
    assert value.grad_fn is None
    exact = 0.5 * sum(float((p.detach().double() ** 2).sum()) for p in ps)
    assert math.isclose(value.item(), exact, rel_tol=1e-6)


def test_l1_penalty_of_a_model_value_and_subgradient() -> None:
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(200, 300), torch.nn.Linear(300, 2))
    with torch.no_grad():
        model[0].weight[0, :10] = 0.0
    value = nd.l1_penalty(model)
    exact = math.fsum(float(p.detach().double().abs().sum()) for p in model.parameters())
    assert math.isclose(value.item(), exact, rel_tol=1e-6)
    value.backward()
    for p in model.parameters():
        assert p.grad is not None and torch.equal(p.grad, torch.sign(p.detach()))


def test_penalties_still_reject_mixed_libraries() -> None:
    with pytest.raises(TypeError, match="same array library"):
        nd.l1_penalty([torch.ones(2), np.ones(2)])
    with pytest.raises(TypeError, match="same array library"):
        nd.l2_penalty([np.ones(2), torch.ones(2)])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_losses_fast_path_equals_functional(reduction: str) -> None:
    import torch.nn.functional as F

    a = torch.randn(1000, requires_grad=True)
    b = torch.randn(1000)
    for ours, theirs, kw in (
        (nd.mse_loss, F.mse_loss, {}),
        (nd.l1_loss, F.l1_loss, {}),
        (nd.huber_loss, F.huber_loss, {"delta": 0.5}),
    ):
        assert torch.equal(
            ours(a, b, reduction=reduction, **kw), theirs(a, b, reduction=reduction, **kw)
        )


def test_losses_fast_path_keeps_every_check() -> None:
    a, b = torch.randn(4, 1), torch.randn(4)
    with pytest.raises(ValueError, match="same shape"):
        nd.mse_loss(a, b)
    with pytest.raises(ValueError, match="reduction"):
        nd.l1_loss(b, b, reduction="avg")
    with pytest.raises(ValueError, match="empty"):
        nd.mse_loss(torch.ones(0), torch.ones(0))
    with pytest.raises(ValueError, match="delta"):
        nd.huber_loss(b, b, delta=-1.0)
    mixed = nd.mse_loss(torch.ones(3), torch.zeros(3, dtype=torch.float64))  # slow path
    assert mixed.dtype == torch.float64 and mixed.item() == 1.0
    p = torch.nn.Parameter(torch.ones(3))  # a subclass: the general path, same value
    assert nd.l1_loss(p, torch.zeros(3)).item() == 1.0


# ---------------------------------------------------------------------------- the torch fast path


@pytest.mark.parametrize("ord", [1, 2, math.inf, 1.0, 2.0])
@pytest.mark.parametrize("shape", [(), (7,), (3, 4), (70_000,)])
def test_torch_fast_path_equals_the_general_path(ord: float, shape: tuple[int, ...]) -> None:
    t = torch.randn(shape, generator=torch.Generator().manual_seed(4))
    fast = nd.vector_norm(t, ord)
    xp, axes = array_api_compat.array_namespace(t), tuple(range(t.ndim))
    general = _generic.vector_norm(xp, t, float(ord), axes, False, _torch.Kernels)
    assert fast.dtype == t.dtype and fast.shape == ()
    assert torch.equal(fast, general)


def test_torch_fast_path_edge_cases_and_gradients() -> None:
    big = torch.tensor([3e20, 4e20])
    assert nd.l2_norm(big).item() == pytest.approx(5e20, rel=1e-6)  # rescaled
    assert nd.l2_norm(torch.tensor([3e-30, 4e-30])).item() == pytest.approx(5e-30, rel=1e-6)
    assert torch.isnan(nd.l2_norm(torch.tensor([1.0, math.nan])))
    assert nd.l1_norm(torch.tensor([], dtype=torch.float64)).item() == 0.0
    assert nd.l2_norm(torch.tensor([3, 4])).dtype == torch.get_default_dtype()  # promoted
    assert nd.l1_norm(torch.tensor([3 + 4j])).item() == 5.0  # complex: the modulus
    p = torch.nn.Parameter(torch.tensor([3.0, -4.0, 0.0]))
    for ord, expected in ((1, [1.0, -1.0, 0.0]), (2, [0.6, -0.8, 0.0]), (math.inf, [0, -1.0, 0])):
        p.grad = None
        nd.vector_norm(p, ord).backward()
        assert p.grad is not None
        torch.testing.assert_close(p.grad, torch.tensor(expected))
    with pytest.raises(ValueError, match="`ord`"):
        nd.vector_norm(torch.ones(3), 0.5)


# ---------------------------------------------------------------------------- normdocs.options


def test_options_scipy_blas_switches_the_numpy_l1_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def dasum(v: np.ndarray) -> float:
        calls.append(v.size)
        return float(np.abs(v).sum())

    monkeypatch.setattr(_numpy, "_dasum", dasum)  # a spy in place of SciPy's
    x = np.random.default_rng(6).standard_normal(3 * CHUNK64 + 5)
    with nd.options(scipy_blas=False):
        off = nd.l1_norm(x)
    assert calls == []
    on = nd.l1_norm(x)
    assert calls == [x.size]
    assert math.isclose(off, on, rel_tol=1e-12) and math.isclose(off, _fsum_abs(x), rel_tol=1e-12)


def test_options_are_restored_on_exit_and_on_error_and_are_per_thread() -> None:
    from normdocs._options import SCIPY_BLAS

    assert SCIPY_BLAS.get() is True
    with nd.options(scipy_blas=False):
        assert SCIPY_BLAS.get() is False
        with nd.options():  # the defaults again, inside
            assert SCIPY_BLAS.get() is True
        assert SCIPY_BLAS.get() is False
        seen: list[bool] = []
        t = threading.Thread(target=lambda: seen.append(SCIPY_BLAS.get()))
        t.start()
        t.join()
        assert seen == [True]  # another thread keeps the default
    assert SCIPY_BLAS.get() is True
    with pytest.raises(ZeroDivisionError), nd.options(scipy_blas=False):
        1 / 0  # noqa: B018
    assert SCIPY_BLAS.get() is True


def test_options_reject_a_non_bool() -> None:
    with pytest.raises(TypeError, match="`scipy_blas` must be True or False; got 0"):
        nd.options(scipy_blas=0).__enter__()  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- torch is optional


def test_numpy_and_array_api_work_without_torch() -> None:
    """``import normdocs`` does not import torch (its backend loads at the first tensor), and
    every function works with torch impossible to import."""
    import subprocess
    import sys

    code = """
import sys
class NoTorch:
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ImportError("torch is not installed")
sys.meta_path.insert(0, NoTorch())
import array_api_strict as xs
import numpy as np
import normdocs as nd
x = np.array([[3.0, -4.0], [0.0, 1.0]])
for a in (x, xs.asarray(x), x.tolist()):
    nd.l1_norm(a), nd.l2_norm(a, axis=0), nd.linf_norm(a), nd.matrix_norm(a, "nuc")
    nd.mse_loss(a, a), nd.huber_loss(a, a, reduction="sum"), nd.soft_threshold(a, 0.5)
    nd.elastic_net_penalty(a), nd.regularized_loss(1.0, a, l1=0.1, l2=0.1)
assert "torch" not in sys.modules and "normdocs._torch" not in sys.modules
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]
