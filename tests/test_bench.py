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
import subprocess
import sys
from pathlib import Path
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
