r"""Settings a user can change for a block of code: :func:`options`.

Each setting is a :class:`contextvars.ContextVar`: a ``with options(...)`` block changes
it for the thread (or asyncio task) that runs the block only, and restores it on exit,
also when the block raises. The kernels read the settings with ``SETTING.get()``.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from normdocs._validation import check_bool

# True: the NumPy L1 kernel may use SciPy's BLAS ``dasum`` (when SciPy is installed)
SCIPY_BLAS: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "normdocs.options.scipy_blas", default=True
)


@contextlib.contextmanager
def options(*, scipy_blas: bool = True) -> Iterator[None]:
    r"""Change how normdocs computes inside a `with` block (the values stay the same).

    The settings apply to the thread (or asyncio task) that runs the block, and
    are restored when the block ends, also when it raises. Other threads keep
    the defaults.

    Args:
        scipy_blas: whether the L1 norm of a large contiguous NumPy float64 array
            may use SciPy's BLAS `dasum` (one pass over the array) when SciPy is
            installed. `False` uses normdocs' own chunked NumPy kernel, the one
            that runs without SciPy: to compare the two, or to keep BLAS out.

    Raises:
        TypeError: `scipy_blas` is not `True` or `False`.

    Examples:
        >>> import numpy as np
        >>> import normdocs as nd
        >>> x = np.linspace(-1.0, 1.0, 100_001)
        >>> with nd.options(scipy_blas=False):  # normdocs' chunked NumPy sum
        ...     print(round(float(nd.l1_norm(x)), 6))
        50001.0
        >>> print(round(float(nd.l1_norm(x)), 6))  # SciPy's dasum again, when installed
        50001.0
    """
    token = SCIPY_BLAS.set(check_bool(scipy_blas, "scipy_blas"))
    try:
        yield
    finally:
        SCIPY_BLAS.reset(token)
