"""The benchmark (``normdocs_site.bench``, run as ``scripts/bench.py``) and the Performance page
built from its JSON.

- ``scripts/bench.py --quick`` runs, shows progress, writes JSON of the documented shape (the
  types of ``normdocs_site.bench.schema``), and every method of every case agrees with the
  exact value (no time is ever asserted);
- ``schema.load`` rejects a document of another version or shape, with a message naming the
  key; the committed ``docs/performance/bench.json`` passes it and is a full run;
- the Performance page's hook and figure script render that JSON, and the hook fails the
  build when the page's advice does not follow from the numbers.

The library's fast kernels that the benchmark measures are tested in tests/test_backends.py.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from normdocs_site import figures as figure_tools
from normdocs_site.bench import schema
from normdocs_site.bench.cli import main
from normdocs_site.bench.schema import BenchDocument, Rebuild, SiteTiming
from normdocs_site.bench.targets import targets
from normdocs_site.hooks import performance as hook
from normdocs_site.paths import DOCS, FIGURE_SCRIPTS, ROOT

COMMITTED = DOCS / "performance" / "bench.json"

# ---------------------------------------------------------------------------- the bench


QUICK_ARGS = ["--quick", "--scale"]


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[BenchDocument, str]:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), *QUICK_ARGS, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return schema.load(out), proc.stderr  # load: the shape of the schema's types


def test_quick_bench_shows_progress(quick: tuple[BenchDocument, str]) -> None:
    _, stderr = quick
    assert "[ 1/" in stderr and "wrote " in stderr


def test_quick_bench_json_shape(quick: tuple[BenchDocument, str]) -> None:
    data, _ = quick
    assert data["schema"] == schema.SCHEMA and data["quick"] is True
    assert data["command"] == (
        "python scripts/bench.py --quick --scale --out " + data["command"].split()[-1]
    )
    ids = {c["id"] for c in data["cases"]}
    assert {"l1-numpy", "l2-numpy", "linf-numpy", "l1-torch", "l2-torch", "linf-torch"} <= ids
    assert {"l1-penalty-torch", "l2-penalty-torch", "clip-grad-norm-torch", "mse-torch"} <= ids
    for c in data["cases"]:
        assert c["sizes"] == sorted(c["sizes"]) and c["methods"]
        roles = {m["role"] for m in c["methods"]}
        assert "normdocs" in roles
        for m in c["methods"]:
            assert [r["n"] for r in m["results"]] == c["sizes"]
            for r in m["results"]:
                assert r["median_s"] > 0 and r["min_s"] <= r["median_s"]
                assert 1 <= r["rounds"] <= data["rounds"] and r["calls_per_sample"] >= 1
                assert len(r["samples_s"]) == r["rounds"]
                assert ("agrees" in r) == (m["role"] != "floor")
    assert {t["case"] for t in data["targets"]} <= ids
    for t in data["targets"]:
        assert t["ratio"] > 0 and isinstance(t["met"], bool)  # never asserted to be met


def test_quick_bench_at_scale(quick: tuple[BenchDocument, str]) -> None:
    """--scale: the out-of-core norm of a Dask array (in a fresh process) and the collectives
    of normdocs.distributed.vector_norm, counted in real gloo processes."""
    data, stderr = quick
    o = data["out_of_core"]
    assert o["chunks"] >= 2 and o["array_bytes"] == o["chunks"] * o["chunk_bytes"]
    assert o["rel_error"] < 1e-12 and o["value"] == pytest.approx(o["exact"], rel=1e-12)
    assert 0 < o["peak_rss_mb"] < 4000 and o["throughput_ratio"] > 0
    c = data["collectives"]
    fast = [r for r in c["rows"] if r["path"] == "fast"]
    assert {r["ord"] for r in fast} == {"0", "1", "1.5", "2", "3", "inf"}
    assert all((r["all_reduce"], r["other"]) == (1, 0) for r in fast), fast
    assert c["met"] is True and "out of core:" in stderr
    page = hook.render_collectives(data)
    assert "1 all_reduce" in page and "ord = inf" in page
    assert "throughput ratio" in hook.render_out_of_core(data)


def test_quick_bench_every_method_agrees(quick: tuple[BenchDocument, str]) -> None:
    data, _ = quick
    for c in data["cases"]:
        for m in c["methods"]:
            if m["role"] == "floor":
                continue
            for r in m["results"]:
                assert r["agrees"], (c["id"], m["name"], r)


def test_quick_bench_normdocs_is_correct_on_every_edge(quick: tuple[BenchDocument, str]) -> None:
    data, _ = quick
    for c in data["cases"]:
        for m in c["methods"]:
            if m["role"] == "normdocs":
                assert m["correct"], (c["id"], m["name"], m["edge_cases"])
    # and the edge inputs do catch the unsafe ways
    l2 = hook.case(data, "l2-numpy")
    assert not hook.method(l2, "np.linalg.norm(x)")["edge_cases"]["overflow"]["ok"]
    # the no-SciPy row is normdocs' own kernel (nd.options(scipy_blas=False)), also correct
    assert hook.method(hook.case(data, "l1-numpy"), "nd.l1_norm(x), no SciPy")["correct"]


def test_site_only_needs_a_run_of_the_cases(tmp_path: Path) -> None:
    assert main(["--site-only", "--out", str(tmp_path / "absent.json")]) == 2


# ---------------------------------------------------------------------------- the schema


def test_committed_results_pass_the_schema_and_are_a_full_run() -> None:
    data = schema.load(COMMITTED)
    assert data["schema"] == schema.SCHEMA
    assert data["quick"] is False and "site" in data
    l1 = hook.case(data, "l1-numpy")
    assert l1["sizes"][-1] == 10**7
    assert [t["id"] for t in data["targets"]] == [t.id for t in targets()]
    assert data["out_of_core"]["array_bytes"] >= 8e9  # the issue: at least 8 GB
    assert data["collectives"]["met"]


def _committed() -> Any:
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_schema_rejects_another_version(tmp_path: Path) -> None:
    data = _committed()
    data["schema"] = schema.SCHEMA + 1
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(data))
    with pytest.raises(schema.SchemaError, match=rf"bench.json: schema {schema.SCHEMA + 1}.*"):
        schema.load(path)
    del data["schema"]
    with pytest.raises(schema.SchemaError, match="schema None, but this code reads schema"):
        schema.validate(data, "old.json")
    with pytest.raises(schema.SchemaError, match="not a benchmark document"):
        schema.validate([], "list.json")
    path.write_text("{not json")
    with pytest.raises(schema.SchemaError, match="not JSON"):
        schema.load(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("cases"), r"x\.json: the document: no key 'cases'"),
        (lambda d: d.update(extra=1), r"the document: unknown key 'extra'"),
        (lambda d: d["machine"].update(cores="two"), r"machine\.cores: 'two' is not int or None"),
        (
            lambda d: d["cases"][1]["methods"][0].update(role="fast"),
            r"cases\[1\]\.methods\[0\]\.role: 'fast' is not one of 'normdocs', 'alternative'",
        ),
        (
            lambda d: d["cases"][0]["methods"][2]["results"][3].pop("median_s"),
            r"cases\[0\]\.methods\[2\]\.results\[3\]: no key 'median_s'",
        ),
        (
            lambda d: d["cases"][0]["methods"][0]["results"][0].update(samples_s="fast"),
            r"results\[0\]\.samples_s: expected a list, got str",
        ),
        (
            lambda d: d["cases"][0]["methods"][0]["edge_cases"]["nan"].update(ok="yes"),
            r"edge_cases\['nan'\]\.ok: expected bool, got 'yes'",
        ),
        (lambda d: d["targets"][0].update(n=True), r"targets\[0\]\.n: expected int, got True"),
        (lambda d: d["site"]["serve"].pop("rebuilds"), r"site\.serve: no key 'rebuilds'"),
    ],
)
def test_schema_rejects_a_document_of_another_shape(change: Any, message: str) -> None:
    data = _committed()
    change(data)
    with pytest.raises(schema.SchemaError, match=message):
        schema.validate(data, "x.json")


def test_paired_ratio_is_the_median_of_the_ratios_of_a_round() -> None:
    a: Any = {"samples_s": [1.0, 2.0, 9.0], "median_s": 2.0}
    b: Any = {"samples_s": [1.0, 1.0, 1.0], "median_s": 1.0}
    assert schema.paired_ratio(a, b) == 2.0
    c: Any = {"samples_s": [4.0], "median_s": 4.0}  # not timed in the same rounds
    assert schema.paired_ratio(c, b) == 4.0


# ---------------------------------------------------------------------------- page and figure


def _site_numbers() -> SiteTiming:
    rebuild: Rebuild = {"seconds": 2.0, "reported_seconds": 1.8}
    return {
        "command": "mkdocs build --strict",
        "builds": [{"seconds": 30.0, "peak_rss_mb": 500.0}],
        "build_median_s": 30.0,
        "peak_rss_mb": 500.0,
        "peak_rss_note": "largest process",
        "serve": {
            "first_build": rebuild,
            "rebuilds": [rebuild],
            "rebuild_median_s": 2.0,
            "touched": "docs/performance/norm-speed.md",
            "note": "as scripts/serve runs it",
        },
    }


def test_hook_renders_every_marker(quick: tuple[BenchDocument, str]) -> None:
    data, _ = quick
    data = {**data, "site": _site_numbers()}
    schema.validate(data)
    table = hook.render("table", ["l1-numpy"], data)
    assert "`nd.l1_norm(x)`" in table and "edge cases" in table
    assert table.count("\n|") >= 6
    assert "| yes |" in hook.render("targets", [], data) or "**no**" in hook.render(
        "targets", [], data
    )
    assert "AMD" in hook.render("machine", [], data) or "cores" in hook.render("machine", [], data)
    assert "MB" in hook.render("site", [], data)
    assert hook.render("time", ["l2-numpy", "nd.l2_norm(x)"], data).endswith("s")
    assert hook.render("ratio", ["l2-numpy", "nd.l2_norm(x)", "np.linalg.norm(x)"], data)[-1] == "x"
    assert hook.render("error", ["l1-torch", "nd.l1_norm(t)"], data)
    fastest = [m["name"] for m in hook.fastest_correct(hook.case(data, "linf-numpy"))]
    assert "abs(x[blas.idamax(x)])" not in fastest  # not correct: skips a NaN
    assert hook.render("fastest", ["linf-numpy", *fastest], data) == f"`{fastest[0]}`"
    without_site: Any = {k: v for k, v in data.items() if k != "site"}
    assert "Not measured yet" in hook.render("site", [], without_site)


def test_hook_fails_when_the_advice_does_not_follow(quick: tuple[BenchDocument, str]) -> None:
    data, _ = quick
    with pytest.raises(PluginError, match="fastest correct way"):
        hook.render("fastest", ["l2-numpy", "np.linalg.norm(x)"], data)  # overflows: not correct
    with pytest.raises(PluginError, match="no method"):
        hook.render("time", ["l2-numpy", "np.hypot(x)"], data)
    with pytest.raises(PluginError, match="no case"):
        hook.render("table", ["l3-numpy"], data)
    with pytest.raises(PluginError, match="unknown marker"):
        hook.render("fastests", ["l2-numpy"], data)


def test_hook_fails_on_a_file_of_another_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _committed()
    data["schema"] = 0
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(data))
    monkeypatch.setattr(hook, "RESULTS", path)
    monkeypatch.setattr(hook, "_cache", {})
    with pytest.raises(PluginError, match=r"performance hook: .*schema 0, but this code reads"):
        hook.load()


def test_figure_script_draws_time_against_size(
    quick: tuple[BenchDocument, str], tmp_path: Path
) -> None:
    import matplotlib.pyplot as plt

    data, _ = quick
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(copy.deepcopy(data)))
    script = FIGURE_SCRIPTS / "norm-speed.py"
    figs = figure_tools.load(script).figures(path)
    assert set(figs) == {"norm-speed-numpy", "norm-speed-torch"}
    for fig in figs.values():
        for ax in fig.axes:
            assert ax.get_xscale() == "log" and ax.get_yscale() == "log" and ax.lines
        plt.close(fig)
    assert COMMITTED in figure_tools.sources(script)  # redrawn when the results change


# ---------------------------------------------------------------------------- the two languages

PAGE = DOCS / "performance" / "norm-speed.md"
PAGE_ZH = DOCS / "performance" / "norm-speed.zh.md"
ALL_KINDS = [
    ("machine", []),
    ("table", ["l2-numpy"]),
    ("table", ["l2-penalty-torch"]),
    ("table", ["mse-torch"]),
    ("targets", []),
    ("out-of-core", []),
    ("collectives", []),
    ("site", []),
]


def _result(n: int, samples: list[float], **extra: Any) -> dict[str, Any]:
    return {"n": n, "median_s": sorted(samples)[len(samples) // 2], "samples_s": samples, **extra}


def _method(name: str, role: str, results: list[dict[str, Any]], **edges: Any) -> dict[str, Any]:
    correct = role != "floor" and all(e["ok"] for e in edges.values())
    return {"name": name, "role": role, "correct": correct, "edge_cases": edges, "results": results}


def _small_document() -> Any:
    """A small document, with numbers that never change, that takes every branch of the
    renderers: a floor and a fastest other, edge inputs failed (a value, an exception),
    gradients, sizes not a power of ten, a target not met, one scheduler thread, ..."""
    ok = {"ok": True, "got": "nan"}
    good = {"agrees": True, "rel_error": 1e-15}

    def grads(error: float) -> dict[str, Any]:
        return {"agrees": True, "rel_error": error, "grad_error": 0.0}

    l2 = [
        _method(
            "nd.l2_norm(x)",
            "normdocs",
            [_result(1000, [2e-6, 3e-6, 4e-6], **good), _result(2_500_000, [1e-3, 1.1e-3], **good)],
            overflow=ok,
            nan=ok,
        ),
        _method(
            "np.linalg.norm(x)",
            "alternative",
            [_result(1000, [1e-6, 1e-6, 1e-6], **good), _result(2_500_000, [9e-4, 1e-3], **good)],
            overflow={"ok": False, "got": "inf"},
            nan={"ok": False, "got": "raises ValueError"},
        ),
        _method(
            "np.dot(x, x)",
            "floor",
            [_result(1000, [5e-7, 6e-7, 7e-7]), _result(2_500_000, [8e-4, 9e-4])],
        ),
    ]
    penalty = [
        _method(
            "nd.l2_penalty(params)",
            "normdocs",
            [
                _result(1000, [1e-5, 1e-5], **grads(0.0)),
                _result(10**7, [0.02, 0.03], **grads(2e-8)),
            ],
        ),
        _method(
            "sum(p.pow(2).sum() for p in params)",
            "alternative",
            [_result(1000, [2e-5, 2e-5], **good), _result(10**7, [0.04, 0.05], **good)],
        ),
    ]
    mse = [
        _method("nd.mse_loss(input, target)", "normdocs", [_result(10**7, [0.06, 0.06], **good)]),
        _method(
            "F.mse_loss(input, target)", "alternative", [_result(10**7, [0.061, 0.06], **good)]
        ),
    ]

    def a_case(id: str, sizes: list[int], methods: list[Any], **more: Any) -> dict[str, Any]:
        return {"id": id, "sizes": sizes, "methods": methods, "dtype": "float32", **more}

    edges = [{"name": "overflow"}, {"name": "nan"}]
    backward = {"timing": "forward and backward", "edge_inputs": []}
    return {
        "command": "python scripts/bench.py --out bench.json",
        "rounds": 3,
        "seconds": 12.3,
        "machine": {
            "date": "2026-01-02",
            "cpu": "AMD EPYC",
            "cores": 2,
            "memory_gb": 8.0,
            "platform": "Linux-6.1-x86_64",
            "python": "3.11.7",
            "numpy": "2.4.6",
            "threadpools": [{"internal_api": "openblas", "num_threads": 2}],
            "load_average_before": [1.25, 1.0, 1.0],
            "load_average_after": [2.0, 1.0, 1.0],
        },
        "cases": [
            {
                **a_case("l2-numpy", [1000, 2_500_000], l2, timing="one call", edge_inputs=edges),
                "dtype": "float64",
                "size_label": "elements",
            },
            a_case("l2-penalty-torch", [1000, 10**7], penalty, size_label="parameters", **backward),
            a_case("mse-torch", [10**7], mse, size_label="elements", **backward),
        ],
        "targets": [
            {
                "text": "l2_norm at most 1.1x np.linalg.norm",
                "n": 2_500_000,
                "ratio": 1.05,
                "max_ratio": 1.1,
                "ratio_best": 1.01,
                "baseline": "np.linalg.norm(x)",
                "met": True,
            },
            {
                "text": "mse_loss at most 1.1x F.mse_loss (largest size)",
                "n": 10**7,
                "ratio": 12.5,
                "max_ratio": 1.1,
                "ratio_best": 11.0,
                "baseline": "F.mse_loss(input, target)",
                "met": False,
            },
        ],
        "out_of_core": {
            "array_bytes": 8_192_000_000,
            "chunk_bytes": 64_000_000,
            "chunks": 128,
            "dtype": "float64",
            "workers": 1,
            "graph_seconds": 0.0129,
            "seconds": 1.4229,
            "throughput_gbps": 5.757,
            "numpy_chunk_gbps": 4.55,
            "throughput_ratio": 0.75,
            "peak_rss_mb": 1501.3,
            "rel_error": 1.1e-16,
            "met": False,
        },
        "collectives": {
            "world_size": 2,
            "rows": [
                {"path": "fast", "ord": "2", "all_reduce": 1, "other": 0},
                {"path": "fast", "ord": "inf", "all_reduce": 1, "other": 0},
                {"path": "fallback", "ord": "2", "all_reduce": 1, "other": 1},
                {"path": "fallback", "ord": "inf", "all_reduce": 1, "other": 0},
            ],
            "met": True,
        },
        "site": {
            "builds": [{"seconds": 30.04}, {"seconds": 28.0}],
            "peak_rss_mb": 482.3,
            "peak_rss_note": "the largest resident set of one process of the build",
            "serve": {
                "first_build": {"seconds": 19.5},
                "rebuilds": [{"seconds": 2.56}, {"seconds": 1.51}],
                "rebuild_median_s": 2.0,
                "touched": "docs/performance/norm-speed.md",
            },
        },
    }


ENGLISH = {  # what the hook rendered of _small_document() before it had a second language
    "machine": """\
| | |
| --- | --- |
| measured on | 2026-01-02 |
| CPU | AMD EPYC, 2 cores |
| memory | 8.0 GB |
| system | Linux-6.1-x86_64 |
| versions | python 3.11.7, numpy 2.4.6 |
| thread pools | openblas (2 threads) |
| load average | 1.2 before, 2.0 after (other work on the machine; ratios are of interleaved runs) |
| command | `python scripts/bench.py --out bench.json`, 3 rounds, 12 s |""",
    "table l2-numpy": """\
| method | n = 10³ | n = 2.5 M | ÷ floor | rel. error | edge cases |
| --- | --- | --- | --- | --- | --- |
| `np.dot(x, x)` | 600 ns | 900 µs | 1.00x |  | (not a norm) |
| `np.linalg.norm(x)` | 1 µs | 1 ms | 1.12x | 1e-15 | ✗ overflow → inf, nan → raises ValueError |
| **`nd.l2_norm(x)`** | 3 µs | 1.1 ms | 1.24x | 1e-15 | ✓ |

Median time of one call, float64, n elements; ratio at n = 2.5 M, the median over the rounds \
of the two times of a round. Bold: the fastest correct way.""",
    "table l2-penalty-torch": """\
| method | n = 10³ | n = 10⁷ | ÷ fastest other | rel. error | gradient |
| --- | --- | --- | --- | --- | --- |
| **`nd.l2_penalty(params)`** | 10 µs | 30 ms | 0.55x | 2e-08 | max error 0 |
| `sum(p.pow(2).sum() for p in params)` | 20 µs | 50 ms | 1.00x | 1e-15 |  |

Median time of one call (forward and backward), float32, n parameters; ratio at n = 10⁷, the \
median over the rounds of the two times of a round. Bold: the fastest correct way.""",
    "table mse-torch": """\
| method | n = 10⁷ | ÷ fastest other | rel. error |
| --- | --- | --- | --- |
| **`nd.mse_loss(input, target)`** | 60 ms | 0.99x | 1e-15 |
| `F.mse_loss(input, target)` | 61 ms | 1.00x | 1e-15 |

Median time of one call (forward and backward), float32, n elements; ratio at n = 10⁷, the \
median over the rounds of the two times of a round. Bold: the fastest correct way.""",
    "targets": """\
| target | n | ratio | ratio of the best times | measured against | met |
| --- | --- | --- | --- | --- | --- |
| l2_norm at most 1.1x np.linalg.norm | 2.5 M | 1.05x (limit 1.1x) | 1.01x | \
`np.linalg.norm(x)` | yes |
| mse_loss at most 1.1x F.mse_loss (largest size) | 10⁷ | 12x (limit 1.1x) | 11x | \
`F.mse_loss(input, target)` | **no** |

Ratio: the median over the rounds of the two times of a round (what *met* is about). Ratio of \
the best times: the fastest of each, less sensitive to the machine's load.""",
    "out-of-core": """\
| | |
| --- | --- |
| array | 8.2 GB of float64, 128 chunks of 64 MB made on demand |
| building the lazy result | 12.9 ms |
| computing it | 1.42 s, 5.8 GB/s (1 scheduler thread) |
| `np.linalg.norm` of one chunk in memory | 4.5 GB/s |
| throughput ratio (target at least 0.8x) | 0.75x |
| peak memory of the process (target under 1 GB) | 1501 MB |
| relative error against the exact value | 1e-16 |
| met | **no** |""",
    "collectives": """\
| path | ord = 2 | ord = inf |
| --- | --- | --- |
| fast | 1 all_reduce | 1 all_reduce |
| fallback | 1 all_reduce + 1 | 1 all_reduce |

Collectives of one call on 2 gloo processes, counted by wrapping `torch.distributed`'s \
functions in every process; *+ n*: other collectives (`all_gather`). One `all_reduce` on every \
fast path: yes.""",
    "site": """\
| | |
| --- | --- |
| clean strict build | 30.0 s, 28.0 s |
| peak memory of the build | 482 MB, the largest resident set of one process of the build |
| `mkdocs serve`: first build | 19.5 s |
| `mkdocs serve`: rebuild after saving `docs/performance/norm-speed.md` | 2.6 s, 1.5 s \
(median 2.0 s) |""",
    "site, not measured": (
        "*Not measured yet: `python scripts/bench.py --site-only --out "
        "docs/performance/bench.json`.*"
    ),
    "out-of-core, not measured": (
        "*Not measured yet (out of core): `python scripts/bench.py --scale --merge --only ...`.*"
    ),
}


def test_hook_english_is_what_it_was() -> None:
    """The English texts did not change when the hook got its Chinese (byte for byte)."""
    data = _small_document()
    for kind, args in ALL_KINDS:
        assert hook.render(kind, args, data) == ENGLISH[" ".join([kind, *args])], (kind, args)
        assert hook.render(kind, args, data, "en") == hook.render(kind, args, data)
    assert hook.render("site", [], {}) == ENGLISH["site, not measured"]
    assert hook.render("out-of-core", [], {}) == ENGLISH["out-of-core, not measured"]


CODE_SPAN = re.compile(r"`[^`\n]*`")
# a number, with what it carries: 1e-16, 10⁷, 1.02x, 2.13.0+cpu (not the 64 of float64)
NUMBER = re.compile(r"(?<![A-Za-z0-9_])\d[A-Za-z0-9_.,+\-⁰¹²³⁴⁵⁶⁷⁸⁹]*")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# the words a Chinese page keeps: units, n, library names, dtypes (the glossary keeps them)
KEPT = {"n", "s", "ms", "ns", "MB", "GB", "NaN", "gloo", "float32", "float64"}
KEPT |= {"Python", "NumPy", "SciPy", "PyTorch"}


def _english_words(markdown: str) -> list[str]:
    """The words of ``markdown`` outside code spans and numbers that a Chinese page does not
    keep in English."""
    text = NUMBER.sub(" ", CODE_SPAN.sub(" ", markdown))
    return [w for w in WORD.findall(text) if w not in KEPT]


def _chinese_renders(data: Any) -> dict[str, str]:
    """Every marker of the Chinese page, and each kind's text while it is not measured."""
    out = {}
    for m in hook.MARKER.finditer(PAGE_ZH.read_text(encoding="utf-8")):
        out[m[0]] = hook.render(m["kind"], hook._args(m["args"]), data, "zh")
    out["time"] = hook.render("time", ["l2-numpy", "nd.l2_norm(x)"], data, "zh")
    for kind, key in (
        ("site", "site"),
        ("out-of-core", "out_of_core"),
        ("collectives", "collectives"),
    ):
        unmeasured = {k: v for k, v in data.items() if k != key}
        out[f"{kind}, not measured"] = hook.render(kind, [], unmeasured, "zh")
    return out


def test_hook_renders_the_chinese_page_in_chinese() -> None:
    """Every marker of norm-speed.zh.md, of the committed results, has no English word
    outside code and numbers; nor has any branch of the renderers (the small document)."""
    data = schema.load(COMMITTED)
    kinds = {m["kind"] for m in hook.MARKER.finditer(PAGE_ZH.read_text(encoding="utf-8"))}
    assert {"machine", "table", "targets", "out-of-core", "collectives", "site"} <= kinds
    assert {"ratio", "error", "fastest"} <= kinds
    kept = set(data["machine"]["cpu"].split())
    renders = _chinese_renders(data)
    small = _small_document()
    for kind, args in ALL_KINDS:
        renders[f"small: {kind} {args}"] = hook.render(kind, args, small, "zh")
    for marker, text in renders.items():
        assert [w for w in _english_words(text) if w not in kept] == [], (marker, text)
    table = renders["<!-- bench:table l1-numpy -->"]
    assert table.startswith("| 方法 | n = 10³ |") and "| ÷ 下限 | 相对误差 | 边界情况 |" in table
    assert "n = 1170 万" in renders["<!-- bench:table l2-penalty-torch -->"]
    assert "| 线程池 |" in renders["<!-- bench:machine -->"]
    assert "| 命令 |" in renders["<!-- bench:machine -->"]
    assert "✗ 上溢 → `inf`、NaN → 抛出 `ValueError`" in renders["small: table ['l2-numpy']"]


def test_chinese_page_names_the_chinese_labels() -> None:
    """The prose of norm-speed.zh.md names the rows and columns by the labels the Chinese
    tables have."""
    prose = PAGE_ZH.read_text(encoding="utf-8")
    data = schema.load(COMMITTED)
    machine = hook.render("machine", [], data, "zh")
    for row in ("“线程池”一行", "“命令”一行"):
        assert row in prose and f"| {row[1:-3]} |" in machine
    assert "“相对误差”列" in prose and "| 相对误差 |" in hook.render(
        "table", ["l1-numpy"], data, "zh"
    )
    assert "`nd.l1_norm(x), no SciPy` 那一行" in prose
    assert hook.method(hook.case(data, "l1-numpy"), "nd.l1_norm(x), no SciPy")
    for english in ("rel. error", "thread pools", "“command”", "“no SciPy”"):
        assert english not in prose


def _page(src_uri: str, locale: str) -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, locale=locale))


def test_hook_renders_in_the_language_of_the_page() -> None:
    config: Any = None
    files: Any = None
    zh = PAGE_ZH.read_text(encoding="utf-8")
    zh_page = _page("performance/norm-speed.zh.md", "zh")
    built = hook.on_page_markdown(zh, zh_page, config, files)
    assert "<!-- bench:" not in built and "| 方法 |" in built and "| method |" not in built
    en = PAGE.read_text(encoding="utf-8")
    built = hook.on_page_markdown(en, _page("performance/norm-speed.md", "en"), config, files)
    assert "| method |" in built and "方法" not in built


def _rename(data: Any, table: str, old: str, new: str) -> None:
    """Replace the value ``old`` by ``new`` wherever ``table``'s texts are in ``data``."""
    if table == "TARGETS_ZH":
        next(t for t in data["targets"] if t["text"] == old)["text"] = new
    elif table in ("TIMING_ZH", "SIZE_LABEL_ZH"):
        key = {"TIMING_ZH": "timing", "SIZE_LABEL_ZH": "size_label"}[table]
        for c in data["cases"]:
            c[key] = new if c[key] == old else c[key]
    elif table == "EDGE_ZH":
        for c in data["cases"]:
            for m in c["methods"]:
                if old in m["edge_cases"]:
                    m["edge_cases"][new] = m["edge_cases"].pop(old)
    elif table == "PATH_ZH":
        for r in data["collectives"]["rows"]:
            r["path"] = new if r["path"] == old else r["path"]
    else:
        assert table == "PEAK_RSS_NOTE_ZH"
        data["site"]["peak_rss_note"] = new


@pytest.mark.parametrize(
    ("table", "old", "new", "kind", "args"),
    [
        (
            "TARGETS_ZH",
            "l2_norm at most 1.1x np.linalg.norm",
            "l2_norm at most 1.05x np.linalg.norm",
            "targets",
            [],
        ),
        ("TIMING_ZH", "forward and backward", "backward only", "table", ["mse-torch"]),
        ("SIZE_LABEL_ZH", "elements", "bytes", "table", ["l1-numpy"]),
        ("EDGE_ZH", "overflow", "huge", "table", ["l2-numpy"]),
        ("PATH_ZH", "fallback", "slow", "collectives", []),
        ("PEAK_RSS_NOTE_ZH", "", "the largest process", "site", []),
    ],
)
def test_a_text_without_chinese_fails_the_chinese_build(
    table: str, old: str, new: str, kind: str, args: list[str]
) -> None:
    """A text of bench.json that has no Chinese fails the Chinese page, naming the text and
    the dictionary to add it to; the English page shows it as it is."""
    data = _committed()
    _rename(data, table, old, new)
    schema.validate(data)
    with pytest.raises(PluginError, match=rf"{re.escape(repr(new))} has no Chinese in .*\.{table}"):
        hook.render(kind, args, data, "zh")
    assert new in hook.render(kind, args, data)
    assert getattr(hook, table)  # the dictionary the message names
