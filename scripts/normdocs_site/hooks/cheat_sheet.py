"""Build step: render the cheat sheet's table from the tested rows of examples/cheat-sheet.py.

The page docs/guides/cheat-sheet.md holds the marker ``<!-- cheat-sheet-table -->``. The
``check`` section of the example file, which the page shows, is run here (its output
silenced): it asserts that the NumPy, PyTorch and normdocs calls of each row give one value,
and leaves the rows in ``ROWS``.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from normdocs_site.i18n import page_language, translate
from normdocs_site.paths import project_root
from normdocs_site.snippet_syntax import section_code

MARKER = "<!-- cheat-sheet-table -->"
EXAMPLE = "examples/cheat-sheet.py"


HEADER = {
    "en": "| what | formula | NumPy | PyTorch | normdocs |",
    "zh": "| 内容 | 公式 | NumPy | PyTorch | normdocs |",
}
# the Chinese name of each row of ROWS (by its English name), in the glossary's terms; a row
# without one fails the Chinese build
ZH = {
    "L1 norm": "L1 范数",
    "L2 norm": "L2 范数",
    "Lp norm, p = 3": "Lp 范数，p = 3",
    "L-infinity norm": "L∞ 范数",
    "L0 (not a norm)": "L0（不是范数）",
    "Frobenius norm": "Frobenius 范数",
    "spectral norm": "谱范数",
    "nuclear norm": "核范数",
    "induced 1-norm (max column sum)": "诱导 1-范数（列绝对值和的最大值）",
    "induced inf-norm (max row sum)": "诱导 ∞-范数（行绝对值和的最大值）",
    "entrywise L1 norm": "逐元素 L1 范数",
    "L2,1 norm (groups = rows)": "L2,1 范数（每行一组）",
    "MSE loss": "均方误差（MSE）损失",
    "MAE (L1) loss": "平均绝对误差（MAE，L1）损失",
    "Huber loss, delta = 1": "Huber 损失，delta = 1",
    "smooth L1 loss, beta = 0.5 (Huber / beta)": "SmoothL1 损失，beta = 0.5（Huber / beta）",
    "L1 penalty": "L1 惩罚项",
    "L2 penalty (weight decay)": "L2 惩罚项（权重衰减）",
    "elastic net, l1_ratio = 0.5": "弹性网络，l1_ratio = 0.5",
    "soft-thresholding (L1 prox)": "软阈值（L1 的近端算子）",
    "group soft-thresholding (L2,1 prox, groups = rows)": "组软阈值（L2,1 的近端算子，每行一组）",
    "projection onto the L2 ball, radius 1": "投影到 L2 球上，半径 1",
    "projection onto the L1 ball, radius 1, of x outside it; u: the sorted |x_i|, largest first": (
        "把 L1 球外的 x 投影到半径为 1 的 L1 球上；u：按从大到小排序的 |x_i|"
    ),
    "projection onto the L-infinity ball, radius t": "投影到 L∞ 球上，半径 t",
    "L2 normalization": "L2 归一化",
    "cosine similarity": "余弦相似度",
}


def table(example: Path, language: str = "en") -> str:
    """The table's Markdown, from the rows that the ``check`` section of ``example`` asserts,
    with the names of the rows in ``language``."""
    namespace: dict[str, Any] = {"__name__": "cheat_sheet"}
    code = section_code(example, "check")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, str(example), "exec"), namespace)
    lines = [HEADER[language], "| --- | --- | --- | --- | --- |"]
    for what, tex, numpy_call, torch_call, normdocs_call in namespace["ROWS"]:
        what = translate(what, language, ZH, f"{__name__}.ZH")
        tex = " ".join(tex.split())
        lines.append(f"| {what} | ${tex}$ | `{numpy_call}` | `{torch_call}` | `{normdocs_call}` |")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri not in ("guides/cheat-sheet.md", "guides/cheat-sheet.zh.md"):
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"{page.file.src_uri}: the marker {MARKER} is missing")
    example = project_root(config) / EXAMPLE
    return markdown.replace(MARKER, table(example, page_language(page)))
