"""Every invalid argument of the contract, in one table.

Each row calls one function with one bad argument and names the exception and the pieces its
message must contain: the argument's name (in backticks), the value given (its repr) and what
is allowed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import array_api_strict as xs
import numpy as np
import pytest
import torch

import normdocs as nd

ALLOWED_INPUT = "numeric array"
ALLOWED_DTYPE = "boolean, integer, floating or complex dtype"

# non-numeric inputs and the message piece that says what is allowed
BAD_INPUTS: list[tuple[str, Any, str]] = [
    ("str", "abc", ALLOWED_INPUT),
    ("None", None, ALLOWED_INPUT),
    ("object", object(), ALLOWED_INPUT),
    ("bytes", b"ab", ALLOWED_INPUT),
    ("dict", {"a": 1.0}, ALLOWED_INPUT),
    ("set", {1.0, 2.0}, ALLOWED_INPUT),
    ("str-array", np.array(["a"]), ALLOWED_DTYPE),
    ("object-array", np.array([None, 1.0], dtype=object), ALLOWED_DTYPE),
]

VECTOR_FUNCTIONS: list[tuple[str, Callable[[Any], Any]]] = [
    ("vector_norm", nd.vector_norm),
    ("l1_norm", nd.l1_norm),
    ("l2_norm", nd.l2_norm),
    ("linf_norm", nd.linf_norm),
    ("l0_norm", nd.l0_norm),
    ("soft_threshold", lambda x: nd.soft_threshold(x, 1.0)),
    ("l21_norm", lambda x: nd.l21_norm(x, axis=None)),
    ("group_soft_threshold", lambda x: nd.group_soft_threshold(x, 1.0, axis=None)),
    ("normalize", lambda x: nd.normalize(x, axis=None)),
    ("project_l1_ball", nd.project_l1_ball),
    ("project_l2_ball", nd.project_l2_ball),
    ("project_linf_ball", nd.project_linf_ball),
]
LOSSES: list[tuple[str, Callable[..., Any]]] = [
    ("mse_loss", nd.mse_loss),
    ("l1_loss", nd.l1_loss),
    ("huber_loss", nd.huber_loss),
    ("smooth_l1_loss", nd.smooth_l1_loss),
]
PENALTIES: list[tuple[str, Callable[[Any], Any]]] = [
    ("l1_penalty", nd.l1_penalty),
    ("l2_penalty", nd.l2_penalty),
    ("elastic_net_penalty", nd.elastic_net_penalty),
    ("regularized_loss", lambda p: nd.regularized_loss(1.0, p, l2=0.1)),
]


def _empty_generator() -> Iterator[np.ndarray]:
    yield from ()


def _cases() -> Iterator[Any]:
    def case(
        id: str, call: Callable[[], Any], exc: type[Exception], *pieces: str
    ) -> Any:  # one row
        return pytest.param(call, exc, pieces, id=id)

    ok = np.zeros(4)

    # --- non-numeric input: TypeError from every function, for every argument ---
    for kind, bad, allowed in BAD_INPUTS:
        shown = repr(bad) if kind != "set" else "{"  # a set's order is not fixed
        for fname, f in VECTOR_FUNCTIONS:
            yield case(f"{fname}-{kind}", lambda f=f, b=bad: f(b), TypeError, "`x`", shown, allowed)
        yield case(
            f"matrix_norm-{kind}", lambda b=bad: nd.matrix_norm(b), TypeError, "`A`", shown, allowed
        )
        for lname, loss in LOSSES:
            yield case(
                f"{lname}-input-{kind}",
                lambda f=loss, b=bad: f(b, ok),
                TypeError,
                "`input`",
                shown,
                allowed,
            )
            yield case(
                f"{lname}-target-{kind}",
                lambda f=loss, b=bad: f(ok, b),
                TypeError,
                "`target`",
                shown,
                allowed,
            )
        if kind not in ("dict", "set"):  # those are iterables of (non-numeric) parameters
            for pname, pen in PENALTIES:
                yield case(
                    f"{pname}-{kind}",
                    lambda f=pen, b=bad: f(b),
                    TypeError,
                    "`params`",
                    shown,
                    allowed,
                )
        for pname, pen in PENALTIES:
            yield case(
                f"{pname}-second-param-{kind}",
                lambda f=pen, b=bad: f([np.ones(2), b]),
                TypeError,
                "`params[1]`",
                shown,
                allowed,
            )
        yield case(
            f"regularized_loss-data_loss-{kind}",
            lambda b=bad: nd.regularized_loss(b, [1.0], l2=0.1),
            TypeError,
            "`data_loss`",
            shown,
            allowed,
        )
    yield case(
        "vector_norm-ragged-list",
        lambda: nd.l2_norm([[1.0, 2.0], [3.0]]),
        TypeError,
        "`x`",
        "ragged",
    )
    yield case(
        "vector_norm-mixed-list", lambda: nd.l2_norm([1.0, "a"]), TypeError, "`x`", ALLOWED_DTYPE
    )

    # --- ord of a vector norm ---
    for o in [0.5, -1, -2.0, math.nan, -math.inf, "fro", "nuc", "2", None, True, 1j]:
        for lib, x in [("numpy", ok), ("torch", torch.zeros(3))]:
            yield case(
                f"vector_norm-ord-{o!r}-{lib}",
                lambda o=o, x=x: nd.vector_norm(x, o),
                ValueError,
                "`ord`",
                f"got {o!r}",
                "0, a real number p >= 1, or math.inf",
            )

    # --- ord of a matrix norm, and a matrix norm of fewer than 2 dimensions ---
    for o in [3, 0, -1, -2, 2.5, math.nan, -math.inf, "x", "Fro", "f", None, True]:
        yield case(
            f"matrix_norm-ord-{o!r}",
            lambda o=o: nd.matrix_norm(np.eye(2), o),
            ValueError,
            "`ord`",
            f"got {o!r}",
            "'fro', 'nuc', 1, 2 or math.inf",
        )
    for lib, a, ndim, shape in [
        ("numpy-1d", np.ones(3), 1, "(3,)"),
        ("list-1d", [1.0, 2.0], 1, "(2,)"),
        ("scalar", 3.0, 0, "()"),
        ("torch-1d", torch.ones(5), 1, "(5,)"),
        ("array_api_strict-1d", xs.ones(2), 1, "(2,)"),
    ]:
        yield case(
            f"matrix_norm-{lib}",
            lambda a=a: nd.matrix_norm(a),
            ValueError,
            "`A`",
            f"ndim={ndim}",
            shape,
            "at least 2 dimensions",
        )

    # --- axis ---
    a23 = np.ones((2, 3))
    yield case(
        "axis-out-of-range",
        lambda: nd.l2_norm(a23, axis=2),
        ValueError,
        "`axis`",
        "2",
        "-2 .. 1",
    )
    yield case(
        "axis-out-of-range-negative",
        lambda: nd.l2_norm(torch.ones(2, 3), axis=-3),
        ValueError,
        "`axis`",
        "-3",
        "-2 .. 1",
    )
    yield case(
        "axis-on-a-scalar", lambda: nd.l2_norm(3.0, axis=0), ValueError, "`axis`", "0", "axis=None"
    )
    yield case(
        "axis-repeated",
        lambda: nd.l2_norm(a23, axis=(0, -2)),
        ValueError,
        "`axis`",
        "(0, -2)",
        "repeat",
    )
    for bad_axis in [1.0, [0], "0", (0, 1.0), True]:
        yield case(
            f"axis-type-{bad_axis!r}",
            lambda b=bad_axis: nd.l2_norm(a23, axis=b),
            TypeError,
            "`axis`",
            f"got {bad_axis!r}",
            "None, an int or a tuple of ints",
        )

    # --- delta, threshold, l1, l2, l1_ratio ---
    for d in [-1, -0.5, 0, 0.0, math.nan, math.inf, "1", None]:
        yield case(
            f"huber_loss-delta-{d!r}",
            lambda d=d: nd.huber_loss(ok, ok, delta=d),
            ValueError,
            "`delta`",
            f"got {d!r}",
            "a finite real number > 0",
        )
    for t in [-1, -0.5, -1e-300, math.nan, math.inf, -math.inf, "0.5", None]:
        yield case(
            f"soft_threshold-threshold-{t!r}",
            lambda t=t: nd.soft_threshold(ok, t),
            ValueError,
            "`threshold`",
            f"got {t!r}",
            "a finite real number >= 0",
        )
    for arg in ["l1", "l2"]:
        for v in [-1, -0.1, math.nan, math.inf, "0.1", None]:
            yield case(
                f"regularized_loss-{arg}-{v!r}",
                lambda arg=arg, v=v: nd.regularized_loss(1.0, [1.0], **{arg: v}),
                ValueError,
                f"`{arg}`",
                f"got {v!r}",
                "a finite real number >= 0",
            )
    for r in [-0.1, 1.5, -1, 2, math.nan, math.inf, "0.5", None]:
        yield case(
            f"elastic_net_penalty-l1_ratio-{r!r}",
            lambda r=r: nd.elastic_net_penalty([1.0], l1_ratio=r),
            ValueError,
            "`l1_ratio`",
            f"got {r!r}",
            "in [0, 1]",
        )

    # --- losses: reduction, shapes, libraries, empty mean ---
    for lname, loss in LOSSES:
        for red in ["avg", "MEAN", "batchmean", "", None, 0]:
            yield case(
                f"{lname}-reduction-{red!r}",
                lambda f=loss, red=red: f(ok, ok, reduction=red),
                ValueError,
                "`reduction`",
                f"got {red!r}",
                "'mean', 'sum' or 'none'",
            )
        for lib, make in [
            ("numpy", np.zeros),
            ("torch", torch.zeros),
            ("array_api_strict", lambda s: xs.zeros(s)),
        ]:
            for red in ["mean", "sum", "none"]:
                yield case(
                    f"{lname}-shape-N1-vs-N-{lib}-{red}",
                    lambda f=loss, m=make, red=red: f(m((4, 1)), m((4,)), reduction=red),
                    ValueError,
                    "`input`",
                    "`target`",
                    "(4, 1) and (4,)",
                    "same shape",
                )
            yield case(
                f"{lname}-shape-N-vs-N1-{lib}",
                lambda f=loss, m=make: f(m((4,)), m((4, 1))),
                ValueError,
                "(4,) and (4, 1)",
                "same shape",
            )
        yield case(
            f"{lname}-shape-list-vs-array",
            lambda f=loss: f([[1.0], [2.0]], np.zeros(2)),
            ValueError,
            "(2, 1) and (2,)",
            "same shape",
        )
        yield case(
            f"{lname}-numpy-and-torch",
            lambda f=loss: f(np.zeros(3), torch.zeros(3)),
            TypeError,
            "`input`",
            "`target`",
            "numpy.ndarray and torch.Tensor",
            "same array library",
        )
        yield case(
            f"{lname}-torch-and-numpy",
            lambda f=loss: f(torch.zeros(3), np.zeros(3)),
            TypeError,
            "torch.Tensor and numpy.ndarray",
            "same array library",
        )
        yield case(
            f"{lname}-numpy-and-array_api_strict",
            lambda f=loss: f(np.zeros(3), xs.zeros(3)),
            TypeError,
            "numpy.ndarray and array_api_strict",
            "same array library",
        )
        yield case(
            f"{lname}-mean-of-empty",
            lambda f=loss: f(np.zeros(0), np.zeros(0)),
            ValueError,
            "reduction='mean'",
            "empty `input`",
            "'sum'",
        )

    # --- penalties: empty parameters, mixed libraries ---
    for pname, pen in PENALTIES:
        for kind, empty in [
            ("list", lambda: []),
            ("tuple", lambda: ()),
            ("generator", _empty_generator),
            ("module", lambda: torch.nn.ReLU()),
        ]:
            yield case(
                f"{pname}-empty-{kind}",
                lambda f=pen, e=empty: f(e()),
                ValueError,
                "`params`",
                "empty",
                "at least one array",
            )
        yield case(
            f"{pname}-numpy-and-torch",
            lambda f=pen: f([torch.ones(2), np.ones(2)]),
            TypeError,
            "`params[0]`",
            "`params[1]`",
            "torch.Tensor and numpy.ndarray",
            "same array library",
        )
    yield case(
        "regularized_loss-data_loss-numpy-params-torch",
        lambda: nd.regularized_loss(np.array(1.0), [torch.ones(2)], l2=0.1),
        TypeError,
        "`data_loss`",
        "`params`",
        "same array library",
    )


def _new_cases() -> Iterator[Any]:
    """The arguments of the functions of issue 11."""

    def case(id: str, call: Callable[[], Any], exc: type[Exception], *pieces: str) -> Any:
        return pytest.param(call, exc, pieces, id=id)

    ok = np.ones((2, 3))
    for kind, bad, allowed in BAD_INPUTS:
        shown = repr(bad) if kind != "set" else "{"
        yield case(
            f"cosine_similarity-x1-{kind}",
            lambda b=bad: nd.cosine_similarity(b, [1.0]),
            TypeError,
            "`x1`",
            shown,
            allowed,
        )
        yield case(
            f"cosine_similarity-x2-{kind}",
            lambda b=bad: nd.cosine_similarity([1.0], b),
            TypeError,
            "`x2`",
            shown,
            allowed,
        )

    # --- ord of a true norm: 0 is not one ---
    norm_ord_functions: list[tuple[str, Callable[[Any], Any]]] = [
        ("normalize", lambda o: nd.normalize(ok, o)),
        ("max_norm_", lambda o: nd.max_norm_(ok.copy(), 1.0, ord=o)),
        ("clip_grad_norm_", lambda o: nd.clip_grad_norm_(torch.zeros(2), 1.0, ord=o)),
    ]
    for fname, f in norm_ord_functions:
        for o in [0.5, -1, math.nan, -math.inf, "fro", "inf", None, True, 1j]:
            yield case(
                f"{fname}-ord-{o!r}",
                lambda f=f, o=o: f(o),
                ValueError,
                "`ord`",
                f"got {o!r}",
                "a real number p >= 1 or math.inf",
            )
        yield case(f"{fname}-ord-0", lambda f=f: f(0), ValueError, "`ord`", "got 0", "not a norm")

    # --- finite numbers >= 0 ---
    nonnegative: list[tuple[str, str, Callable[[Any], Any]]] = [
        ("normalize", "eps", lambda v: nd.normalize(ok, eps=v)),
        ("cosine_similarity", "eps", lambda v: nd.cosine_similarity(ok, ok, eps=v)),
        ("smooth_l1_loss", "beta", lambda v: nd.smooth_l1_loss(ok, ok, beta=v)),
        ("group_soft_threshold", "threshold", lambda v: nd.group_soft_threshold(ok, v)),
        ("project_l1_ball", "radius", lambda v: nd.project_l1_ball(ok, v)),
        ("project_l2_ball", "radius", lambda v: nd.project_l2_ball(ok, v)),
        ("project_linf_ball", "radius", lambda v: nd.project_linf_ball(ok, v)),
        ("max_norm_", "max_norm", lambda v: nd.max_norm_(ok.copy(), v)),
    ]
    for fname, arg, f in nonnegative:
        for v in [-1, -1e-300, math.nan, math.inf, "1", None]:
            yield case(
                f"{fname}-{arg}-{v!r}",
                lambda f=f, v=v: f(v),
                ValueError,
                f"`{arg}`",
                f"got {v!r}",
                "a finite real number >= 0",
            )
    for v in [-1, -0.5, math.nan, -math.inf, "1.0", None, True]:
        yield case(
            f"clip_grad_norm_-max_norm-{v!r}",
            lambda v=v: nd.clip_grad_norm_(torch.zeros(2), v),
            ValueError,
            "`max_norm`",
            f"got {v!r}",
            "a real number >= 0",
        )

    # --- axis of the new functions ---
    for fname, f in [
        ("l21_norm", lambda a: nd.l21_norm(ok, axis=a)),
        ("normalize", lambda a: nd.normalize(ok, axis=a)),
        ("group_soft_threshold", lambda a: nd.group_soft_threshold(ok, 1.0, axis=a)),
        ("project_l1_ball", lambda a: nd.project_l1_ball(ok, axis=a)),
        ("max_norm_", lambda a: nd.max_norm_(ok.copy(), 1.0, axis=a)),
    ]:
        yield case(f"{fname}-axis-2", lambda f=f: f(2), ValueError, "`axis`", "2", "-2 .. 1")
        yield case(f"{fname}-axis-1.0", lambda f=f: f(1.0), TypeError, "`axis`", "got 1.0")
    yield case(
        "cosine_similarity-axis-tuple",
        lambda: nd.cosine_similarity(ok, ok, axis=(0, 1)),  # type: ignore[arg-type]
        TypeError,
        "`axis`",
        "(0, 1)",
        "an int",
    )
    yield case(
        "cosine_similarity-axis-out-of-range",
        lambda: nd.cosine_similarity(ok, ok[:1], axis=2),
        ValueError,
        "`axis`",
        "-2 .. 1",
    )

    # --- cosine_similarity: shapes, libraries, complex ---
    yield case(
        "cosine_similarity-shapes",
        lambda: nd.cosine_similarity(np.ones((2, 3)), np.ones((4, 3))),
        ValueError,
        "`x1`",
        "`x2`",
        "(2, 3) and (4, 3)",
        "broadcast",
    )
    yield case(
        "cosine_similarity-shapes-torch",
        lambda: nd.cosine_similarity(torch.ones(2, 3), torch.ones(4, 3)),
        ValueError,
        "(2, 3) and (4, 3)",
        "broadcast",
    )
    yield case(
        "cosine_similarity-numpy-and-torch",
        lambda: nd.cosine_similarity(np.ones(3), torch.ones(3)),
        TypeError,
        "`x1`",
        "`x2`",
        "same array library",
    )
    yield case(
        "cosine_similarity-complex",
        lambda: nd.cosine_similarity(np.ones(3), np.ones(3) * 1j),
        TypeError,
        "`x2`",
        "complex128",
        "must be real",
    )

    # --- clip_grad_norm_: parameters, flags ---
    for kind, bad in [
        ("numpy", np.ones(3)),
        ("numpy-scalar", np.float64(1.0)),
        ("array_api_strict", xs.ones(3)),
        ("float", 1.0),
        ("None", None),
        ("str", "weights"),
    ]:
        yield case(
            f"clip_grad_norm_-parameters-{kind}",
            lambda b=bad: nd.clip_grad_norm_(b, 1.0),
            TypeError,
            "`parameters`",
            "torch tensor",
            "no .grad",
        )
    yield case(
        "clip_grad_norm_-list-of-numpy",
        lambda: nd.clip_grad_norm_([torch.zeros(2), np.ones(2)], 1.0),
        TypeError,
        "`parameters[1]`",
        "numpy.ndarray",
        "must be a torch tensor",
    )
    for v in [1, "yes", None]:
        yield case(
            f"clip_grad_norm_-error_if_nonfinite-{v!r}",
            lambda v=v: nd.clip_grad_norm_(torch.zeros(2), 1.0, error_if_nonfinite=v),
            TypeError,
            "`error_if_nonfinite`",
            f"got {v!r}",
            "True or False",
        )
    for v in [1, "auto"]:
        yield case(
            f"clip_grad_norm_-foreach-{v!r}",
            lambda v=v: nd.clip_grad_norm_(torch.zeros(2), 1.0, foreach=v),
            TypeError,
            "`foreach`",
            f"got {v!r}",
            "None, True or False",
        )

    # --- max_norm_: weight ---
    read_only = np.ones(3)
    read_only.flags.writeable = False
    for kind, bad, exc, pieces in [
        ("list", [1.0, 2.0], TypeError, ("NumPy array or a torch tensor", "in place", "list")),
        ("float", 1.0, TypeError, ("NumPy array or a torch tensor", "in place", "float")),
        ("array_api_strict", xs.ones(3), TypeError, ("NumPy array or a torch tensor", "in place")),
        ("int-array", np.arange(3), TypeError, ("floating", "int64")),
        ("int-tensor", torch.arange(3), TypeError, ("floating", "torch.int64")),
        ("read-only", read_only, ValueError, ("read-only",)),
    ]:
        yield case(
            f"max_norm_-weight-{kind}",
            lambda b=bad: nd.max_norm_(b, 1.0),
            exc,
            "`weight`",
            *pieces,
        )


def _all_of(pieces: tuple[str, ...]) -> str:
    """A regex that matches a message containing every piece, in any order."""
    return "".join(f"(?=[\\s\\S]*{re.escape(p)})" for p in pieces)


@pytest.mark.parametrize(("call", "exc", "pieces"), [*_cases(), *_new_cases()])
def test_bad_input_raises_a_clear_error(
    call: Callable[[], Any], exc: type[Exception], pieces: tuple[str, ...]
) -> None:
    with pytest.raises(exc, match=_all_of(pieces)) as info:
        call()
    assert type(info.value) is exc  # not a subclass (e.g. a library's own error)
    assert len(str(info.value)) < 600  # a message, not a dump
