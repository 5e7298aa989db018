"""Hypothesis property tests: the norm axioms and the classic norm inequalities."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import normdocs as nd

SETTINGS = settings(deadline=None, max_examples=40, database=None)
REL = 1e-12  # float64 rounding slack, relative
TINY = 1e-320  # and absolute: a result in the subnormal range is rounded to steps of 5e-324


def le(a: float, b: float) -> bool:
    """``a <= b`` up to rounding."""
    return a <= b * (1 + REL) + TINY


NORM_ORDS = [1, 2, 3, math.inf]

# name -> (NumPy float64 array -> that library's array, result -> Python float)
LIBS: dict[str, tuple[Callable[[np.ndarray], Any], Callable[[Any], float]]] = {
    "numpy": (lambda a: a, float),
    "torch": (torch.from_numpy, lambda r: float(r.item())),
}


def _flush_tiny(v: float) -> float:
    """Zero out |v| < 1e-150 so that products stay in the normal range (exact homogeneity)."""
    return 0.0 if abs(v) < 1e-150 else v


# any finite float in [-1e6, 1e6], subnormals included
ELEMENT = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
NORMAL_ELEMENT = ELEMENT.map(_flush_tiny)
SHAPES = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=6)


def vectors(elements: st.SearchStrategy[float] = ELEMENT) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(np.float64, SHAPES, elements=elements)


@st.composite
def vector_pairs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    shape = draw(SHAPES)
    x = draw(hnp.arrays(np.float64, shape, elements=ELEMENT))
    y = draw(hnp.arrays(np.float64, shape, elements=ELEMENT))
    return x, y


SCALARS = st.floats(-1e3, 1e3, allow_nan=False).map(lambda c: 0.0 if abs(c) < 1e-3 else c)


@pytest.mark.parametrize("lib", list(LIBS))
@pytest.mark.parametrize("ord", NORM_ORDS)
@SETTINGS
@given(x=vectors())
@example(x=np.array([5e-324]))  # the smallest subnormal: its norm must not underflow to 0
@example(x=np.array([[0.0, -0.0], [0.0, 0.0]]))
@example(x=np.array([1e-160, -1e-160, 0.0]))  # squares underflow
def test_nonnegative_and_definite(lib: str, ord: float, x: np.ndarray) -> None:
    conv, val = LIBS[lib]
    n = val(nd.vector_norm(conv(x), ord))
    assert n >= 0
    assert math.isfinite(n)
    # definiteness: zero exactly when every entry is zero (subnormal entries included)
    assert (n == 0) == bool(np.all(x == 0))
    assert val(nd.vector_norm(conv(np.zeros_like(x)), ord)) == 0


@pytest.mark.parametrize("lib", list(LIBS))
@pytest.mark.parametrize("ord", NORM_ORDS)
@SETTINGS
@given(x=vectors(NORMAL_ELEMENT), c=SCALARS)
def test_absolute_homogeneity(lib: str, ord: float, x: np.ndarray, c: float) -> None:
    conv, val = LIBS[lib]
    lhs = val(nd.vector_norm(conv(c * x), ord))
    rhs = abs(c) * val(nd.vector_norm(conv(x), ord))
    assert lhs == pytest.approx(rhs, rel=REL, abs=0)


@pytest.mark.parametrize("lib", list(LIBS))
@pytest.mark.parametrize("ord", NORM_ORDS)
@SETTINGS
@given(xy=vector_pairs())
def test_triangle_inequality(lib: str, ord: float, xy: tuple[np.ndarray, np.ndarray]) -> None:
    conv, val = LIBS[lib]
    x, y = xy
    lhs = val(nd.vector_norm(conv(x + y), ord))
    rhs = val(nd.vector_norm(conv(x), ord)) + val(nd.vector_norm(conv(y), ord))
    assert le(lhs, rhs)


@pytest.mark.parametrize("lib", list(LIBS))
@SETTINGS
@given(x=vectors())
@example(x=np.array([5e-324, 5e-324]))  # l2 rounds to one subnormal step
@example(x=np.array([1e6, 1e6, 1e6, 1e6]))  # l1 == sqrt(n) l2 exactly
def test_norm_inequalities(lib: str, x: np.ndarray) -> None:
    """||x||_inf <= ||x||_2 <= ||x||_1 <= sqrt(n) ||x||_2, and ||x||_p decreases with p."""
    conv, val = LIBS[lib]
    a = conv(x)
    linf, l2, l1 = (val(f(a)) for f in (nd.linf_norm, nd.l2_norm, nd.l1_norm))
    l3, l45 = val(nd.vector_norm(a, 3)), val(nd.vector_norm(a, 4.5))
    assert le(linf, l2)
    assert le(l2, l1)
    assert le(l1, math.sqrt(x.size) * l2)
    assert le(linf, l45)
    assert le(l45, l3)
    assert le(l3, l2)


@pytest.mark.parametrize("lib", list(LIBS))
@pytest.mark.parametrize("ord", [0, 1, 2, 3, 4.5, math.inf])
@SETTINGS
@given(
    x=hnp.arrays(
        np.float64,
        SHAPES,
        elements=st.floats(allow_nan=False, allow_infinity=False, width=64),
    )
)
def test_agrees_with_scaled_numpy_over_the_whole_range(lib: str, ord: float, x: np.ndarray) -> None:
    """Any finite input, 1e-308 to 1e308: the result is NumPy's norm of x / m, times m."""
    conv, val = LIBS[lib]
    m = float(np.max(np.abs(x)))
    if ord == 0 or m == 0:
        expected = float(np.linalg.vector_norm(x, ord=ord))
    else:
        with np.errstate(over="ignore"):
            expected = m * float(np.linalg.vector_norm(x / m, ord=ord))
    with np.errstate(over="ignore"):  # a true value beyond 1.8e308 overflows, with a warning
        got = val(nd.vector_norm(conv(x), ord))
    if math.isinf(expected):
        assert math.isinf(got)
    else:
        # results in the subnormal range are rounded to multiples of 5e-324
        assert got == pytest.approx(expected, rel=1e-13, abs=TINY)


@SETTINGS
@given(
    a=hnp.arrays(
        np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=NORMAL_ELEMENT
    ),
)
def test_matrix_norm_relations(a: np.ndarray) -> None:
    """||A||_2 <= ||A||_F <= ||A||_*  and  ||A||_F <= sqrt(rank) ||A||_2;  max |a_ij| <= each."""
    two, fro, nuc = (float(nd.matrix_norm(a, o)) for o in (2, "fro", "nuc"))
    one, inf = float(nd.matrix_norm(a, 1)), float(nd.matrix_norm(a, math.inf))
    slack = 1 + 1e-10
    assert two <= fro * slack
    assert fro <= nuc * slack
    rank = min(a.shape)
    assert fro <= math.sqrt(rank) * two * slack
    assert two <= math.sqrt(one * inf) * slack  # ||A||_2^2 <= ||A||_1 ||A||_inf
    biggest = float(np.max(np.abs(a)))
    for v in (two, fro, nuc, one, inf):
        assert biggest <= v * slack


@SETTINGS
@given(xy=vector_pairs(), t=st.floats(0, 10))
def test_soft_threshold_is_nonexpansive(xy: tuple[np.ndarray, np.ndarray], t: float) -> None:
    """A proximal operator is firmly nonexpansive, so |S(x) - S(y)| <= |x - y| entrywise."""
    x, y = xy
    sx, sy = nd.soft_threshold(x, t), nd.soft_threshold(y, t)
    # |x| - t is rounded to the spacing of |x|: allow two such roundings
    rounding = 2 * np.spacing(np.maximum(np.abs(x), np.abs(y)))
    assert np.all(np.abs(sx - sy) <= np.abs(x - y) * (1 + REL) + rounding)
    assert np.all(np.abs(sx) <= np.abs(x))
    assert np.all((sx == 0) | (np.sign(sx) == np.sign(x)))


# --------------------------------------------------------------------------------------------
# projections onto norm balls, and group soft-thresholding as the prox of t * l21_norm
# --------------------------------------------------------------------------------------------

PROJECTIONS = {
    1: nd.project_l1_ball,
    2: nd.project_l2_ball,
    math.inf: nd.project_linf_ball,
}
RADII = st.floats(0.0, 1e3, allow_nan=False)
TO_NUMPY: dict[str, Callable[[Any], np.ndarray]] = {
    "numpy": np.asarray,
    "torch": lambda r: r.numpy(),
}


def _slack(*arrays: np.ndarray) -> float:
    """Absolute rounding slack for values of the size of ``arrays``."""
    return 1e-12 * max([1.0, *(float(np.max(np.abs(a), initial=0.0)) for a in arrays)])


@pytest.mark.parametrize("lib", list(LIBS))
@pytest.mark.parametrize("ord", list(PROJECTIONS))
@SETTINGS
@given(x=vectors(NORMAL_ELEMENT), r=RADII)
@example(x=np.array([1.0, 1.0, 1.0]), r=1.0)  # ties
@example(x=np.array([0.0, 0.0]), r=0.0)
def test_projection_is_in_the_ball_and_idempotent(
    lib: str, ord: float, x: np.ndarray, r: float
) -> None:
    conv, _ = LIBS[lib]
    project = PROJECTIONS[ord]
    p = TO_NUMPY[lib](project(conv(x), r))
    assert float(np.linalg.norm(p.ravel(), ord)) <= r + _slack(x, p)  # rounding of x-sized values
    again = TO_NUMPY[lib](project(conv(p), r))
    np.testing.assert_allclose(again, p, rtol=1e-12, atol=_slack(x, p))
    if float(np.linalg.norm(x.ravel(), ord)) <= r:  # points of the ball stay where they are
        np.testing.assert_allclose(p, x, rtol=1e-12, atol=_slack(x))


@pytest.mark.parametrize("lib", list(LIBS))
@pytest.mark.parametrize("ord", list(PROJECTIONS))
@SETTINGS
@given(xy=vector_pairs(), r=RADII)
def test_projection_is_nonexpansive(
    lib: str, ord: float, xy: tuple[np.ndarray, np.ndarray], r: float
) -> None:
    """||P(x) - P(y)||_2 <= ||x - y||_2, and P(x) is at least as close to x as any z in
    the ball (here: P(y))."""
    conv, _ = LIBS[lib]
    x, y = xy
    project = PROJECTIONS[ord]
    px, py = (TO_NUMPY[lib](project(conv(v), r)) for v in (x, y))
    assert le(float(np.linalg.norm(px - py)), float(np.linalg.norm(x - y)) + _slack(x, y))
    assert le(float(np.linalg.norm(x - px)), float(np.linalg.norm(x - py)) + _slack(x, y))


@pytest.mark.parametrize("lib", list(LIBS))
@SETTINGS
@given(
    x=hnp.arrays(
        np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=5), elements=NORMAL_ELEMENT
    ),
    t=st.floats(0.0, 1e3, allow_nan=False),
)
@example(x=np.array([[3.0, 4.0], [0.0, 0.0]]), t=5.0)  # a group exactly on the threshold
def test_group_soft_threshold_is_the_prox_of_l21(lib: str, x: np.ndarray, t: float) -> None:
    """Optimality of 0.5 ||z - x||^2 + t ||z||_{2,1} at z = prox: for every group (row),
    x_g - z_g = t z_g / ||z_g|| where z_g != 0, and ||x_g|| <= t where z_g = 0."""
    conv, _ = LIBS[lib]
    z = TO_NUMPY[lib](nd.group_soft_threshold(conv(x), t))
    tol = _slack(x) + 1e-12 * t
    for xg, zg in zip(x, z, strict=True):
        nz = float(np.linalg.norm(zg))
        if nz == 0:
            assert float(np.linalg.norm(xg)) <= t * (1 + 1e-12) + tol
        else:
            np.testing.assert_allclose(xg - zg, t * zg / nz, rtol=1e-9, atol=tol)
