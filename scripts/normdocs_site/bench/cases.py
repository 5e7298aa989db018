"""What the benchmark measures: its cases, each with its methods, exact reference and edges.

A :class:`Case` is one quantity (the L1 norm of a NumPy float64 vector, the L2 penalty of
ResNet-18's parameters with its gradient, ...) at several sizes; its :class:`Method` s are
the ways a reader would compute it (normdocs, the usual NumPy, SciPy and PyTorch one-liners,
and the floor: one read of the input); its :class:`Edge` s are the inputs on which a method
must give the exact answer to count as *correct*. :mod:`normdocs_site.bench.harness` runs
them.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from normdocs_site.bench.schema import Role

Fn = Callable[[Any], Any]
Array = npt.NDArray[np.float64]

# ---------------------------------------------------------------------------- the types


@dataclass
class Method:
    """One way of computing a case's quantity."""

    name: str  # the code a reader would write, e.g. "np.linalg.norm(x, 1)"
    fn: Fn
    library: str  # normdocs, numpy, scipy, torch
    role: Role = "alternative"  # floor: one read of the input, not the same quantity
    note: str = ""


@dataclass
class Edge:
    """An input on which a correct method gives ``expected`` (to 1e-14, float32 1e-6)."""

    name: str
    values: list[float]
    expected: float


@dataclass
class Case:
    """One quantity on one library and dtype, at several sizes."""

    id: str
    title: str
    operation: str  # l1 | l2 | linf | l1-penalty | l2-penalty | mse | l1-loss | huber
    library: str  # numpy | torch
    dtype: str
    sizes: list[int]
    make: Callable[[int], Any]  # size -> the input handed to every method
    exact: Callable[[Any], float]  # input -> the exact value
    methods: list[Method]
    edges: list[Edge] = field(default_factory=list)
    size_label: str = "elements"
    timing: str = "one call"
    check: Callable[[Any, Any], float] | None = None  # (input, result) -> extra error (grads)


# ---------------------------------------------------------------------------- exact values


def _fsum_abs(a: Array) -> float:
    return math.fsum(np.abs(a.astype(np.float64)).ravel().tolist())


def _fsum_sq(a: Array) -> float:
    b = a.astype(np.float64)
    return math.fsum((b * b).ravel().tolist())


def _np(x: Any) -> Array:
    """A NumPy float64 copy of an array or tensor."""
    if hasattr(x, "detach"):
        x = x.detach().cpu().numpy()
    return np.asarray(x, dtype=np.float64)


EXACT: dict[str, Callable[[Any], float]] = {
    "l1": lambda x: _fsum_abs(_np(x)),
    "l2": lambda x: math.sqrt(_fsum_sq(_np(x))),
    "linf": lambda x: float(np.max(np.abs(_np(x)))),
}


def _edges(op: str, dtype: str) -> list[Edge]:
    """Inputs on which a method must give the exact answer to count as correct."""
    big, small = (1e200, 1e-200) if dtype == "float64" else (3e20, 3e-30)
    nan = [1.0, math.nan, -2.0]
    if op == "l2":
        return [
            Edge("overflow", [big, big], big * math.sqrt(2)),
            Edge("underflow", [small, small], small * math.sqrt(2)),
            Edge("nan", nan, math.nan),
            Edge("inf", [math.inf, 1.0], math.inf),
        ]
    if op == "l1":
        return [Edge("nan", nan, math.nan), Edge("inf", [-math.inf, 1.0], math.inf)]
    return [  # linf: NaN anywhere, also where a BLAS kernel's comparisons skip it
        Edge("nan-first", [math.nan, 1.0, -2.0], math.nan),
        Edge("nan-middle", nan, math.nan),
        Edge("nan-last", [1.0, -2.0, math.nan], math.nan),
        Edge("negative-max", [1.0, -3.0, 2.0], 3.0),
    ]


# ---------------------------------------------------------------------------- the cases


def numpy_norm_cases(sizes: list[int]) -> list[Case]:
    """L1, L2, L-infinity of a float64 vector: normdocs (with and without SciPy), NumPy,
    SciPy and BLAS, and the floor ``np.dot(x, x)``."""
    scipy_linalg: Any = importlib.import_module("scipy.linalg")  # SciPy has no type hints
    blas: Any = importlib.import_module("scipy.linalg.blas")

    import normdocs as nd

    def make(n: int) -> Array:
        return np.random.default_rng(n).standard_normal(n)

    def without_scipy(x: Array) -> Any:
        with nd.options(scipy_blas=False):
            return nd.l1_norm(x)

    floor = Method(
        "np.dot(x, x)",
        lambda x: np.dot(x, x),
        "numpy",
        "floor",
        "one read of x (BLAS, all cores): the floor, not a norm",
    )
    l2 = [
        Method("nd.l2_norm(x)", nd.l2_norm, "normdocs", "normdocs"),
        Method("np.linalg.norm(x)", np.linalg.norm, "numpy"),
        Method("np.sqrt(np.dot(x, x))", lambda x: np.sqrt(np.dot(x, x)), "numpy"),
        Method("scipy.linalg.norm(x)", scipy_linalg.norm, "scipy"),
        Method("scipy.linalg.blas.dnrm2(x)", blas.dnrm2, "scipy"),
        floor,
    ]
    l1 = [
        Method("nd.l1_norm(x)", nd.l1_norm, "normdocs", "normdocs"),
        Method(
            "nd.l1_norm(x), no SciPy",
            without_scipy,
            "normdocs",
            "normdocs",
            "the chunked NumPy kernel normdocs uses when SciPy is not installed",
        ),
        Method("np.linalg.norm(x, 1)", lambda x: np.linalg.norm(x, 1), "numpy"),
        Method("np.abs(x).sum()", lambda x: np.abs(x).sum(), "numpy"),
        Method("scipy.linalg.blas.dasum(x)", blas.dasum, "scipy"),
        floor,
    ]
    linf = [
        Method("nd.linf_norm(x)", nd.linf_norm, "normdocs", "normdocs"),
        Method("np.linalg.norm(x, np.inf)", lambda x: np.linalg.norm(x, np.inf), "numpy"),
        Method("np.abs(x).max()", lambda x: np.abs(x).max(), "numpy"),
        Method("np.maximum(x.max(), -x.min())", lambda x: np.maximum(x.max(), -x.min()), "numpy"),
        Method("abs(x[blas.idamax(x)])", lambda x: abs(x[blas.idamax(x)]), "scipy"),
        floor,
    ]
    out = []
    for op, title, methods in (
        ("l1", "L1 norm", l1),
        ("l2", "L2 norm", l2),
        ("linf", "L-infinity norm", linf),
    ):
        out.append(
            Case(
                f"{op}-numpy",
                f"{title}, NumPy float64",
                op,
                "numpy",
                "float64",
                sizes,
                make,
                EXACT[op],
                methods,
                _edges(op, "float64"),
            )
        )
    return out


def torch_norm_cases(sizes: list[int]) -> list[Case]:
    """L1, L2, L-infinity of a float32 tensor: normdocs and the PyTorch ways."""
    import torch

    import normdocs as nd

    def make(n: int) -> Any:
        return torch.from_numpy(np.random.default_rng(n).standard_normal(n).astype(np.float32))

    def aminmax(t: Any) -> Any:
        lo, hi = torch.aminmax(t)
        return torch.maximum(hi, -lo)

    vn = torch.linalg.vector_norm
    cases = {
        "l1": [
            Method("nd.l1_norm(t)", nd.l1_norm, "normdocs", "normdocs"),
            Method("torch.linalg.vector_norm(t, 1)", lambda t: vn(t, 1), "torch"),
            Method("t.abs().sum()", lambda t: t.abs().sum(), "torch"),
        ],
        "l2": [
            Method("nd.l2_norm(t)", nd.l2_norm, "normdocs", "normdocs"),
            Method("torch.linalg.vector_norm(t)", vn, "torch"),
            Method("torch.dot(t, t).sqrt()", lambda t: torch.dot(t, t).sqrt(), "torch"),
        ],
        "linf": [
            Method("nd.linf_norm(t)", nd.linf_norm, "normdocs", "normdocs"),
            Method("torch.linalg.vector_norm(t, inf)", lambda t: vn(t, math.inf), "torch"),
            Method("t.abs().max()", lambda t: t.abs().max(), "torch"),
            Method("torch.aminmax(t), then max(hi, -lo)", aminmax, "torch"),
        ],
    }
    titles = {"l1": "L1 norm", "l2": "L2 norm", "linf": "L-infinity norm"}
    return [
        Case(
            f"{op}-torch",
            f"{titles[op]}, PyTorch float32",
            op,
            "torch",
            "float32",
            sizes,
            make,
            EXACT[op],
            methods,
            _edges(op, "float32"),
        )
        for op, methods in cases.items()
    ]


def resnet18_shapes(width: int = 64) -> list[tuple[int, ...]]:
    """The parameter shapes of torchvision's ResNet-18 (62 tensors, 11.7 M values at 64)."""
    shapes: list[tuple[int, ...]] = [(width, 3, 7, 7), (width,), (width,)]
    cin = width
    for stage in range(4):
        c = width * 2**stage
        for block in range(2):
            shapes += [(c, cin, 3, 3), (c,), (c,), (c, c, 3, 3), (c,), (c,)]
            if block == 0 and stage > 0:
                shapes += [(c, cin, 1, 1), (c,), (c,)]
            cin = c
    return [*shapes, (1000, cin), (1000,)]


def resnet18_widths(widths: list[int]) -> dict[int, int]:
    """``{number of parameters: width}`` of ResNet-18 at each width."""
    return {sum(math.prod(s) for s in resnet18_shapes(w)): w for w in widths}


def penalty_cases(widths: list[int]) -> list[Case]:
    """The L1 and L2 penalties of ResNet-18's parameters at each width, with ``backward``."""
    import torch

    import normdocs as nd

    by_size = resnet18_widths(widths)
    sizes = list(by_size)

    def make(n: int) -> list[Any]:
        g = torch.Generator().manual_seed(0)
        ps = []
        for shape in resnet18_shapes(by_size[n]):
            p = torch.randn(shape, generator=g).mul_(0.05)
            p.view(-1)[::97] = 0.0  # exact zeros: the gradient there must be 0
            ps.append(p.requires_grad_())
        return ps

    def fb(penalty: Callable[[list[Any]], Any]) -> Fn:
        def run(ps: list[Any]) -> Any:
            for p in ps:
                p.grad = None
            value = penalty(ps)
            value.backward()
            return value.detach()

        return run

    def grad_error(expected: Callable[[Any], Any]) -> Callable[[Any, Any], float]:
        def check(ps: list[Any], _: Any) -> float:
            return max(
                float((p.grad - expected(p.detach())).abs().max()) if p.grad is not None else 1.0
                for p in ps
            )

        return check

    vn = torch.linalg.vector_norm
    l1 = [
        Method("nd.l1_penalty(params)", fb(nd.l1_penalty), "normdocs", "normdocs"),
        Method(
            "torch.stack([p.abs().sum() for p in params]).sum()",
            fb(lambda ps: torch.stack([p.abs().sum() for p in ps]).sum()),
            "torch",
        ),
        Method(
            "sum(p.abs().sum() for p in params)",
            fb(lambda ps: sum(p.abs().sum() for p in ps)),
            "torch",
        ),
        Method(
            "torch.stack([vector_norm(p, 1) for p in params]).sum()",
            fb(lambda ps: torch.stack([vn(p, 1) for p in ps]).sum()),
            "torch",
        ),
        Method(
            "torch.stack(torch._foreach_norm(params, 1)).sum()",
            fb(lambda ps: torch.stack(torch._foreach_norm(ps, 1)).sum()),
            "torch",
        ),
        Method(
            "torch.cat([p.flatten() for p in params]).abs().sum()",
            fb(lambda ps: torch.cat([p.flatten() for p in ps]).abs().sum()),
            "torch",
        ),
    ]
    l2 = [
        Method("nd.l2_penalty(params)", fb(nd.l2_penalty), "normdocs", "normdocs"),
        Method(
            "0.5 * torch.stack([(p * p).sum() for p in params]).sum()",
            fb(lambda ps: 0.5 * torch.stack([(p * p).sum() for p in ps]).sum()),
            "torch",
        ),
        Method(
            "0.5 * sum(p.pow(2).sum() for p in params)",
            fb(lambda ps: 0.5 * sum(p.pow(2).sum() for p in ps)),
            "torch",
        ),
        Method(
            "0.5 * torch.stack([vector_norm(p) for p in params]).square().sum()",
            fb(lambda ps: 0.5 * torch.stack([vn(p) for p in ps]).square().sum()),
            "torch",
        ),
        Method(
            "0.5 * torch.stack(torch._foreach_norm(params)).square().sum()",
            fb(lambda ps: 0.5 * torch.stack(torch._foreach_norm(ps, 2)).square().sum()),
            "torch",
        ),
        Method(
            "0.5 * sum(torch.dot(p.flatten(), p.flatten()) for p in params)",
            fb(lambda ps: 0.5 * sum(torch.dot(p.flatten(), p.flatten()) for p in ps)),
            "torch",
        ),
    ]
    return [
        Case(
            "l1-penalty-torch",
            "L1 penalty of ResNet-18's parameters, forward and backward, PyTorch float32",
            "l1-penalty",
            "torch",
            "float32",
            sizes,
            make,
            lambda ps: math.fsum(_fsum_abs(_np(p)) for p in ps),
            l1,
            size_label="parameters",
            timing="forward and backward",
            check=grad_error(torch.sign),
        ),
        Case(
            "l2-penalty-torch",
            "L2 penalty of ResNet-18's parameters, forward and backward, PyTorch float32",
            "l2-penalty",
            "torch",
            "float32",
            sizes,
            make,
            lambda ps: 0.5 * math.fsum(_fsum_sq(_np(p)) for p in ps),
            l2,
            size_label="parameters",
            timing="forward and backward",
            check=grad_error(lambda p: p),
        ),
    ]


def clip_cases(widths: list[int]) -> list[Case]:
    """Gradient clipping over ResNet-18's parameters: the total norm and the rescale.

    ``max_norm`` is above the total norm, so the gradients are multiplied by 1 and every call
    does the same work (both functions always multiply: the coefficient is clamped, not
    tested); the value is the total norm, which both return.
    """
    import torch

    import normdocs as nd

    by_size = resnet18_widths(widths)
    sizes = list(by_size)

    def make(n: int) -> list[Any]:
        g = torch.Generator().manual_seed(0)
        ps = []
        for shape in resnet18_shapes(by_size[n]):
            p = torch.nn.Parameter(torch.zeros(shape))
            p.grad = torch.randn(shape, generator=g).mul_(0.01)
            ps.append(p)
        return ps

    def exact(ps: list[Any]) -> float:
        return math.sqrt(math.fsum(_fsum_sq(_np(p.grad)) for p in ps))

    def unchanged(ps: list[Any], _: Any) -> float:
        """The gradients are as made (multiplied by 1): against a fresh copy of the input."""
        fresh = make(sum(p.numel() for p in ps))
        return max(float((p.grad - q.grad).abs().max()) for p, q in zip(ps, fresh, strict=True))

    big = 1e9
    methods = [
        Method(
            "nd.clip_grad_norm_(params, max_norm)",
            lambda ps: nd.clip_grad_norm_(ps, big),
            "normdocs",
            "normdocs",
        ),
        Method(
            "torch.nn.utils.clip_grad_norm_(params, max_norm, foreach=True)",
            lambda ps: torch.nn.utils.clip_grad_norm_(ps, big, foreach=True),
            "torch",
        ),
        Method(
            "torch.nn.utils.clip_grad_norm_(params, max_norm, foreach=False)",
            lambda ps: torch.nn.utils.clip_grad_norm_(ps, big, foreach=False),
            "torch",
        ),
    ]
    return [
        Case(
            "clip-grad-norm-torch",
            "Gradient clipping over ResNet-18's parameters (total L2 norm and rescale), float32",
            "clip-grad-norm",
            "torch",
            "float32",
            sizes,
            make,
            exact,
            methods,
            size_label="parameters",
            timing="one call",
            check=unchanged,
        )
    ]


def loss_cases(sizes: list[int]) -> list[Case]:
    """MSE, L1 and Huber losses of two float32 vectors, with ``backward``."""
    import torch
    import torch.nn.functional as F

    import normdocs as nd

    def make(n: int) -> tuple[Any, Any]:
        rng = np.random.default_rng(n)
        a = torch.from_numpy(rng.standard_normal(n).astype(np.float32)).requires_grad_()
        return a, torch.from_numpy(rng.standard_normal(n).astype(np.float32))

    def fb(loss: Callable[[Any, Any], Any]) -> Fn:
        def run(ab: tuple[Any, Any]) -> Any:
            a, b = ab
            a.grad = None
            value = loss(a, b)
            value.backward()
            return value.detach()

        return run

    def exact(op: str) -> Callable[[Any], float]:
        def value(ab: tuple[Any, Any]) -> float:
            r = _np(ab[0]) - _np(ab[1])
            if op == "mse":
                e = r * r
            elif op == "l1-loss":
                e = np.abs(r)
            else:
                a = np.abs(r)
                e = np.where(a < 1.0, 0.5 * r * r, a - 0.5)
            return math.fsum(e.tolist()) / r.size

        return value

    out = []
    for op, title, ndf, ff, fname in (
        ("mse", "MSE loss", nd.mse_loss, F.mse_loss, "mse_loss"),
        ("l1-loss", "L1 loss (MAE)", nd.l1_loss, F.l1_loss, "l1_loss"),
        ("huber", "Huber loss", nd.huber_loss, F.huber_loss, "huber_loss"),
    ):
        out.append(
            Case(
                f"{op}-torch",
                f"{title}, forward and backward, PyTorch float32",
                op,
                "torch",
                "float32",
                sizes,
                make,
                exact(op),
                [
                    Method(f"nd.{fname}(input, target)", fb(ndf), "normdocs", "normdocs"),
                    Method(f"F.{fname}(input, target)", fb(ff), "torch"),
                ],
                timing="forward and backward",
            )
        )
    return out


# ---------------------------------------------------------------------------- the suites


@dataclass(frozen=True)
class Sizes:
    """The sizes of a run: of the norms, of the losses, and ResNet-18's widths (penalties)."""

    norms: list[int]
    losses: list[int]
    widths: list[int]
    rounds: int  # timing rounds per size, unless --rounds says otherwise
    sample_s: float  # a fast call is repeated to last this long per sample


FULL = Sizes([10**k for k in range(3, 8)], [10**3, 10**5, 10**7], [16, 64], 25, 2e-3)
QUICK = Sizes([100, 1000], [100, 1000], [4], 3, 2e-4)  # a smoke test: correctness, shape


def numpy_cases(sizes: Sizes) -> list[Case]:
    """The cases that need NumPy and SciPy only."""
    return numpy_norm_cases(sizes.norms)


def torch_cases(sizes: Sizes) -> list[Case]:
    """The PyTorch cases (``ImportError`` without torch)."""
    return (
        torch_norm_cases(sizes.norms)
        + penalty_cases(sizes.widths)
        + clip_cases(sizes.widths)
        + loss_cases(sizes.losses)
    )
