"""The benchmark: ``scripts/bench.py`` and the Performance page built from its JSON.

- ``scripts/bench.py --quick`` runs, shows progress, writes JSON of the documented shape, and
  every method of every case agrees with the exact value (no time is ever asserted);
- the Performance page's hook and figure script render that JSON, and the hook fails the
  build when the page's advice does not follow from the numbers;
- the committed ``docs/performance/bench.json`` is a full run.

The library's fast kernels that the benchmark measures are tested in tests/test_backends.py.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------- the bench


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text()), proc.stderr


def test_quick_bench_shows_progress(quick: tuple[dict[str, Any], str]) -> None:
    _, stderr = quick
    assert "[ 1/" in stderr and "wrote " in stderr


def test_quick_bench_json_shape(quick: tuple[dict[str, Any], str]) -> None:
    data, _ = quick
    assert data["schema"] == 1 and data["quick"] is True
    for key in ("cpu", "cores", "python", "numpy", "date", "load_average_before"):
        assert key in data["machine"]
    ids = {c["id"] for c in data["cases"]}
    assert {"l1-numpy", "l2-numpy", "linf-numpy", "l1-torch", "l2-torch", "linf-torch"} <= ids
    assert {"l1-penalty-torch", "l2-penalty-torch", "mse-torch"} <= ids
    for c in data["cases"]:
        assert c["sizes"] == sorted(c["sizes"]) and c["methods"]
        roles = {m["role"] for m in c["methods"]}
        assert "normdocs" in roles
        for m in c["methods"]:
            assert [r["n"] for r in m["results"]] == c["sizes"]
            for r in m["results"]:
                assert r["median_s"] > 0 and r["min_s"] <= r["median_s"]
                assert 1 <= r["rounds"] <= data["rounds"] and r["calls_per_sample"] >= 1
    for t in data["targets"]:
        assert t["ratio"] > 0 and isinstance(t["met"], bool)  # never asserted to be met


def test_quick_bench_every_method_agrees(quick: tuple[dict[str, Any], str]) -> None:
    data, _ = quick
    for c in data["cases"]:
        for m in c["methods"]:
            if m["role"] == "floor":
                continue
            for r in m["results"]:
                assert r["agrees"], (c["id"], m["name"], r)


def test_quick_bench_normdocs_is_correct_on_every_edge(quick: tuple[dict[str, Any], str]) -> None:
    data, _ = quick
    for c in data["cases"]:
        for m in c["methods"]:
            if m["role"] == "normdocs":
                assert m["correct"], (c["id"], m["name"], m["edge_cases"])
    # and the edge inputs do catch the unsafe ways
    l2 = next(c for c in data["cases"] if c["id"] == "l2-numpy")
    unsafe = next(m for m in l2["methods"] if m["name"] == "np.linalg.norm(x)")
    assert not unsafe["edge_cases"]["overflow"]["ok"]


# ---------------------------------------------------------------------------- page and figure


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    return _load(ROOT / "scripts" / "hooks" / "performance.py", "normdocs_performance_hook")


def test_hook_renders_every_marker(quick: tuple[dict[str, Any], str], hook: ModuleType) -> None:
    data, _ = quick
    data = {**data, "site": _site_numbers()}
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
    fastest = [m["name"] for m in hook.fastest_correct(hook.case(data, "linf-numpy"))]
    assert "abs(x[blas.idamax(x)])" not in fastest  # not correct: skips a NaN
    assert hook.render("fastest", ["linf-numpy", *fastest], data) == f"`{fastest[0]}`"


def test_hook_fails_when_the_advice_does_not_follow(
    quick: tuple[dict[str, Any], str], hook: ModuleType
) -> None:
    from mkdocs.exceptions import PluginError

    data, _ = quick
    with pytest.raises(PluginError, match="fastest correct way"):
        hook.render("fastest", ["l2-numpy", "np.linalg.norm(x)"], data)  # overflows: not correct
    with pytest.raises(PluginError, match="no method"):
        hook.render("time", ["l2-numpy", "np.hypot(x)"], data)
    with pytest.raises(PluginError, match="no case"):
        hook.render("table", ["l3-numpy"], data)


def _site_numbers() -> dict[str, Any]:
    rebuild = {"seconds": 2.0, "reported_seconds": 1.8}
    return {
        "builds": [{"seconds": 30.0, "peak_rss_mb": 500.0}],
        "peak_rss_mb": 500.0,
        "peak_rss_note": "largest process",
        "serve": {
            "first_build": rebuild,
            "rebuilds": [rebuild],
            "rebuild_median_s": 2.0,
            "touched": "docs/performance/norm-speed.md",
        },
    }


def test_figure_script_draws_time_against_size(
    quick: tuple[dict[str, Any], str], tmp_path: Path
) -> None:
    import matplotlib.pyplot as plt

    data, _ = quick
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(data))
    figures = _load(ROOT / "scripts" / "figures" / "norm-speed.py", "normdocs_fig_speed").figures
    figs = figures(path)
    assert set(figs) == {"norm-speed-numpy", "norm-speed-torch"}
    for fig in figs.values():
        for ax in fig.axes:
            assert ax.get_xscale() == "log" and ax.get_yscale() == "log" and ax.lines
        plt.close(fig)


def test_committed_results_are_a_full_run() -> None:
    data = json.loads((ROOT / "docs" / "performance" / "bench.json").read_text())
    assert data["quick"] is False and "site" in data
    l1 = next(c for c in data["cases"] if c["id"] == "l1-numpy")
    assert l1["sizes"][-1] == 10**7
