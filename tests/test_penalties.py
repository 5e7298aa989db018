"""L1, L2 and elastic-net penalties and regularized_loss, against direct NumPy / torch sums."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import array_api_strict as xs
import numpy as np
import pytest
import torch
from array_helpers import XS_ARRAY, library_of, to_numpy

import normdocs as nd


def _arrays(seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    ws = [rng.standard_normal((3, 4)), rng.standard_normal(4), rng.standard_normal((2, 1, 2))]
    ws[0][0, 0] = 0.0
    return ws


def ref_l1(ws: list[np.ndarray]) -> float:
    return float(sum(np.abs(w).sum() for w in ws))


def ref_l2(ws: list[np.ndarray]) -> float:
    return float(0.5 * sum((w * w).sum() for w in ws))


def ref_en(ws: list[np.ndarray], rho: float) -> float:
    # scikit-learn's ElasticNet penalty (with alpha = 1): rho * ||w||_1 + (1 - rho) / 2 * ||w||_2^2
    flat = np.concatenate([w.ravel() for w in ws])
    return float(rho * np.linalg.norm(flat, 1) + 0.5 * (1 - rho) * np.linalg.norm(flat, 2) ** 2)


PENALTIES: list[tuple[str, Callable[..., Any], Callable[[list[np.ndarray]], float]]] = [
    ("l1", nd.l1_penalty, ref_l1),
    ("l2", nd.l2_penalty, ref_l2),
    ("elastic_net", nd.elastic_net_penalty, lambda ws: ref_en(ws, 0.5)),
    (
        "elastic_net_0.2",
        lambda p: nd.elastic_net_penalty(p, l1_ratio=0.2),
        lambda ws: ref_en(ws, 0.2),
    ),
    ("elastic_net_1", lambda p: nd.elastic_net_penalty(p, l1_ratio=1.0), ref_l1),
    ("elastic_net_0", lambda p: nd.elastic_net_penalty(p, l1_ratio=0.0), ref_l2),
]


def _gen(items: list[Any]) -> Iterator[Any]:
    yield from items


# how the parameters are handed over: (id, build from a list of NumPy arrays, expected library)
CONTAINERS: list[tuple[str, Callable[[list[np.ndarray]], Any], str]] = [
    ("numpy-one-array", lambda ws: ws[0], "numpy"),
    ("numpy-list", lambda ws: list(ws), "numpy"),
    ("numpy-tuple", lambda ws: tuple(ws), "numpy"),
    ("numpy-generator", lambda ws: _gen(ws), "numpy"),
    ("nested-list", lambda ws: ws[0].tolist(), "numpy"),
    ("torch-one-tensor", lambda ws: torch.from_numpy(ws[0]), "torch"),
    ("torch-list", lambda ws: [torch.from_numpy(w) for w in ws], "torch"),
    ("torch-generator", lambda ws: (torch.from_numpy(w) for w in ws), "torch"),
    ("torch-parameters", lambda ws: [torch.nn.Parameter(torch.from_numpy(w)) for w in ws], "torch"),
    ("array_api_strict-one", lambda ws: xs.asarray(ws[0]), "array_api_strict"),
    ("array_api_strict-list", lambda ws: [xs.asarray(w) for w in ws], "array_api_strict"),
]


@pytest.mark.parametrize(("pname", "penalty", "ref"), PENALTIES, ids=[p[0] for p in PENALTIES])
@pytest.mark.parametrize(("cname", "build", "library"), CONTAINERS, ids=[c[0] for c in CONTAINERS])
def test_values_for_every_container(
    pname: str,
    penalty: Callable[..., Any],
    ref: Callable[[list[np.ndarray]], float],
    cname: str,
    build: Callable[[list[np.ndarray]], Any],
    library: str,
) -> None:
    ws = _arrays()
    used = ws[:1] if "one" in cname or cname == "nested-list" else ws
    r = penalty(build(ws))
    assert library_of(r) == library
    if library == "numpy":
        assert isinstance(r, np.float64)
    assert to_numpy(r).shape == ()
    assert float(to_numpy(r)) == pytest.approx(ref(used), rel=1e-14)


@pytest.mark.parametrize(("pname", "penalty", "ref"), PENALTIES, ids=[p[0] for p in PENALTIES])
def test_torch_module(
    pname: str, penalty: Callable[..., Any], ref: Callable[[list[np.ndarray]], float]
) -> None:
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2)
    ).double()
    ws = [p.detach().numpy() for p in model.parameters()]
    r = penalty(model)
    assert isinstance(r, torch.Tensor)
    assert r.dtype == torch.float64
    assert r.requires_grad
    assert r.item() == pytest.approx(ref(ws), rel=1e-14)
    # float32 module: float32 penalty
    m32 = torch.nn.Linear(3, 2)
    r32 = penalty(m32)
    assert r32.dtype == torch.float32
    assert r32.item() == pytest.approx(
        ref([p.detach().double().numpy() for p in m32.parameters()]), rel=1e-6
    )


@pytest.mark.parametrize(("pname", "penalty", "ref"), PENALTIES, ids=[p[0] for p in PENALTIES])
def test_integer_complex_and_float32_parameters(
    pname: str, penalty: Callable[..., Any], ref: Callable[[list[np.ndarray]], float]
) -> None:
    ints = np.array([3, -4, 0, 1])
    r = penalty(ints)
    assert isinstance(r, np.float64)
    assert float(r) == pytest.approx(ref([ints.astype(float)]))
    t = penalty(torch.tensor([3, -4, 0, 1]))
    assert t.dtype == torch.get_default_dtype()

    z = np.array([3 + 4j, -1j, 0])
    rz = penalty(z)
    assert rz.dtype == np.float64
    assert float(rz) == pytest.approx(ref([np.abs(z)]), rel=1e-15)
    tz = penalty(torch.from_numpy(z))
    assert tz.dtype == torch.float64
    assert tz.item() == pytest.approx(ref([np.abs(z)]), rel=1e-15)

    f32 = np.array([0.5, -2.0], dtype=np.float32)
    assert penalty(f32).dtype == np.float32
    assert penalty(torch.from_numpy(f32)).dtype == torch.float32
    assert float(penalty(-3)) == pytest.approx(ref([np.array([-3.0])]))


def test_mixed_torch_dtypes_promote() -> None:
    r = nd.l1_penalty([torch.ones(2), torch.ones(3, dtype=torch.float64)])
    assert r.dtype == torch.float64
    assert r.item() == 5.0


def test_a_generator_is_read_once() -> None:
    """elastic_net_penalty needs both sums of one generator, which can be iterated only once."""
    ws = _arrays(1)
    assert float(nd.elastic_net_penalty(w for w in ws)) == pytest.approx(ref_en(ws, 0.5), rel=1e-14)
    t = nd.elastic_net_penalty(torch.from_numpy(w) for w in ws)
    assert t.item() == pytest.approx(ref_en(ws, 0.5), rel=1e-14)


# --------------------------------------------------------------------------------------------
# Gradients
# --------------------------------------------------------------------------------------------


def test_l2_penalty_gradient_is_w() -> None:
    torch.manual_seed(1)
    model = torch.nn.Linear(5, 3).double()
    nd.l2_penalty(model).backward()
    for p in model.parameters():
        assert p.grad is not None
        torch.testing.assert_close(p.grad, p.detach(), rtol=0, atol=0)
    w = torch.tensor([3.0, -4.0, 0.0], requires_grad=True)
    (0.3 * nd.l2_penalty(w)).backward()
    assert w.grad is not None
    torch.testing.assert_close(w.grad, 0.3 * w.detach())


def test_l1_penalty_gradient_is_sign_and_zero_at_zero() -> None:
    w = torch.tensor([3.0, -4.0, 0.0, -0.0, 1e-300], dtype=torch.float64, requires_grad=True)
    v = torch.tensor([[0.0, 2.0]], dtype=torch.float64, requires_grad=True)
    nd.l1_penalty([w, v]).backward()
    assert w.grad is not None and v.grad is not None
    torch.testing.assert_close(w.grad, torch.sign(w.detach()), rtol=0, atol=0)
    torch.testing.assert_close(
        v.grad, torch.tensor([[0.0, 1.0]], dtype=torch.float64), rtol=0, atol=0
    )


def test_elastic_net_gradient() -> None:
    w = torch.tensor([3.0, -4.0, 0.0, 0.5], dtype=torch.float64, requires_grad=True)
    rho = 0.3
    nd.elastic_net_penalty(w, l1_ratio=rho).backward()
    assert w.grad is not None
    expected = rho * torch.sign(w.detach()) + (1 - rho) * w.detach()
    torch.testing.assert_close(w.grad, expected, rtol=1e-15, atol=0)


def _away_from_zero(shape: tuple[int, ...], seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    a = torch.randn(shape, generator=g, dtype=torch.float64)
    return a + torch.sign(a) * 0.1


@pytest.mark.parametrize(
    "penalty",
    [
        nd.l1_penalty,
        nd.l2_penalty,
        nd.elastic_net_penalty,
        lambda p: nd.elastic_net_penalty(p, l1_ratio=0.8),
    ],
    ids=["l1", "l2", "elastic_net", "elastic_net_0.8"],
)
def test_gradcheck_penalties(penalty: Callable[..., Any]) -> None:
    a = _away_from_zero((3, 2), 0).requires_grad_(True)
    b = _away_from_zero((4,), 1).requires_grad_(True)
    assert torch.autograd.gradcheck(lambda p, q: penalty([p, q]), (a, b))
    assert torch.autograd.gradcheck(penalty, (a,))


# --------------------------------------------------------------------------------------------
# regularized_loss
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("l1", "l2"), [(0.0, 0.0), (0.1, 0.0), (0.0, 0.25), (0.1, 0.25)])
def test_regularized_loss_value(l1: float, l2: float) -> None:
    ws = _arrays(2)
    expected = 1.5 + l1 * ref_l1(ws) + l2 * ref_l2(ws)

    r = nd.regularized_loss(1.5, ws, l1=l1, l2=l2)
    assert isinstance(r, np.float64)
    assert float(r) == pytest.approx(expected, rel=1e-14)

    r0 = nd.regularized_loss(np.float64(1.5), ws, l1=l1, l2=l2)
    assert float(r0) == pytest.approx(expected, rel=1e-14)

    tws = [torch.from_numpy(w).requires_grad_(True) for w in ws]
    t = nd.regularized_loss(torch.tensor(1.5, dtype=torch.float64), tws, l1=l1, l2=l2)
    assert isinstance(t, torch.Tensor)
    assert t.item() == pytest.approx(expected, rel=1e-14)

    s = nd.regularized_loss(xs.asarray(1.5), [xs.asarray(w) for w in ws], l1=l1, l2=l2)
    assert isinstance(s, XS_ARRAY)
    assert float(to_numpy(s)) == pytest.approx(expected, rel=1e-14)

    # a Python float loss with torch parameters still gives a tensor when a penalty is on
    tf = nd.regularized_loss(1.5, tws, l1=l1, l2=l2)
    assert float(to_numpy(tf)) == pytest.approx(expected, rel=1e-14)
    if l1 or l2:
        assert isinstance(tf, torch.Tensor)


def test_regularized_loss_module_gradient() -> None:
    torch.manual_seed(3)
    model = torch.nn.Linear(4, 1).double()
    x = torch.randn(10, 4, dtype=torch.float64)
    y = torch.randn(10, 1, dtype=torch.float64)
    l1, l2 = 0.05, 0.2
    loss = nd.regularized_loss(torch.nn.functional.mse_loss(model(x), y), model, l1=l1, l2=l2)
    loss.backward()
    grads = [p.grad.clone() for p in model.parameters() if p.grad is not None]

    model.zero_grad()
    ref = torch.nn.functional.mse_loss(model(x), y)
    ref = ref + sum(l1 * p.abs().sum() + 0.5 * l2 * (p * p).sum() for p in model.parameters())
    ref.backward()
    assert loss.item() == pytest.approx(ref.item(), rel=1e-14)
    for g, p in zip(grads, model.parameters(), strict=True):
        assert p.grad is not None
        torch.testing.assert_close(g, p.grad, rtol=1e-14, atol=1e-16)


def test_gradcheck_regularized_loss() -> None:
    a = _away_from_zero((3, 2), 4).requires_grad_(True)
    b = _away_from_zero((2,), 5).requires_grad_(True)

    def f(p: torch.Tensor, q: torch.Tensor) -> torch.Tensor:
        data = (p.sum() - 1.0) ** 2 + (q**3).sum()
        return nd.regularized_loss(data, [p, q], l1=0.3, l2=0.7)

    assert torch.autograd.gradcheck(f, (a, b))


# --------------------------------------------------------------------------------------------
# parameters on several devices: summed per device, as torch.nn.utils.clip_grad_norm_ does
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fname", ["l1_penalty", "l2_penalty", "elastic_net_penalty"])
@pytest.mark.parametrize("requires_grad", [True, False], ids=["grad", "no-grad"])
@pytest.mark.parametrize("meta_first", [False, True], ids=["cpu-first", "meta-first"])
def test_penalty_of_parameters_on_cpu_and_meta(
    fname: str, requires_grad: bool, meta_first: bool
) -> None:
    """Was: RuntimeError 'Tensor on device meta is not on the expected device cpu!'.

    A meta tensor has no data: the sum is a meta tensor of the promoted dtype (its value is
    unknown), whichever parameter comes first.
    """
    cpu = torch.ones(3, dtype=torch.float32, requires_grad=requires_grad)
    meta = torch.ones((2, 2), dtype=torch.float64, device="meta", requires_grad=requires_grad)
    r = getattr(nd, fname)([meta, cpu] if meta_first else [cpu, meta])
    assert r.device.type == "meta"
    assert r.shape == ()
    assert r.dtype == torch.float64
    assert r.requires_grad is requires_grad


@pytest.mark.parametrize("fname", ["l1_penalty", "l2_penalty"])
def test_penalty_of_meta_parameters_alone(fname: str) -> None:
    ps = [torch.ones(3, device="meta", requires_grad=True), torch.ones(2, device="meta")]
    r = getattr(nd, fname)(ps)
    assert r.device.type == "meta" and r.shape == ()


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("fname", ["l1_penalty", "l2_penalty"])
def test_penalty_of_parameters_on_cpu_and_cuda_is_on_the_first_device(fname: str) -> None:
    ws = _arrays()
    ts = [torch.from_numpy(ws[0]), torch.from_numpy(ws[1]).cuda(), torch.from_numpy(ws[2])]
    for t in ts:
        t.requires_grad_(True)
    r = getattr(nd, fname)(ts)
    assert r.device == ts[0].device
    ref = ref_l1(ws) if fname == "l1_penalty" else ref_l2(ws)
    assert float(r) == pytest.approx(ref, rel=1e-14)
    r.backward()
    for t in ts:
        assert t.grad is not None and t.grad.device == t.device
