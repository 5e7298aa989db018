"""clip_grad_norm_ against torch.nn.utils.clip_grad_norm_ (to the bit), its overflow-safe
total norm, its process-group path (with a stand-in for normdocs.distributed), and
max_norm_ against torch.renorm and a NumPy reference."""

from __future__ import annotations

import math
import sys
import types
from typing import Any

import numpy as np
import pytest
import torch

import normdocs as nd

ORDS = [1.0, 2.0, 3.0, math.inf]


def _params(
    seed: int, dtypes: list[torch.dtype], *, none_every: int = 0, scale: float = 1.0
) -> list[torch.nn.Parameter]:
    """Random parameters of random shapes and the given dtypes; every ``none_every``-th one
    without a gradient."""
    g = torch.Generator().manual_seed(seed)
    out = []
    for i, dtype in enumerate(dtypes):
        shape = tuple(
            int(s)
            for s in torch.randint(
                1, 6, (int(torch.randint(0, 4, (1,), generator=g)),), generator=g
            )
        )
        p = torch.nn.Parameter(torch.randn(shape, generator=g, dtype=torch.float64).to(dtype))
        if not (none_every and i % none_every == none_every - 1):
            p.grad = (scale * torch.randn(shape, generator=g, dtype=torch.float64)).to(dtype)
        out.append(p)
    return out


def _twins(ps: list[torch.nn.Parameter]) -> list[torch.nn.Parameter]:
    twins = []
    for p in ps:
        q = torch.nn.Parameter(p.detach().clone())
        q.grad = None if p.grad is None else p.grad.clone()
        twins.append(q)
    return twins


def _same_grads(a: list[torch.nn.Parameter], b: list[torch.nn.Parameter]) -> bool:
    return all(
        (p.grad is None and q.grad is None)
        or (p.grad is not None and q.grad is not None and torch.equal(p.grad, q.grad))
        for p, q in zip(a, b, strict=True)
    )


DTYPE_MIXES = {
    "float32": [torch.float32] * 5,
    "float64": [torch.float64] * 4,
    "mixed": [torch.float32, torch.float64, torch.float32, torch.float64, torch.float64],
    "mixed-half": [torch.float16, torch.float32, torch.bfloat16, torch.float32],
}


# --------------------------------------------------------------------------------------------
# to the bit: torch.nn.utils.clip_grad_norm_
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("ord", ORDS)
@pytest.mark.parametrize("foreach", [None, True, False])
@pytest.mark.parametrize("mix", list(DTYPE_MIXES))
@pytest.mark.parametrize("max_norm", [0.5, 1e3])  # clipping, and not
def test_clip_grad_norm_matches_torch_to_the_bit(
    seed: int, ord: float, foreach: bool | None, mix: str, max_norm: float
) -> None:
    ps = _params(seed, DTYPE_MIXES[mix], none_every=3 if seed % 2 else 0)
    ref = _twins(ps)
    got = nd.clip_grad_norm_(ps, max_norm, ord=ord, foreach=foreach)
    expected = torch.nn.utils.clip_grad_norm_(ref, max_norm, norm_type=ord, foreach=foreach)
    assert got.dtype == expected.dtype and got.device == expected.device
    assert torch.equal(got, expected)
    assert _same_grads(ps, ref)
    assert not got.requires_grad


@pytest.mark.parametrize("ord", ORDS)
def test_clip_grad_norm_of_one_tensor_a_generator_and_a_module(ord: float) -> None:
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
    model(torch.randn(8, 4)).pow(2).sum().backward()
    twin = _twins(list(model.parameters()))
    got = nd.clip_grad_norm_(model, 0.1, ord=ord)
    assert torch.equal(got, torch.nn.utils.clip_grad_norm_(twin, 0.1, norm_type=ord))
    assert _same_grads(list(model.parameters()), twin)

    ps = _params(1, [torch.float32] * 3)
    ref = _twins(ps)
    got = nd.clip_grad_norm_((p for p in ps), 2.0)
    assert torch.equal(got, torch.nn.utils.clip_grad_norm_((p for p in ref), 2.0))
    assert _same_grads(ps, ref)

    one, one_ref = ps[0], ref[0]
    got = nd.clip_grad_norm_(one, 1e-3, ord=ord)
    assert torch.equal(got, torch.nn.utils.clip_grad_norm_(one_ref, 1e-3, norm_type=ord))
    assert one.grad is not None and one_ref.grad is not None
    assert torch.equal(one.grad, one_ref.grad)


def test_clip_grad_norm_without_gradients() -> None:
    ps = [torch.nn.Parameter(torch.ones(3)), torch.nn.Parameter(torch.ones(2))]
    got = nd.clip_grad_norm_(ps, 1.0)
    expected = torch.nn.utils.clip_grad_norm_(ps, 1.0)
    assert torch.equal(got, expected) and got.dtype == expected.dtype  # tensor(0.)
    assert all(p.grad is None for p in ps)
    assert torch.equal(nd.clip_grad_norm_([], 1.0), torch.tensor(0.0))


def test_clip_grad_norm_empty_generator_warns_as_torch_does() -> None:
    with pytest.warns(UserWarning, match="empty generator"):
        nd.clip_grad_norm_((p for p in []), 1.0)


def test_clip_grad_norm_max_norm_inf_only_measures() -> None:
    ps = _params(2, [torch.float64] * 3, scale=100.0)
    before = [p.grad.clone() for p in ps if p.grad is not None]
    total = nd.clip_grad_norm_(ps, math.inf)
    flat = torch.cat([b.reshape(-1) for b in before])
    torch.testing.assert_close(total, torch.linalg.vector_norm(flat), rtol=1e-15, atol=0)
    assert all(torch.equal(p.grad, b) for p, b in zip(ps, before, strict=True))


def test_clip_grad_norm_zero_max_norm_zeroes_the_gradients() -> None:
    ps = _params(3, [torch.float32] * 3)
    nd.clip_grad_norm_(ps, 0.0)
    assert all(p.grad is not None and not p.grad.any() for p in ps)


# --------------------------------------------------------------------------------------------
# where torch's total norm overflows: the float64 reference norm, and the gradients clipped
# --------------------------------------------------------------------------------------------


def _reference(grads: list[torch.Tensor], ord: float, max_norm: float) -> tuple[float, float]:
    """The total norm and the clip coefficient, in float64 from exact-in-float64 values."""
    flat = np.concatenate([g.double().numpy().ravel() for g in grads])
    m = float(np.max(np.abs(flat)))
    total = m * float(np.linalg.norm(flat / m, ord))  # scaled: no overflow in float64
    return total, min(max_norm / (total + 1e-6), 1.0)


@pytest.mark.parametrize("ord", [1.0, 2.0, 3.0])
@pytest.mark.parametrize("foreach", [None, False])
@pytest.mark.parametrize(
    ("dtype", "values", "returned"),
    [
        (torch.float16, [[48000.0, 64000.0], [30000.0]], torch.float32),
        (torch.float16, [[60000.0] * 8, [-65504.0]], torch.float32),
        (torch.bfloat16, [[3e38, 3e38], [1.0]], torch.float64),
        (torch.float32, [[3e20, 4e20], [1.0, -2.0]], torch.float32),
        (torch.float32, [[3e38, -3e38], [3e38]], torch.float64),
    ],
    ids=["float16", "float16-many", "bfloat16-beyond-float32", "float32", "float32-beyond"],
)
def test_overflow_torch_gives_inf_we_give_the_true_norm(
    ord: float, foreach: bool | None, dtype: torch.dtype, values: list[list[float]], returned: Any
) -> None:
    ps = [torch.nn.Parameter(torch.zeros(len(v), dtype=dtype)) for v in values]
    for p, v in zip(ps, values, strict=True):
        p.grad = torch.tensor(v, dtype=dtype)
    grads = [p.grad.clone() for p in ps if p.grad is not None]
    ref = _twins(ps)
    torch_total = torch.nn.utils.clip_grad_norm_(ref, 1.0, norm_type=ord, foreach=foreach)
    l1_fits = ord == 1.0 and values[0] == [3e20, 4e20]  # 7e20: no overflow in float32
    # what this test is about: torch's norm is inf and its clipped gradients are 0 or NaN
    assert math.isinf(float(torch_total)) is not l1_fits
    total, coef = _reference(grads, ord, 1.0)
    got = nd.clip_grad_norm_(ps, 1.0, ord=ord, foreach=foreach, error_if_nonfinite=True)
    if math.isinf(float(torch_total)):
        assert got.dtype == returned
    assert float(got) == pytest.approx(total, rel=1e-6)
    for p, g in zip(ps, grads, strict=True):
        assert p.grad is not None and p.grad.dtype == dtype
        expected = (g.double() * coef).to(dtype)
        torch.testing.assert_close(
            p.grad, expected, rtol=2e-3 if dtype != torch.float32 else 1e-6, atol=0
        )
    clipped = float(
        torch.linalg.vector_norm(
            torch.cat([p.grad.double().reshape(-1) for p in ps if p.grad is not None]), ord
        )
    )
    assert clipped == pytest.approx(1.0, rel=1e-2)  # the gradients now have norm max_norm


@pytest.mark.parametrize("ord", [2.0, 3.0])
def test_underflow_torch_gives_zero_we_give_the_true_norm(ord: float) -> None:
    p = torch.nn.Parameter(torch.zeros(2))
    p.grad = torch.tensor([3e-30, 4e-30])  # float32: squares and cubes underflow to 0
    ref = _twins([p])
    torch_total = torch.nn.utils.clip_grad_norm_(ref, 1.0, norm_type=ord)
    got = nd.clip_grad_norm_([p], 1.0, ord=ord)
    expected = float(np.linalg.norm([3.0, 4.0], ord)) * 1e-30
    assert float(torch_total) != pytest.approx(expected, rel=1e-3, abs=0)  # torch: 0
    assert got.dtype == torch.float32
    assert float(got) == pytest.approx(expected, rel=1e-6, abs=0)
    assert torch.equal(p.grad, torch.tensor([3e-30, 4e-30]))  # far below max_norm: unchanged


def test_a_true_inf_stays_inf_and_clips_as_torch() -> None:
    ps = _params(4, [torch.float32] * 3)
    assert ps[1].grad is not None
    ps[1].grad[0] = math.inf
    ref = _twins(ps)
    got = nd.clip_grad_norm_(ps, 1.0)
    expected = torch.nn.utils.clip_grad_norm_(ref, 1.0)
    assert torch.equal(got, expected) and math.isinf(float(got))
    for p, q in zip(ps, ref, strict=True):
        torch.testing.assert_close(p.grad, q.grad, equal_nan=True, rtol=0, atol=0)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_error_if_nonfinite_names_the_parameter(bad: float) -> None:
    ps = _params(5, [torch.float32, torch.float16, torch.float32])
    assert ps[1].grad is not None
    ps[1].grad.view(-1)[0] = bad
    before = [p.grad.clone() for p in ps if p.grad is not None]
    with pytest.raises(RuntimeError, match=r"parameters\[1\].*float16.*inf or NaN") as info:
        nd.clip_grad_norm_(ps, 1.0, error_if_nonfinite=True)
    assert "error_if_nonfinite=False" in str(info.value)
    for p, b in zip(ps, before, strict=True):  # nothing was changed
        torch.testing.assert_close(p.grad, b, equal_nan=True, rtol=0, atol=0)
    with pytest.raises(RuntimeError, match="non-finite"):  # torch raises too
        torch.nn.utils.clip_grad_norm_(ps, 1.0, error_if_nonfinite=True)


def test_meta_gradients() -> None:
    m = torch.nn.Parameter(torch.ones(3, device="meta"))
    m.grad = torch.ones(3, device="meta")
    total = nd.clip_grad_norm_([m], 1.0)
    assert total.device.type == "meta" and total.shape == ()
    c = torch.nn.Parameter(torch.ones(2))
    c.grad = torch.ones(2)
    with pytest.raises(ValueError, match=r"meta device.*cpu.*cannot be\s+clipped"):
        nd.clip_grad_norm_([c, m], 1.0)


# --------------------------------------------------------------------------------------------
# group: the shards of one vector, through normdocs.distributed.vector_norm (a stand-in here)
# --------------------------------------------------------------------------------------------


class _FakeGroup:
    """Stands for a process group of ranks whose local norms are known in advance."""

    def __init__(self, others: list[float]) -> None:
        self.others = others  # the local total norms of the other ranks
        self.calls: list[tuple[torch.Tensor, float]] = []


def _fake_distributed() -> types.ModuleType:
    module = types.ModuleType("normdocs.distributed")

    def vector_norm(local: torch.Tensor, ord: float = 2, *, group: Any = None) -> torch.Tensor:
        assert isinstance(group, _FakeGroup)
        group.calls.append((local.clone(), ord))
        everything = torch.cat([local, torch.tensor(group.others, dtype=local.dtype)])
        return torch.linalg.vector_norm(everything, ord)

    module.vector_norm = vector_norm  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize("ord", ORDS)
def test_group_clips_by_the_global_norm(monkeypatch: pytest.MonkeyPatch, ord: float) -> None:
    monkeypatch.setitem(sys.modules, "normdocs.distributed", _fake_distributed())
    ps = _params(6, [torch.float32, torch.float64, torch.float32])
    grads = [p.grad.clone() for p in ps if p.grad is not None]
    local = float(torch.linalg.vector_norm(torch.cat([g.double().reshape(-1) for g in grads]), ord))
    group = _FakeGroup([2.0 * local, 0.5 * local])  # two other ranks
    total = nd.clip_grad_norm_(ps, 1.0, ord=ord, group=group)

    ((sent, sent_ord),) = group.calls  # one collective call, with a 1-element local norm
    assert sent.shape == (1,) and sent.dtype == torch.float64 and sent_ord == ord
    assert float(sent[0]) == pytest.approx(local, rel=1e-6)
    expected = float(np.linalg.norm([local, 2.0 * local, 0.5 * local], ord))
    assert float(total) == pytest.approx(expected, rel=1e-6)
    coef = min(1.0 / (expected + 1e-6), 1.0)
    for p, g in zip(ps, grads, strict=True):
        torch.testing.assert_close(p.grad, (g.double() * coef).to(g.dtype), rtol=1e-6, atol=0)


def test_group_with_no_local_gradient_still_takes_part(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "normdocs.distributed", _fake_distributed())
    group = _FakeGroup([5.0])
    total = nd.clip_grad_norm_([torch.nn.Parameter(torch.ones(2))], 1.0, group=group)
    assert len(group.calls) == 1 and float(group.calls[0][0][0]) == 0.0
    assert float(total) == 5.0


def test_group_nonfinite_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "normdocs.distributed", _fake_distributed())
    ps = _params(7, [torch.float32] * 2)
    with pytest.raises(RuntimeError, match="no gradient of this rank's `parameters`"):
        nd.clip_grad_norm_(ps, 1.0, group=_FakeGroup([math.inf]), error_if_nonfinite=True)


# --------------------------------------------------------------------------------------------
# max_norm_
# --------------------------------------------------------------------------------------------


def _norms(w: np.ndarray, ord: float, axes: tuple[int, ...]) -> np.ndarray:
    """The norms of the vectors of ``w`` along ``axes``, with size 1 along them."""
    last = tuple(range(w.ndim - len(axes), w.ndim))
    moved = np.moveaxis(w, axes, last)
    norms = np.linalg.norm(moved.reshape(*moved.shape[: w.ndim - len(axes)], -1), ord, axis=-1)
    return norms.reshape([1 if i in axes else s for i, s in enumerate(w.shape)])


@pytest.mark.parametrize("lib", ["numpy", "torch"])
@pytest.mark.parametrize("ord", ORDS)
@pytest.mark.parametrize("axis", [-1, 0, (0, 2), None])
def test_max_norm_matches_the_reference(lib: str, ord: float, axis: Any) -> None:
    rng = np.random.default_rng(0)
    w0 = rng.standard_normal((3, 4, 5))
    axes = (0, 1, 2) if axis is None else tuple(sorted(a % 3 for a in np.atleast_1d(axis)))
    n0 = _norms(w0, ord, axes)
    c = float(np.median(n0)) if n0.size > 1 else 0.5 * float(n0.item())
    expected = np.where(n0 > c, w0 * (c / n0), w0)
    w = w0.copy() if lib == "numpy" else torch.nn.Parameter(torch.from_numpy(w0.copy()))
    out = nd.max_norm_(w, c, ord=ord, axis=axis)
    assert out is w
    got = w if lib == "numpy" else w.detach().numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-14, atol=0)
    assert np.all(_norms(got, ord, axes) <= c * (1 + 1e-14))
    inside = np.broadcast_to(n0 <= c, w0.shape)
    np.testing.assert_array_equal(got[inside], w0[inside])  # exactly unchanged
    if lib == "torch":
        assert isinstance(w, torch.Tensor) and w.requires_grad and w.grad_fn is None  # a leaf


@pytest.mark.parametrize("p", [1.0, 2.0, 3.0, math.inf])
def test_max_norm_and_torch_renorm(p: float) -> None:
    """torch.renorm(w, p, dim, c) normalizes each w.select(dim, i): the norms over every
    axis but dim; its factor is c / (norm + 1e-7), ours c / norm."""
    g = torch.Generator().manual_seed(1)
    w = torch.randn(6, 4, generator=g, dtype=torch.float64) * 2.0
    renormed = torch.renorm(w, p, 0, 1.0)  # rows: each output unit of a Linear(4, 6)
    ours = nd.max_norm_(w.clone(), 1.0, ord=p, axis=1)
    torch.testing.assert_close(ours, renormed, rtol=2e-7, atol=0)
    # Keras MaxNorm(axis=0) on an (in, out) kernel: the columns, torch.renorm's dim=1
    kernel = w.T.contiguous()
    torch.testing.assert_close(
        nd.max_norm_(kernel.clone(), 1.0, ord=p, axis=0),
        torch.renorm(kernel, p, 1, 1.0),
        rtol=2e-7,
        atol=0,
    )
    # the rescaled norms are max_norm up to rounding; torch.renorm's fall short by its 1e-7
    small = w * 1e-6
    ours_small = nd.max_norm_(small.clone(), 1e-6, ord=p, axis=1)
    norms = torch.linalg.vector_norm(ours_small, p, dim=1)
    big = torch.linalg.vector_norm(small, p, dim=1) > 1e-6
    torch.testing.assert_close(norms[big], torch.full_like(norms[big], 1e-6), rtol=1e-14, atol=0)
    theirs = torch.linalg.vector_norm(torch.renorm(small, p, 0, 1e-6), p, dim=1)
    assert bool((theirs[big] < 0.995e-6).all())  # 1 % to 3 % short


def test_max_norm_is_overflow_safe() -> None:
    w = np.array([[3e200, 4e200], [0.3, 0.4]])
    nd.max_norm_(w, 1.0)
    np.testing.assert_allclose(w, [[0.6, 0.8], [0.3, 0.4]], rtol=1e-15)
    t = torch.tensor([[3e20, 4e20]], dtype=torch.float32)
    nd.max_norm_(t, 1.0)
    torch.testing.assert_close(t, torch.tensor([[0.6, 0.8]]))


def test_max_norm_nan_vectors_are_left_alone() -> None:
    w = np.array([[math.nan, 1.0], [30.0, 40.0]])
    nd.max_norm_(w, 5.0)
    np.testing.assert_array_equal(w, [[math.nan, 1.0], [3.0, 4.0]])


@pytest.mark.parametrize("lib", ["numpy", "torch"])
def test_max_norm_float16_norm_beyond_float16(lib: str) -> None:
    """A float16 row of norm 84853 (> 65504) is rescaled, not zeroed (its norm is taken in
    float32, and the product written back in place)."""
    w0 = np.array([[6e4, 6e4], [0.3, 0.4]], dtype=np.float16)
    w = w0.copy() if lib == "numpy" else torch.from_numpy(w0.copy())
    out = nd.max_norm_(w, 1.0)
    assert out is w
    got = w if isinstance(w, np.ndarray) else w.numpy()
    assert got.dtype == np.float16
    np.testing.assert_allclose(got, [[0.7071, 0.7071], [0.3, 0.4]], rtol=1e-3)
