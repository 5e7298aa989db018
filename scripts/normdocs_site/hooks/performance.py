r"""Build step: write the measured numbers of ``docs/performance/bench.json`` into the pages.

``scripts/bench.py`` (:mod:`normdocs_site.bench`) measures; this hook reads the file with
:func:`normdocs_site.bench.schema.load` (its version and shape checked, typed as a
:class:`~normdocs_site.bench.schema.BenchDocument`) and renders, at build time, the markers a
page holds (HTML comments, so that a page without the hook still reads):

- ``<!-- bench:machine -->``: the machine, library versions and date of the run;
- ``<!-- bench:table CASE -->``: one case's table (median time per size, ratio to the
  baseline, error against the exact value, edge cases passed);
- ``<!-- bench:targets -->``: every target of the issue, its ratio and whether it is met;
- ``<!-- bench:out-of-core -->``: the L2 norm of a Dask array larger than memory: its size,
  throughput against NumPy on one chunk, peak memory (``bench.py --scale``);
- ``<!-- bench:collectives -->``: the collectives one ``normdocs.distributed.vector_norm``
  call issues, per ord, counted on a real gloo group (``bench.py --scale``);
- ``<!-- bench:site -->``: the site's own build time, peak memory and serve rebuild time
  (a note while they are not measured yet: measuring them builds this page);
- ``<!-- bench:time CASE | METHOD [| N] -->``, ``<!-- bench:ratio CASE | METHOD | OTHER
  [| N] -->``, ``<!-- bench:error CASE | METHOD [| N] -->``: one number inside a sentence
  (``N`` defaults to the case's largest size);
- ``<!-- bench:fastest CASE | METHOD [| METHOD ...] -->``: the first ``METHOD`` that is
  among the fastest correct ways of the case (correct on every edge input, agreeing with the
  exact value, and at most 15 % slower than any other such method at the largest size, in
  the median over rounds of the ratio of two times of a round). **The build fails** when
  none of them is: advice on a page must follow from the numbers.

An unknown case, method or marker also fails the build, as does a page with markers when the
JSON is missing or not of the schema this code reads. Every ratio is
:func:`~normdocs_site.bench.schema.paired_ratio`, the one the targets of the run use.
"""

from __future__ import annotations

import math
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from normdocs_site.bench import schema
from normdocs_site.bench.schema import (
    BenchDocument,
    CaseResult,
    MethodResult,
    SizeResult,
    paired_ratio,
)
from normdocs_site.paths import DOCS

RESULTS = DOCS / "performance" / "bench.json"
MARKER = re.compile(r"<!--\s*bench:(?P<kind>[a-z-]+)\s*(?P<args>.*?)\s*-->", re.DOTALL)
TIE = 1.15  # "among the fastest": within 15 % of the fastest (timing noise on a busy machine)

_cache: dict[float, BenchDocument] = {}  # by modification time: read again after a new run


def load() -> BenchDocument:
    """The checked document of :data:`RESULTS` (a :class:`PluginError` if it is not one)."""
    mtime = RESULTS.stat().st_mtime
    if mtime not in _cache:
        try:
            data = schema.load(RESULTS)
        except schema.SchemaError as exc:
            raise PluginError(f"performance hook: {exc}") from None
        _cache.clear()
        _cache[mtime] = data
    return _cache[mtime]


# ---------------------------------------------------------------------------- formatting


def fmt_time(s: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            v = s / scale
            return f"{v:.3g} {unit}" if v < 100 else f"{v:.0f} {unit}"
    return f"{s * 1e9:.2g} ns"


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt_size(n: int) -> str:
    k = math.log10(n)
    if k == round(k):
        return "10" + str(round(k)).translate(SUPERSCRIPT)
    return f"{n / 1e6:.1f} M" if n >= 1e6 else f"{n:,}"


def fmt_ratio(r: float) -> str:
    return f"{r:.2f}x" if r < 10 else f"{r:.0f}x"


def fmt_error(e: float | None) -> str:
    if e is None:
        return ""
    if e == 0:
        return "0"
    return "inf" if math.isinf(e) else f"{e:.0e}"


# ---------------------------------------------------------------------------- lookups


def case(data: BenchDocument, case_id: str) -> CaseResult:
    for c in data["cases"]:
        if c["id"] == case_id:
            return c
    raise PluginError(f"performance hook: no case {case_id!r} in {RESULTS.name}")


def method(c: CaseResult, name: str) -> MethodResult:
    for m in c["methods"]:
        if m["name"] == name:
            return m
    names = ", ".join(m["name"] for m in c["methods"])
    raise PluginError(f"performance hook: case {c['id']!r} has no method {name!r} ({names})")


def result(c: CaseResult, m: MethodResult, n: int | None) -> SizeResult:
    n = c["sizes"][-1] if n is None else n
    for r in m["results"]:
        if r["n"] == n:
            return r
    raise PluginError(f"performance hook: case {c['id']!r} was not measured at n={n}")


def fastest_correct(c: CaseResult) -> list[MethodResult]:
    """The correct methods at most ``TIE`` times slower than every other correct one at the
    largest size (ratios of times of the same round), fastest (median) first."""
    ok = [m for m in c["methods"] if m["correct"] and result(c, m, None).get("agrees", False)]
    ok.sort(key=lambda m: result(c, m, None)["median_s"])

    def ratio(a: MethodResult, b: MethodResult) -> float:
        return paired_ratio(result(c, a, None), result(c, b, None))

    # not slower than any other correct way by more than TIE, round by round
    fast = [m for m in ok if all(ratio(m, o) <= TIE for o in ok if o is not m)]
    return fast or ok[:1]


def baseline(c: CaseResult) -> MethodResult:
    """What the ratio column divides by: the floor if there is one, else the fastest other."""
    floor = [m for m in c["methods"] if m["role"] == "floor"]
    if floor:
        return floor[0]
    others = [m for m in c["methods"] if m["role"] != "normdocs"]
    return min(others, key=lambda m: result(c, m, None)["median_s"])


# ---------------------------------------------------------------------------- rendering


def render_machine(data: BenchDocument) -> str:
    m = data["machine"]
    versions = ", ".join(
        f"{name} {m[name]}" for name in ("python", "numpy", "scipy", "torch") if name in m
    )
    pools = m.get("threadpools", [])
    blas = sorted({f"{p['internal_api']} ({p['num_threads']} threads)" for p in pools})
    rows = [
        ("measured on", m["date"]),
        ("CPU", f"{m['cpu']}, {m['cores']} cores"),
        ("memory", f"{m.get('memory_gb', '?')} GB"),
        ("system", m["platform"]),
        ("versions", versions),
        ("thread pools", "; ".join(blas) or "unknown"),
        (
            "load average",
            f"{m['load_average_before'][0]:.1f} before, {m['load_average_after'][0]:.1f} after"
            " (other work on the machine; ratios are of interleaved runs)",
        ),
        ("command", f"`{data['command']}`, {data['rounds']} rounds, {data['seconds']:.0f} s"),
    ]
    return "| | |\n| --- | --- |\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)


def _edge_text(m: MethodResult) -> str:
    if m["role"] == "floor":
        return "(not a norm)"
    bad = [f"{name} → {e['got']}" for name, e in m["edge_cases"].items() if not e["ok"]]
    if bad:
        return "✗ " + ", ".join(bad)
    return "✓" if m["edge_cases"] else ""


def render_table(data: BenchDocument, case_id: str) -> str:
    c = case(data, case_id)
    base = baseline(c)
    label = "floor" if base["role"] == "floor" else "fastest other"
    methods = sorted(c["methods"], key=lambda m: result(c, m, None)["median_s"])
    best = {id(m) for m in fastest_correct(c)[:1]}
    sizes = c["sizes"]
    grads = any("grad_error" in r for m in c["methods"] for r in m["results"])
    last_head = ["edge cases"] if c["edge_inputs"] else ["gradient"] if grads else []
    head = (
        ["method"]
        + [f"n = {fmt_size(n)}" for n in sizes]
        + [f"÷ {label}", "rel. error", *last_head]
    )
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for m in methods:
        name = f"`{m['name']}`"
        if id(m) in best:
            name = f"**{name}**"
        times = [fmt_time(result(c, m, n)["median_s"]) for n in sizes]
        r = result(c, m, None)
        if c["edge_inputs"]:
            last = [_edge_text(m)]
        elif grads:
            last = ["" if "grad_error" not in r else f"max error {fmt_error(r['grad_error'])}"]
        else:
            last = []
        ratio = fmt_ratio(paired_ratio(r, result(c, base, None)))
        row = [name, *times, ratio, fmt_error(r.get("rel_error")), *last]
        lines.append("| " + " | ".join(row) + " |")
    timing = "" if c["timing"] == "one call" else f" ({c['timing']})"
    note = (
        f"Median time of one call{timing}, {c['dtype']}, n {c['size_label']}; ratio at "
        f"n = {fmt_size(sizes[-1])}, the median over the rounds of the two times of a round. "
        "Bold: the fastest correct way."
    )
    return "\n".join(lines) + "\n\n" + note


def render_targets(data: BenchDocument) -> str:
    head = "| target | n | ratio | ratio of the best times | measured against | met |"
    lines = [head, "| --- | --- | --- | --- | --- | --- |"]
    for t in data["targets"]:
        lines.append(
            f"| {t['text']} | {fmt_size(t['n'])} | {fmt_ratio(t['ratio'])} "
            f"(limit {t['max_ratio']}x) | {fmt_ratio(t['ratio_best'])} | `{t['baseline']}` "
            f"| {'yes' if t['met'] else '**no**'} |"
        )
    note = (
        "Ratio: the median over the rounds of the two times of a round (what *met* is about). "
        "Ratio of the best times: the fastest of each, less sensitive to the machine's load."
    )
    return "\n".join(lines) + "\n\n" + note


def render_site(data: BenchDocument) -> str:
    s = data.get("site")
    if not s:  # the first build, before they were measured (bench.py --site measures a build)
        return "*Not measured yet: `python scripts/bench.py --site-only --out " + (
            "docs/performance/bench.json`.*"
        )
    serve = s["serve"]
    rows = [
        ("clean strict build", ", ".join(f"{b['seconds']:.1f} s" for b in s["builds"])),
        ("peak memory of the build", f"{s['peak_rss_mb']:.0f} MB, {s['peak_rss_note']}"),
        ("`mkdocs serve`: first build", f"{serve['first_build']['seconds']:.1f} s"),
        (
            f"`mkdocs serve`: rebuild after saving `{serve['touched']}`",
            ", ".join(f"{r['seconds']:.1f} s" for r in serve["rebuilds"])
            + f" (median {serve['rebuild_median_s']:.1f} s)",
        ),
    ]
    return "| | |\n| --- | --- |\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)


def _not_measured(what: str) -> str:
    return f"*Not measured yet ({what}): `python scripts/bench.py --scale --merge --only ...`.*"


def render_out_of_core(data: BenchDocument) -> str:
    o = data.get("out_of_core")
    if not o:
        return _not_measured("out of core")
    rows = [
        (
            "array",
            f"{o['array_bytes'] / 1e9:.1f} GB of {o['dtype']}, {o['chunks']} chunks of "
            f"{o['chunk_bytes'] / 1e6:.0f} MB made on demand",
        ),
        ("building the lazy result", fmt_time(o["graph_seconds"])),
        (
            "computing it",
            f"{o['seconds']:.2f} s, {o['throughput_gbps']:.1f} GB/s "
            f"({o['workers']} scheduler thread{'s' if o['workers'] > 1 else ''})",
        ),
        ("`np.linalg.norm` of one chunk in memory", f"{o['numpy_chunk_gbps']:.1f} GB/s"),
        ("throughput ratio (target at least 0.8x)", fmt_ratio(o["throughput_ratio"])),
        ("peak memory of the process (target under 1 GB)", f"{o['peak_rss_mb']:.0f} MB"),
        ("relative error against the exact value", fmt_error(o["rel_error"])),
        ("met", "yes" if o["met"] else "**no**"),
    ]
    return "| | |\n| --- | --- |\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)


def render_collectives(data: BenchDocument) -> str:
    c = data.get("collectives")
    if not c:
        return _not_measured("collectives")
    ords = list(dict.fromkeys(r["ord"] for r in c["rows"]))
    paths = list(dict.fromkeys(r["path"] for r in c["rows"]))
    lines = ["| path | " + " | ".join(f"ord = {o}" for o in ords) + " |"]
    lines.append("| --- |" + " --- |" * len(ords))
    for path in paths:
        cells = []
        for o in ords:
            r = next(r for r in c["rows"] if r["path"] == path and r["ord"] == o)
            extra = f" + {r['other']}" if r["other"] else ""
            cells.append(f"{r['all_reduce']} all_reduce{extra}")
        lines.append(f"| {path} | " + " | ".join(cells) + " |")
    note = (
        f"Collectives of one call on {c['world_size']} gloo processes, counted by wrapping "
        "`torch.distributed`'s functions in every process; *+ n*: other collectives "
        "(`all_gather`). One `all_reduce` on every fast path: "
        + ("yes." if c["met"] else "**no**.")
    )
    return "\n".join(lines) + "\n\n" + note


def _args(text: str) -> list[str]:
    return [a.strip() for a in text.split("|")] if text else []


def _n(args: list[str], i: int) -> int | None:
    return int(args[i]) if len(args) > i else None


def render(kind: str, args: list[str], data: BenchDocument) -> str:
    if kind == "machine":
        return render_machine(data)
    if kind == "table":
        return render_table(data, args[0])
    if kind == "targets":
        return render_targets(data)
    if kind == "site":
        return render_site(data)
    if kind == "out-of-core":
        return render_out_of_core(data)
    if kind == "collectives":
        return render_collectives(data)
    if kind == "time":
        c = case(data, args[0])
        return fmt_time(result(c, method(c, args[1]), _n(args, 2))["median_s"])
    if kind == "ratio":
        c = case(data, args[0])
        n = _n(args, 3)
        a, b = result(c, method(c, args[1]), n), result(c, method(c, args[2]), n)
        return fmt_ratio(paired_ratio(a, b))
    if kind == "error":
        c = case(data, args[0])
        return fmt_error(result(c, method(c, args[1]), _n(args, 2)).get("rel_error"))
    if kind == "fastest":
        c = case(data, args[0])
        for name in args[1:]:
            method(c, name)  # every name must exist
        fast = [m["name"] for m in fastest_correct(c)]
        for name in args[1:]:
            if name in fast:
                return f"`{name}`"
        raise PluginError(
            f"performance hook: the page says the fastest correct way of {args[0]!r} is one of "
            f"{args[1:]}, but the numbers say {fast}: update the advice (or re-run the bench)"
        )
    raise PluginError(f"performance hook: unknown marker bench:{kind}")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<!-- bench:" not in markdown:
        return markdown
    if not RESULTS.exists():
        raise PluginError(f"performance hook: {page.file.src_uri} needs {RESULTS} (bench.py)")
    data = load()
    return MARKER.sub(lambda m: render(m["kind"], _args(m["args"]), data), markdown)
