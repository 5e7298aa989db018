"""The benchmark's JSON document (``docs/performance/bench.json``), written once as types.

:mod:`normdocs_site.bench.cli` writes a :class:`BenchDocument`; the Performance hook
(:mod:`normdocs_site.hooks.performance`) and the figure script
(``scripts/figures/norm-speed.py``) read it with :func:`load`, which checks the ``schema``
version and the shape of every key against these types, and compare two methods with the
one :func:`paired_ratio`.

A change of the shape bumps :data:`SCHEMA`; :func:`load` then rejects an older file, with
a message that says how to re-measure it.

Keys that are not always there are in the ``total=False`` half of a type: a floor (not a
norm) has no ``rel_error`` or ``agrees``; only the gradient cases have ``grad_error``;
``site`` is there after a ``--site`` run, ``merged`` after a ``--merge`` run.
"""

from __future__ import annotations

import json
import statistics
import types
import typing
from pathlib import Path
from typing import Any, Literal, TypedDict, Union

SCHEMA = 1  # the version of the shape below

Role = Literal["normdocs", "alternative", "floor"]  # floor: one read of x, not the same quantity


# ---------------------------------------------------------------------------- the machine


class ThreadPool(TypedDict):
    """One thread pool, as ``threadpoolctl.threadpool_info()`` reports it."""

    user_api: str | None  # blas, openmp
    internal_api: str | None  # openblas, mkl, openmp
    num_threads: int | None
    version: str | None


class _Machine(TypedDict):
    date: str  # YYYY-MM-DD, UTC
    platform: str
    machine: str
    cpu: str
    cores: int | None
    python: str
    numpy: str
    load_average_before: list[float]  # 1, 5 and 15 minutes
    load_average_after: list[float]


class Machine(_Machine, total=False):
    """Where and with what the run was made."""

    memory_gb: float
    scipy: str
    torch: str
    torch_threads: int
    threadpools: list[ThreadPool]


# ---------------------------------------------------------------------------- the cases


class EdgeInput(TypedDict):
    """An input on which a method must give ``expected`` exactly to count as correct."""

    name: str  # overflow, underflow, nan, inf, nan-first, ...
    values: list[str]  # repr() of each float
    expected: str  # repr() of the exact value


class EdgeOutcome(TypedDict):
    """What one method gave on one edge input."""

    ok: bool
    got: str  # repr() of the value, or "raises ValueError"


class _SizeResult(TypedDict):
    n: int
    median_s: float  # per call, the median over the rounds
    min_s: float
    q1_s: float
    q3_s: float
    calls_per_sample: int
    rounds: int
    samples_s: list[float]  # one per round, in round order (4 significant digits)


class Agreement(TypedDict, total=False):
    """A method's result against the exact reference (none for a floor: not a norm)."""

    grad_error: float  # largest error of a gradient (forward-and-backward cases)
    rel_error: float  # of the value
    agrees: bool  # within the case's tolerance (grad_error included)


class SizeResult(_SizeResult, Agreement):
    """One method at one size: its times, and its :class:`Agreement`."""


class MethodResult(TypedDict):
    """One way of computing a case's quantity, and what it gave."""

    name: str  # the code a reader would write, e.g. "np.linalg.norm(x, 1)"
    library: str  # normdocs, numpy, scipy, torch
    role: Role
    note: str
    edge_cases: dict[str, EdgeOutcome]  # by EdgeInput.name; empty for a floor
    correct: bool  # right on every edge input (never for a floor)
    results: list[SizeResult]  # one per size of the case, in its order


class CaseResult(TypedDict):
    """One quantity on one library and dtype, measured at several sizes."""

    id: str  # e.g. "l1-numpy": what the page's markers name
    title: str
    operation: str  # l1 | l2 | linf | l1-penalty | l2-penalty | mse | l1-loss | huber
    library: str  # numpy | torch
    dtype: str
    size_label: str  # what n counts: elements, parameters
    timing: str  # "one call", "forward and backward"
    sizes: list[int]  # increasing
    tolerance: float  # of "agrees"
    edge_inputs: list[EdgeInput]
    methods: list[MethodResult]


class TargetResult(TypedDict):
    """A target of the issue ("at most 1.1x np.linalg.norm") and the measured ratio."""

    id: str
    text: str
    case: str  # a CaseResult.id
    n: int
    method: str
    baseline: str  # the fastest of the methods the target is measured against
    max_ratio: float
    ratio: float  # paired_ratio(method, baseline): what "met" is about
    ratio_best: float  # of the two min_s
    met: bool


# ---------------------------------------------------------------------------- the site


class BuildTiming(TypedDict):
    """One clean strict build."""

    seconds: float
    peak_rss_mb: float  # the largest resident set of one process of the build


class Rebuild(TypedDict):
    seconds: float  # from the save (or the start) to the browsers' reload
    reported_seconds: float  # what MkDocs printed ("Documentation built in ...")


class ServeTiming(TypedDict):
    """``mkdocs serve``: the first build and the rebuilds after a save of a page."""

    first_build: Rebuild
    rebuilds: list[Rebuild]
    rebuild_median_s: float
    touched: str  # the page saved, relative to the repository
    note: str


class SiteTiming(TypedDict):
    """The site's own cost (``--site``)."""

    command: str
    builds: list[BuildTiming]
    build_median_s: float
    peak_rss_mb: float
    peak_rss_note: str
    serve: ServeTiming


# ---------------------------------------------------------------------------- at scale


class OutOfCore(TypedDict):
    """``nd.l2_norm`` of a Dask array larger than memory (:mod:`~normdocs_site.bench.scale`)."""

    array_bytes: int
    chunk_bytes: int
    chunks: int
    dtype: str
    workers: int  # threads of Dask's scheduler
    rounds: int
    graph_seconds: float  # building the lazy result (nothing computed)
    seconds: float  # median of one compute over the whole array
    throughput_gbps: float
    numpy_chunk_gbps: float  # np.linalg.norm of one in-memory chunk
    throughput_ratio: float  # median over the rounds of (ours per byte) / (NumPy's per byte)
    peak_rss_mb: float  # of the whole measuring process
    value: float
    exact: float
    rel_error: float
    met: bool  # throughput_ratio >= 0.8 and peak_rss_mb < 1000


class CollectiveRow(TypedDict):
    path: str  # fast (local sums in range) | fallback (they overflow)
    ord: str
    all_reduce: int
    other: int  # every other collective (all_gather, broadcast, ...)


class Collectives(TypedDict):
    """Collectives issued by one ``normdocs.distributed.vector_norm`` call, counted."""

    world_size: int
    rows: list[CollectiveRow]
    met: bool  # one all_reduce and nothing else on every fast path


# ---------------------------------------------------------------------------- the document


class Merged(TypedDict):
    """A ``--merge`` run: the cases it re-measured, and the command of the file it kept."""

    remeasured: list[str]
    into: str


class _BenchDocument(TypedDict):
    schema: int  # SCHEMA
    quick: bool  # a --quick smoke test (tiny sizes), not numbers to publish
    command: str  # how the run was made, "python scripts/bench.py ..."
    rounds: int
    threads: int | str  # --threads, or "library defaults"
    machine: Machine
    seconds: float  # of the whole run of the cases
    cases: list[CaseResult]
    targets: list[TargetResult]


class BenchDocument(_BenchDocument, total=False):
    """The whole file."""

    merged: Merged
    site: SiteTiming
    out_of_core: OutOfCore
    collectives: Collectives


# ---------------------------------------------------------------------------- reading


class SchemaError(ValueError):
    """A file that is not a benchmark document of this :data:`SCHEMA`."""


def load(path: Path) -> BenchDocument:
    """The document in ``path``, checked against :class:`BenchDocument`.

    Raises:
        SchemaError: another ``schema`` version, or a missing, unknown or mistyped key
            (the message names the file and the key, e.g. ``cases[2].methods[0].role``).
        OSError: the file cannot be read.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{path}: not JSON ({exc})") from None
    return validate(data, str(path))


def validate(data: Any, source: str = "the benchmark document") -> BenchDocument:
    """``data`` (parsed JSON) as a :class:`BenchDocument`, or :class:`SchemaError`."""
    if not isinstance(data, dict):
        raise SchemaError(f"{source}: not a benchmark document (a JSON object)")
    version = data.get("schema")
    if version != SCHEMA:
        raise SchemaError(
            f"{source}: schema {version!r}, but this code reads schema {SCHEMA}: re-measure "
            "with `python scripts/bench.py` (or convert the file)"
        )
    _check(data, BenchDocument, "", source)
    return typing.cast(BenchDocument, data)


def _check(value: Any, expected: Any, where: str, source: str) -> None:
    """Raise :class:`SchemaError` unless ``value`` has the type ``expected``."""

    def fail(what: str) -> typing.NoReturn:
        raise SchemaError(f"{source}: {where or 'the document'}: {what}")

    origin = typing.get_origin(expected)
    if typing.is_typeddict(expected):
        if not isinstance(value, dict):
            fail(f"expected an object, got {type(value).__name__}")
        hints = typing.get_type_hints(expected)
        missing = sorted(expected.__required_keys__ - value.keys())
        unknown = sorted(value.keys() - hints.keys())
        if missing:
            fail(f"no key {', '.join(map(repr, missing))}")
        if unknown:
            fail(f"unknown key {', '.join(map(repr, unknown))}")
        for key, item in value.items():
            _check(item, hints[key], f"{where}.{key}" if where else key, source)
    elif origin is list:
        if not isinstance(value, list):
            fail(f"expected a list, got {type(value).__name__}")
        (item_type,) = typing.get_args(expected)
        for i, item in enumerate(value):
            _check(item, item_type, f"{where}[{i}]", source)
    elif origin is dict:
        if not isinstance(value, dict):
            fail(f"expected an object, got {type(value).__name__}")
        _, item_type = typing.get_args(expected)
        for key, item in value.items():
            _check(item, item_type, f"{where}[{key!r}]", source)
    elif origin is Union or origin is types.UnionType:
        for option in typing.get_args(expected):
            try:
                _check(value, option, where, source)
                return
            except SchemaError:
                pass
        fail(f"{value!r} is not {_name(expected)}")
    elif origin is Literal:
        if value not in typing.get_args(expected):
            fail(f"{value!r} is not one of {', '.join(map(repr, typing.get_args(expected)))}")
    elif expected is type(None):
        if value is not None:
            fail(f"expected null, got {value!r}")
    elif expected is float:  # JSON writes 2.0 as 2.0, but accept 2 (and NaN, inf)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            fail(f"expected a number, got {value!r}")
    elif expected in (int, str, bool):
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            fail(f"expected {expected.__name__}, got {value!r}")
    else:  # pragma: no cover - a type above that this function does not know
        raise TypeError(f"schema: cannot check {expected!r}")


def _name(expected: Any) -> str:
    args = typing.get_args(expected)
    return " or ".join(getattr(a, "__name__", repr(a)) for a in args) if args else str(expected)


# ---------------------------------------------------------------------------- comparing


def paired_ratio(a: SizeResult, b: SizeResult) -> float:
    """``a``'s time over ``b``'s: the median over the rounds of the quotient of the two times
    of a round (steadier than the ratio of the medians when the machine's load drifts during
    the run); the ratio of the medians when the two were not timed in the same rounds."""
    sa, sb = a["samples_s"], b["samples_s"]
    if sa and sb and len(sa) == len(sb):
        return float(statistics.median(x / y for x, y in zip(sa, sb, strict=True)))
    return a["median_s"] / b["median_s"]
