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

The markers render in the page's language (:func:`normdocs_site.i18n.page_language`). The
code's English strings are the English text; :data:`ZH` gives each its Chinese, and the
dictionaries ``*_ZH`` below it the Chinese of the English texts that come from the JSON (a
target's text, a case's timing, ...). A text without its Chinese fails the Chinese build,
naming the text and the dictionary: the Chinese page is never left with English in it.
"""

from __future__ import annotations

import math
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from normdocs_site import i18n
from normdocs_site.bench import schema
from normdocs_site.bench.schema import (
    BenchDocument,
    CaseResult,
    MethodResult,
    SizeResult,
    paired_ratio,
)
from normdocs_site.i18n import page_language
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


# ---------------------------------------------------------------------------- languages

# The Chinese of every English string the renderers write (format strings: the same fields).
ZH = {
    # the machine
    "measured on": "测量日期",
    "CPU": "处理器",
    "{cpu}, {cores} cores": "{cpu}，{cores} 核",
    "memory": "内存",
    "system": "系统",
    "{platform}": "`{platform}`",  # an identifier, as code
    "versions": "版本",
    ", ": "、",
    "thread pools": "线程池",
    "{api} ({threads} threads)": "`{api}`（{threads} 个线程）",
    "; ": "；",
    "unknown": "未知",
    "load average": "平均负载",
    "{before:.1f} before, {after:.1f} after (other work on the machine; ratios are of "
    "interleaved runs)": (
        "运行前 {before:.1f}，运行后 {after:.1f}"
        "（机器上同时运行着其他任务；比值来自交错进行的测量）"
    ),
    "command": "命令",
    "`{command}`, {rounds} rounds, {seconds:.0f} s": "`{command}`，{rounds} 轮，{seconds:.0f} s",
    # a case's table
    "method": "方法",
    "÷ floor": "÷ 下限",
    "÷ fastest other": "÷ 其他写法中最快的",
    "rel. error": "相对误差",
    "edge cases": "边界情况",
    "gradient": "梯度",
    "max error {error}": "最大误差 {error}",
    "(not a norm)": "（不是范数）",
    "raises {exception}": "抛出 `{exception}`",
    "{value}": "`{value}`",  # what a method gave (its repr), as code
    " ({timing})": "（{timing}）",
    "Median time of one call{timing}, {dtype}, n {size_label}; ratio at n = {n}, the median "
    "over the rounds of the two times of a round. Bold: the fastest correct way.": (
        "单次调用{timing}的中位耗时，{dtype}，n 为{size_label}；比值对应 n = {n}，"
        "取各轮中两者耗时之比的中位数。加粗：最快的正确写法。"
    ),
    # the targets
    "| target | n | ratio | ratio of the best times | measured against | met |": (
        "| 目标 | n | 比值 | 最佳时间之比 | 对照 | 达标 |"
    ),
    "{ratio} (limit {limit}x)": "{ratio}（上限 {limit}x）",
    "yes": "是",
    "**no**": "**否**",
    "Ratio: the median over the rounds of the two times of a round (what *met* is about). "
    "Ratio of the best times: the fastest of each, less sensitive to the machine's load.": (
        "比值：各轮中两者耗时之比的中位数（“达标”看的就是它）。"
        "最佳时间之比：两者各自最快一次的耗时之比，受机器负载的影响较小。"
    ),
    # the site
    "*Not measured yet: `{command}`.*": "*尚未测量：`{command}`。*",
    "clean strict build": "从零开始的严格构建",
    "peak memory of the build": "构建的峰值内存",
    "{mb:.0f} MB, {note}": "{mb:.0f} MB，{note}",
    "`mkdocs serve`: first build": "`mkdocs serve`：首次构建",
    "`mkdocs serve`: rebuild after saving `{touched}`": (
        "`mkdocs serve`：保存 `{touched}` 后重新构建"
    ),
    "{rebuilds} (median {median:.1f} s)": "{rebuilds}（中位数 {median:.1f} s）",
    # at scale
    "*Not measured yet ({what}): `{command}`.*": "*尚未测量（{what}）：`{command}`。*",
    "out of core": "核外计算",
    "collectives": "集合通信",
    "array": "数组",
    "{gb:.1f} GB of {dtype}, {chunks} chunks of {mb:.0f} MB made on demand": (
        "{gb:.1f} GB 的 {dtype} 数据，共 {chunks} 个按需生成的 {mb:.0f} MB 分块"
    ),
    "building the lazy result": "构建惰性结果",
    "computing it": "执行计算",
    "{seconds:.2f} s, {gbps:.1f} GB/s ({workers} scheduler thread)": (
        "{seconds:.2f} s，{gbps:.1f} GB/s（调度器使用 {workers} 个线程）"
    ),
    "{seconds:.2f} s, {gbps:.1f} GB/s ({workers} scheduler threads)": (
        "{seconds:.2f} s，{gbps:.1f} GB/s（调度器使用 {workers} 个线程）"
    ),
    "`np.linalg.norm` of one chunk in memory": "对内存中的一个分块调用 `np.linalg.norm`",
    "throughput ratio (target at least 0.8x)": "吞吐量之比（目标：至少 0.8x）",
    "peak memory of the process (target under 1 GB)": "进程的峰值内存（目标：低于 1 GB）",
    "relative error against the exact value": "与精确值的相对误差",
    "met": "达标",
    "| path | ": "| 路径 | ",
    "ord = {ord}": "`ord = {ord}`",
    "{calls} all_reduce{extra}": "{calls} 次 `all_reduce`{extra}",
    "Collectives of one call on {processes} gloo processes, counted by wrapping "
    "`torch.distributed`'s functions in every process; *+ n*: other collectives "
    "(`all_gather`). One `all_reduce` on every fast path: {met}": (
        "单次调用在 {processes} 个 gloo 进程上发起的集合通信，"
        "通过在每个进程中包装 `torch.distributed` 的函数来计数；"
        "*+ n*：其他集合通信（`all_gather`）的次数。每条快速路径上都只有一次 `all_reduce`：{met}"
    ),
    "yes.": "是。",
    "**no**.": "**否**。",
}

# The Chinese of the English texts that bench.json holds (its values, by what they are)
TARGETS_ZH = {  # a target's text (normdocs_site.bench.targets)
    "l2_norm at most 1.1x np.linalg.norm": "`l2_norm` 的耗时不超过 `np.linalg.norm` 的 1.1x",
    "l2_norm at most 0.5x scipy.linalg.norm": "`l2_norm` 的耗时不超过 `scipy.linalg.norm` 的 0.5x",
    "l1_norm at most 1.5x one read of x (np.dot(x, x))": (
        "`l1_norm` 的耗时不超过把 `x` 读一遍（`np.dot(x, x)`）的 1.5x"
    ),
    "linf_norm at most 1.5x one read of x (np.dot(x, x))": (
        "`linf_norm` 的耗时不超过把 `x` 读一遍（`np.dot(x, x)`）的 1.5x"
    ),
    "l2_norm of 1,000 elements at most 3x np.linalg.norm(x)": (
        "1000 个元素时，`l2_norm` 的耗时不超过 `np.linalg.norm(x)` 的 3x"
    ),
    "l1_norm of 1,000 elements at most 3x np.linalg.norm(x, 1)": (
        "1000 个元素时，`l1_norm` 的耗时不超过 `np.linalg.norm(x, 1)` 的 3x"
    ),
    "linf_norm of 1,000 elements at most 3x np.linalg.norm(x, np.inf)": (
        "1000 个元素时，`linf_norm` 的耗时不超过 `np.linalg.norm(x, np.inf)` 的 3x"
    ),
    "l1_norm of a float32 tensor at most 1.1x torch.linalg.vector_norm(t, 1)": (
        "float32 张量上，`l1_norm` 的耗时不超过 `torch.linalg.vector_norm(t, 1)` 的 1.1x"
    ),
    "l2_norm of a float32 tensor at most 1.1x torch.linalg.vector_norm(t)": (
        "float32 张量上，`l2_norm` 的耗时不超过 `torch.linalg.vector_norm(t)` 的 1.1x"
    ),
    "linf_norm of a float32 tensor at most 1.1x torch.linalg.vector_norm(t, inf)": (
        "float32 张量上，`linf_norm` 的耗时不超过 `torch.linalg.vector_norm(t, inf)` 的 1.1x"
    ),
    "l1_penalty, forward and backward, at most 1.2x the fastest plain PyTorch": (
        "`l1_penalty`（前向与反向合计）的耗时不超过最快的纯 PyTorch 写法的 1.2x"
    ),
    "l2_penalty, forward and backward, at most 1.2x the fastest plain PyTorch": (
        "`l2_penalty`（前向与反向合计）的耗时不超过最快的纯 PyTorch 写法的 1.2x"
    ),
    "clip_grad_norm_ at most 1.1x torch.nn.utils.clip_grad_norm_(foreach=True)": (
        "`clip_grad_norm_` 的耗时不超过 `torch.nn.utils.clip_grad_norm_(foreach=True)` 的 1.1x"
    ),
    "mse_loss at most 1.1x F.mse_loss (smallest size)": (
        "`mse_loss` 的耗时不超过 `F.mse_loss` 的 1.1x（最小规模）"
    ),
    "mse_loss at most 1.1x F.mse_loss (largest size)": (
        "`mse_loss` 的耗时不超过 `F.mse_loss` 的 1.1x（最大规模）"
    ),
    "l1_loss at most 1.1x F.l1_loss (smallest size)": (
        "`l1_loss` 的耗时不超过 `F.l1_loss` 的 1.1x（最小规模）"
    ),
    "l1_loss at most 1.1x F.l1_loss (largest size)": (
        "`l1_loss` 的耗时不超过 `F.l1_loss` 的 1.1x（最大规模）"
    ),
    "huber_loss at most 1.1x F.huber_loss (smallest size)": (
        "`huber_loss` 的耗时不超过 `F.huber_loss` 的 1.1x（最小规模）"
    ),
    "huber_loss at most 1.1x F.huber_loss (largest size)": (
        "`huber_loss` 的耗时不超过 `F.huber_loss` 的 1.1x（最大规模）"
    ),
}
TIMING_ZH = {"one call": "单次调用", "forward and backward": "前向与反向合计"}  # a case's timing
SIZE_LABEL_ZH = {"elements": "元素个数", "parameters": "参数个数"}  # what a case's n counts
EDGE_ZH = {  # the name of an edge input (normdocs_site.bench.cases)
    "nan": "NaN",
    "inf": "无穷大",
    "overflow": "上溢",
    "underflow": "下溢",
    "nan-first": "开头的 NaN",
    "nan-middle": "中间的 NaN",
    "nan-last": "末尾的 NaN",
    "negative-max": "绝对值最大者为负",
}
PATH_ZH = {"fast": "快速路径", "fallback": "回退路径"}  # a row of the collectives
LIBRARY_ZH = {"python": "Python", "numpy": "NumPy", "scipy": "SciPy", "torch": "PyTorch"}
PEAK_RSS_NOTE_ZH = {  # the site's peak_rss_note
    "the largest resident set of one process of the build": "构建中单个进程的最大常驻内存",
}


def translate(text: str, language: str, table: dict[str, str] = ZH, name: str = "ZH") -> str:
    """``text`` (English) in ``language``, its Chinese from ``table``, the dictionary ``name``
    of this module (:func:`normdocs_site.i18n.translate`)."""
    return i18n.translate(text, language, table, f"{__name__}.{name}")


# ---------------------------------------------------------------------------- formatting


def fmt_time(s: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            v = s / scale
            return f"{v:.3g} {unit}" if v < 100 else f"{v:.0f} {unit}"
    return f"{s * 1e9:.2g} ns"


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt_size(n: int, language: str = "en") -> str:
    k = math.log10(n)
    if k == round(k):
        return "10" + str(round(k)).translate(SUPERSCRIPT)
    if n < 1e6:
        return f"{n:,}"
    if language == "zh":  # in 万 (10⁴), to the precision of the English millions
        return f"{round(n / 1e5) * 10} 万"
    return f"{n / 1e6:.1f} M"


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


def _rows(rows: list[tuple[str, str]]) -> str:
    """A table of two columns without a header."""
    return "| | |\n| --- | --- |\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)


def render_machine(data: BenchDocument, language: str = "en") -> str:
    def t(text: str) -> str:
        return translate(text, language)

    m = data["machine"]
    versions = t(", ").join(
        f"{translate(name, language, LIBRARY_ZH, 'LIBRARY_ZH')} {m[name]}"
        for name in ("python", "numpy", "scipy", "torch")
        if name in m
    )
    pools = m.get("threadpools", [])
    pool = t("{api} ({threads} threads)")
    blas = sorted({pool.format(api=p["internal_api"], threads=p["num_threads"]) for p in pools})
    load = t(
        "{before:.1f} before, {after:.1f} after (other work on the machine; ratios are of "
        "interleaved runs)"
    )
    command = t("`{command}`, {rounds} rounds, {seconds:.0f} s")
    rows = [
        (t("measured on"), m["date"]),
        (t("CPU"), t("{cpu}, {cores} cores").format(cpu=m["cpu"], cores=m["cores"])),
        (t("memory"), f"{m.get('memory_gb', '?')} GB"),
        (t("system"), t("{platform}").format(platform=m["platform"])),
        (t("versions"), versions),
        (t("thread pools"), t("; ").join(blas) or t("unknown")),
        (
            t("load average"),
            load.format(before=m["load_average_before"][0], after=m["load_average_after"][0]),
        ),
        (
            t("command"),
            command.format(command=data["command"], rounds=data["rounds"], seconds=data["seconds"]),
        ),
    ]
    return _rows(rows)


def _edge_text(m: MethodResult, language: str = "en") -> str:
    def t(text: str) -> str:
        return translate(text, language)

    if m["role"] == "floor":
        return t("(not a norm)")

    def got(value: str) -> str:  # a repr, or "raises ValueError"
        if value.startswith("raises "):
            return t("raises {exception}").format(exception=value.removeprefix("raises "))
        return t("{value}").format(value=value)

    bad = [
        f"{translate(name, language, EDGE_ZH, 'EDGE_ZH')} → {got(e['got'])}"
        for name, e in m["edge_cases"].items()
        if not e["ok"]
    ]
    if bad:
        return "✗ " + t(", ").join(bad)
    return "✓" if m["edge_cases"] else ""


def render_table(data: BenchDocument, case_id: str, language: str = "en") -> str:
    def t(text: str) -> str:
        return translate(text, language)

    c = case(data, case_id)
    base = baseline(c)
    divide = t("÷ floor") if base["role"] == "floor" else t("÷ fastest other")
    methods = sorted(c["methods"], key=lambda m: result(c, m, None)["median_s"])
    best = {id(m) for m in fastest_correct(c)[:1]}
    sizes = c["sizes"]
    grads = any("grad_error" in r for m in c["methods"] for r in m["results"])
    last_head = [t("edge cases")] if c["edge_inputs"] else [t("gradient")] if grads else []
    head = (
        [t("method")]
        + [f"n = {fmt_size(n, language)}" for n in sizes]
        + [divide, t("rel. error"), *last_head]
    )
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for m in methods:
        name = f"`{m['name']}`"
        if id(m) in best:
            name = f"**{name}**"
        times = [fmt_time(result(c, m, n)["median_s"]) for n in sizes]
        r = result(c, m, None)
        if c["edge_inputs"]:
            last = [_edge_text(m, language)]
        elif grads:
            error = t("max error {error}").format(error=fmt_error(r.get("grad_error")))
            last = [error if "grad_error" in r else ""]
        else:
            last = []
        ratio = fmt_ratio(paired_ratio(r, result(c, base, None)))
        row = [name, *times, ratio, fmt_error(r.get("rel_error")), *last]
        lines.append("| " + " | ".join(row) + " |")
    timing = (
        ""
        if c["timing"] == "one call"
        else t(" ({timing})").format(
            timing=translate(c["timing"], language, TIMING_ZH, "TIMING_ZH")
        )
    )
    note = t(
        "Median time of one call{timing}, {dtype}, n {size_label}; ratio at n = {n}, the median "
        "over the rounds of the two times of a round. Bold: the fastest correct way."
    ).format(
        timing=timing,
        dtype=c["dtype"],
        size_label=translate(c["size_label"], language, SIZE_LABEL_ZH, "SIZE_LABEL_ZH"),
        n=fmt_size(sizes[-1], language),
    )
    return "\n".join(lines) + "\n\n" + note


def render_targets(data: BenchDocument, language: str = "en") -> str:
    def t(text: str) -> str:
        return translate(text, language)

    head = t("| target | n | ratio | ratio of the best times | measured against | met |")
    lines = [head, "| --- | --- | --- | --- | --- | --- |"]
    for x in data["targets"]:
        text = translate(x["text"], language, TARGETS_ZH, "TARGETS_ZH")
        ratio = t("{ratio} (limit {limit}x)").format(
            ratio=fmt_ratio(x["ratio"]), limit=x["max_ratio"]
        )
        lines.append(
            f"| {text} | {fmt_size(x['n'], language)} | {ratio} | {fmt_ratio(x['ratio_best'])} "
            f"| `{x['baseline']}` | {t('yes') if x['met'] else t('**no**')} |"
        )
    note = t(
        "Ratio: the median over the rounds of the two times of a round (what *met* is about). "
        "Ratio of the best times: the fastest of each, less sensitive to the machine's load."
    )
    return "\n".join(lines) + "\n\n" + note


def render_site(data: BenchDocument, language: str = "en") -> str:
    def t(text: str) -> str:
        return translate(text, language)

    s = data.get("site")
    if not s:  # the first build, before they were measured (bench.py --site measures a build)
        command = "python scripts/bench.py --site-only --out docs/performance/bench.json"
        return t("*Not measured yet: `{command}`.*").format(command=command)
    serve = s["serve"]
    note = translate(s["peak_rss_note"], language, PEAK_RSS_NOTE_ZH, "PEAK_RSS_NOTE_ZH")
    rebuilds = t(", ").join(f"{r['seconds']:.1f} s" for r in serve["rebuilds"])
    rows = [
        (t("clean strict build"), t(", ").join(f"{b['seconds']:.1f} s" for b in s["builds"])),
        (
            t("peak memory of the build"),
            t("{mb:.0f} MB, {note}").format(mb=s["peak_rss_mb"], note=note),
        ),
        (t("`mkdocs serve`: first build"), f"{serve['first_build']['seconds']:.1f} s"),
        (
            t("`mkdocs serve`: rebuild after saving `{touched}`").format(touched=serve["touched"]),
            t("{rebuilds} (median {median:.1f} s)").format(
                rebuilds=rebuilds, median=serve["rebuild_median_s"]
            ),
        ),
    ]
    return _rows(rows)


def _not_measured(what: str, language: str = "en") -> str:
    return translate("*Not measured yet ({what}): `{command}`.*", language).format(
        what=translate(what, language),
        command="python scripts/bench.py --scale --merge --only ...",
    )


def render_out_of_core(data: BenchDocument, language: str = "en") -> str:
    def t(text: str) -> str:
        return translate(text, language)

    o = data.get("out_of_core")
    if not o:
        return _not_measured("out of core", language)
    array = t("{gb:.1f} GB of {dtype}, {chunks} chunks of {mb:.0f} MB made on demand")
    computing = t(
        "{seconds:.2f} s, {gbps:.1f} GB/s ({workers} scheduler threads)"
        if o["workers"] > 1
        else "{seconds:.2f} s, {gbps:.1f} GB/s ({workers} scheduler thread)"
    )
    rows = [
        (
            t("array"),
            array.format(
                gb=o["array_bytes"] / 1e9,
                dtype=o["dtype"],
                chunks=o["chunks"],
                mb=o["chunk_bytes"] / 1e6,
            ),
        ),
        (t("building the lazy result"), fmt_time(o["graph_seconds"])),
        (
            t("computing it"),
            computing.format(seconds=o["seconds"], gbps=o["throughput_gbps"], workers=o["workers"]),
        ),
        (t("`np.linalg.norm` of one chunk in memory"), f"{o['numpy_chunk_gbps']:.1f} GB/s"),
        (t("throughput ratio (target at least 0.8x)"), fmt_ratio(o["throughput_ratio"])),
        (t("peak memory of the process (target under 1 GB)"), f"{o['peak_rss_mb']:.0f} MB"),
        (t("relative error against the exact value"), fmt_error(o["rel_error"])),
        (t("met"), t("yes") if o["met"] else t("**no**")),
    ]
    return _rows(rows)


def render_collectives(data: BenchDocument, language: str = "en") -> str:
    def t(text: str) -> str:
        return translate(text, language)

    c = data.get("collectives")
    if not c:
        return _not_measured("collectives", language)
    ords = list(dict.fromkeys(r["ord"] for r in c["rows"]))
    paths = list(dict.fromkeys(r["path"] for r in c["rows"]))
    lines = [t("| path | ") + " | ".join(t("ord = {ord}").format(ord=o) for o in ords) + " |"]
    lines.append("| --- |" + " --- |" * len(ords))
    for path in paths:
        cells = []
        for o in ords:
            r = next(r for r in c["rows"] if r["path"] == path and r["ord"] == o)
            extra = f" + {r['other']}" if r["other"] else ""
            cells.append(t("{calls} all_reduce{extra}").format(calls=r["all_reduce"], extra=extra))
        name = translate(path, language, PATH_ZH, "PATH_ZH")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    note = t(
        "Collectives of one call on {processes} gloo processes, counted by wrapping "
        "`torch.distributed`'s functions in every process; *+ n*: other collectives "
        "(`all_gather`). One `all_reduce` on every fast path: {met}"
    ).format(processes=c["world_size"], met=t("yes.") if c["met"] else t("**no**."))
    return "\n".join(lines) + "\n\n" + note


def _args(text: str) -> list[str]:
    return [a.strip() for a in text.split("|")] if text else []


def _n(args: list[str], i: int) -> int | None:
    return int(args[i]) if len(args) > i else None


def render(kind: str, args: list[str], data: BenchDocument, language: str = "en") -> str:
    """The Markdown of the marker ``bench:kind args`` in ``language`` ("en" or "zh")."""
    if kind == "machine":
        return render_machine(data, language)
    if kind == "table":
        return render_table(data, args[0], language)
    if kind == "targets":
        return render_targets(data, language)
    if kind == "site":
        return render_site(data, language)
    if kind == "out-of-core":
        return render_out_of_core(data, language)
    if kind == "collectives":
        return render_collectives(data, language)
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
    language = page_language(page)
    return MARKER.sub(lambda m: render(m["kind"], _args(m["args"]), data, language), markdown)
