"""The interactive figure ``optimizer-paths`` (docs/assets/live/optimizer-paths.js, on the page
Decoupled weight decay) against PyTorch's optimizers and normdocs.

The figure runs SGD, Adam and AdamW, each with ``weight_decay=λ``, on
f(w) = ½ Σ h_i (w_i - c_i)² in JavaScript, and shows where each run ends, its distance to the
minimizer w* of f + ½λ‖w‖², and w*. Here the same runs are made by ``torch.optim.SGD``,
``torch.optim.Adam`` and ``torch.optim.AdamW`` in float64; SGD and Adam are run a second way,
with ``weight_decay=0`` and the penalty in the loss as ``λ * normdocs.l2_penalty(w)`` (the
two ways must agree: that is what "Adam + L2" means); w* comes from its closed form and the
distances from :func:`normdocs.l2_norm`. Every number of the readout must equal these to the
4 decimals it shows, at settings of each control that include λ = 0 (Adam and AdamW are then
the same algorithm), the smallest and largest learning rates and 10 to 3000 steps. The
statements of the page's paragraph about the figure are checked too.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from playwright.sync_api import Page

import normdocs as nd

from .live_tools import agrees, open_figure, readout, set_control

pytestmark = pytest.mark.browser

NAME = "optimizer-paths"
H = (1.0, 0.02)  # the loss of the figure: f(w) = ½ Σ h_i (w_i - c_i)²
C = (2.0, 2.5)
W0 = (-1.5, -1.5)
RUNS = ("sgd", "adam", "adamw")
DIGITS = 4

# (learning rate, λ, steps): each control at three values or more, with the edges (λ = 0 and
# 1 written as the slider shows them, "0" and "1")
SETTINGS = [
    (0.1, 0.5, 300),  # the figure's defaults
    (0.001, 0, 10),
    (0.3, 0, 300),
    (0.01, 0.1, 1000),
    (0.3, 1, 30),
    (0.05, 0.25, 1000),
    (0.2, 1, 3000),
    (0.002, 0.85, 100),
]


H_T, C_T = torch.tensor(H, dtype=torch.float64), torch.tensor(C, dtype=torch.float64)


def loss(w: torch.Tensor) -> torch.Tensor:
    return 0.5 * (H_T * (w - C_T) ** 2).sum()


def train(kind: str, lr: float, lam: float, steps: int, *, in_loss: bool = False) -> np.ndarray:
    """The last w of ``steps`` steps of torch.optim's ``kind`` with ``weight_decay=lam``, or
    (``in_loss``) with ``weight_decay=0`` and ``lam * nd.l2_penalty(w)`` added to the loss."""
    w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
    decay = 0.0 if in_loss else lam
    optimizer = {
        "sgd": lambda: torch.optim.SGD([w], lr=lr, weight_decay=decay),
        "adam": lambda: torch.optim.Adam([w], lr=lr, weight_decay=decay),
        "adamw": lambda: torch.optim.AdamW([w], lr=lr, weight_decay=decay),
    }[kind]()
    for _ in range(steps):
        optimizer.zero_grad()
        objective = loss(w) + lam * nd.l2_penalty(w) if in_loss else loss(w)
        objective.backward()
        optimizer.step()
    return w.detach().numpy().copy()


def penalized_minimizer(lam: float) -> np.ndarray:
    """argmin f + ½λ‖w‖²: h_i (w_i - c_i) + λ w_i = 0."""
    h, c = np.array(H), np.array(C)
    return h * c / (h + lam)


def reference(lr: float, lam: float, steps: int) -> dict[str, float]:
    """The readout the figure must show, from PyTorch and normdocs."""
    star = penalized_minimizer(lam)
    ends = {kind: train(kind, lr, lam, steps) for kind in RUNS}
    for kind in ("sgd", "adam"):  # weight_decay=λ is the penalty λ·l2_penalty in the loss
        np.testing.assert_allclose(
            train(kind, lr, lam, steps, in_loss=True), ends[kind], rtol=0, atol=1e-9
        )
    numbers = {"star_w1": float(star[0]), "star_w2": float(star[1])}
    for kind, w in ends.items():
        numbers[f"{kind}_w1"] = float(w[0])
        numbers[f"{kind}_w2"] = float(w[1])
        numbers[f"{kind}_dist"] = float(nd.l2_norm(w - star))
    return numbers


def show(figure, lr: float, lam: float, steps: int) -> dict[str, str]:
    set_control(figure, "lr", lr)
    set_control(figure, "lambda", lam)
    set_control(figure, "steps", steps)
    return readout(figure)


def disagreements(shown: dict[str, str], expected: dict[str, float]) -> list[str]:
    assert set(shown) == set(expected), f"readout keys {sorted(shown)}"
    return [
        f"{key}: shown {shown[key]}, PyTorch/normdocs {value!r}"
        for key, value in expected.items()
        if not agrees(shown[key], value, DIGITS)
    ]


@pytest.mark.parametrize(("lr", "lam", "steps"), SETTINGS)
def test_readout_is_pytorch_and_normdocs(site, page: Page, lr, lam, steps) -> None:
    figure = open_figure(page, site, NAME)
    shown = show(figure, lr, lam, steps)
    assert not disagreements(shown, reference(lr, lam, steps))
    if lam == 0:  # Adam and AdamW are the same algorithm: the same numbers
        for key in ("w1", "w2", "dist"):
            assert shown[f"adam_{key}"] == shown[f"adamw_{key}"]


def test_the_pages_statements(site, page: Page) -> None:
    """What the page's paragraph says of the figure: with enough steps SGD and Adam + L2 end
    at w* and AdamW does not, its w₂ far from w*₂; at λ = 1 and learning rate 0.2 AdamW
    reaches (0.92, 0.95) after 300 steps and (0.99, 1.00) after 3000, nearing the corner
    (1, 1) of the box ‖w‖∞ ≤ 1/λ, which is the minimizer of f in the box; at λ = 0 the Adam
    and AdamW paths are one."""
    figure = open_figure(page, site, NAME)
    for lr, lam, steps in ((0.1, 0.5, 300), (0.05, 0.25, 1000), (0.2, 1, 300)):
        shown = show(figure, lr, lam, steps)
        for kind in ("sgd", "adam"):
            assert float(shown[f"{kind}_dist"]) == 0, shown
        assert float(shown["adamw_dist"]) > 0.8, shown
        assert float(shown["adamw_w2"]) - float(shown["star_w2"]) > 0.8, shown
    in_box = np.clip(np.array(C), -1.0, 1.0)  # argmin of the separable f in the box, λ = 1
    assert in_box.tolist() == [1.0, 1.0]
    for steps, end in ((300, ["0.92", "0.95"]), (3000, ["0.99", "1.00"])):
        shown = show(figure, 0.2, 1, steps)
        assert [f"{float(shown[f'adamw_{k}']):.2f}" for k in ("w1", "w2")] == end, shown
    shown = show(figure, 0.02, 0, 300)
    assert [shown[f"adam_{k}"] for k in ("w1", "w2")] == [shown[f"adamw_{k}"] for k in ("w1", "w2")]


def test_chinese_page(site, page: Page) -> None:
    """The Chinese page: the figure draws, with Chinese labels and the same numbers."""
    figure = open_figure(page, site, NAME, language="zh")
    title = figure.locator(".nd-live__title").inner_text()
    assert "相同" in title, title
    labels = figure.locator("label").all_inner_texts()
    assert any("学习率" in text for text in labels) and any("步数" in text for text in labels)
    assert "终点" in figure.locator(".nd-live__readout-title").inner_text()
    lr, lam, steps = 0.05, 0.25, 300
    assert not disagreements(show(figure, lr, lam, steps), reference(lr, lam, steps))
    described = figure.locator("canvas").get_attribute("aria-label") or ""
    assert "等高线" in described, described
