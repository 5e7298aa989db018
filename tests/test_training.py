"""End to end: penalties in a torch training loop, and soft_threshold in a lasso solver."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

import normdocs as nd

STEPS = 20


def _regression_problem(seed: int = 0) -> tuple[torch.nn.Linear, torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(64, 5, generator=g, dtype=torch.float64)
    w_true = torch.tensor([[1.5], [-2.0], [0.0], [0.5], [3.0]], dtype=torch.float64)
    y = x @ w_true + 0.7 + 0.1 * torch.randn(64, 1, generator=g, dtype=torch.float64)
    torch.manual_seed(seed)
    model = torch.nn.Linear(5, 1).double()
    return model, x, y


def _train(
    model: torch.nn.Module,
    opt: torch.optim.Optimizer,
    x: torch.Tensor,
    y: torch.Tensor,
    loss_fn: Callable[[torch.nn.Module, torch.Tensor], torch.Tensor],
) -> list[list[torch.Tensor]]:
    """STEPS minibatch steps (a fixed batch order); the parameters after each step."""
    order = torch.randperm(64, generator=torch.Generator().manual_seed(1))
    history = []
    for step in range(STEPS):
        idx = order[(16 * step) % 64 : (16 * step) % 64 + 16]
        opt.zero_grad()
        loss_fn(model, F.mse_loss(model(x[idx]), y[idx])).backward()
        opt.step()
        history.append([p.detach().clone() for p in model.parameters()])
    return history


@pytest.mark.parametrize(
    "sgd_options",
    [
        {},
        {"momentum": 0.9},
        {"momentum": 0.9, "nesterov": True},
        {"momentum": 0.5, "dampening": 0.1},
    ],
    ids=["plain", "momentum", "nesterov", "dampening"],
)
@pytest.mark.parametrize("lam", [1e-3, 0.1, 1.0])
def test_l2_penalty_follows_sgd_weight_decay(sgd_options: dict[str, Any], lam: float) -> None:
    """loss + lam * l2_penalty(model) with SGD == SGD(weight_decay=lam), step by step."""
    model, x, y = _regression_problem()
    twin = copy.deepcopy(model)

    ref_opt = torch.optim.SGD(model.parameters(), lr=0.05, weight_decay=lam, **sgd_options)
    reference = _train(model, ref_opt, x, y, lambda m, data: data)

    opt = torch.optim.SGD(twin.parameters(), lr=0.05, **sgd_options)
    ours = _train(twin, opt, x, y, lambda m, data: nd.regularized_loss(data, m, l2=lam))

    assert len(ours) == STEPS
    for step, (got, expected) in enumerate(zip(ours, reference, strict=True)):
        for g, e in zip(got, expected, strict=True):
            torch.testing.assert_close(g, e, rtol=1e-14, atol=1e-15, msg=f"step {step}")
    # the run did move the weights: the comparison is not vacuous
    assert not torch.allclose(ours[-1][0], ours[0][0])


def test_lam_times_l2_penalty_matches_weight_decay_without_regularized_loss() -> None:
    model, x, y = _regression_problem(2)
    twin = copy.deepcopy(model)
    lam = 0.3
    reference = _train(
        model, torch.optim.SGD(model.parameters(), lr=0.1, weight_decay=lam), x, y, lambda m, d: d
    )
    ours = _train(
        twin,
        torch.optim.SGD(twin.parameters(), lr=0.1),
        x,
        y,
        lambda m, d: d + lam * nd.l2_penalty(m.parameters()),
    )
    for got, expected in zip(ours, reference, strict=True):
        for g, e in zip(got, expected, strict=True):
            torch.testing.assert_close(g, e, rtol=1e-14, atol=1e-15)


def test_l1_penalty_sgd_step_is_a_sign_step() -> None:
    """With l1=lam, one SGD step is w - lr * (grad + lam * sign(w)), computed by hand."""
    model, x, y = _regression_problem(3)
    with torch.no_grad():
        model.weight[0, 2] = 0.0  # sign(0) = 0: no push at an exact zero
    lam, lr = 0.2, 0.05
    before = [p.detach().clone() for p in model.parameters()]
    data = F.mse_loss(model(x), y)
    grads = torch.autograd.grad(data, list(model.parameters()))
    expected = [w - lr * (g + lam * torch.sign(w)) for w, g in zip(before, grads, strict=True)]

    opt = torch.optim.SGD(model.parameters(), lr=lr)
    opt.zero_grad()
    nd.regularized_loss(F.mse_loss(model(x), y), model, l1=lam).backward()
    opt.step()
    for p, e in zip(model.parameters(), expected, strict=True):
        torch.testing.assert_close(p.detach(), e, rtol=1e-14, atol=1e-15)


# --------------------------------------------------------------------------------------------
# ISTA / FISTA with soft_threshold reaches scikit-learn's Lasso
# --------------------------------------------------------------------------------------------

ALPHA = 0.1  # on diabetes: 3 of the 10 coefficients are exactly 0


def _diabetes() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x, y = load_diabetes(return_X_y=True)  # bundled with scikit-learn, no download
    return x - x.mean(axis=0), y - y.mean(), x, y


def _proximal_gradient(
    x: np.ndarray, y: np.ndarray, alpha: float, *, accelerated: bool, lib: str, max_iter: int
) -> np.ndarray:
    """Minimize (1/(2n)) ||y - Xw||^2 + alpha ||w||_1 with steps 1/L and soft_threshold."""
    n = x.shape[0]
    gram, xty = x.T @ x / n, x.T @ y / n
    lipschitz = float(np.linalg.eigvalsh(gram)[-1])  # largest eigenvalue of X^T X / n
    if lib == "torch":
        gram_t, xty_t = torch.from_numpy(gram), torch.from_numpy(xty)
        w: Any = torch.zeros(x.shape[1], dtype=torch.float64)
    else:
        gram_t, xty_t = gram, xty
        w = np.zeros(x.shape[1])
    z, t = w, 1.0
    for _ in range(max_iter):
        w_next = nd.soft_threshold(z - (gram_t @ z - xty_t) / lipschitz, alpha / lipschitz)
        if accelerated:  # FISTA
            t_next = (1.0 + (1.0 + 4.0 * t * t) ** 0.5) / 2.0
            z = w_next + ((t - 1.0) / t_next) * (w_next - w)
            t = t_next
        else:
            z = w_next
        done = float(abs(w_next - w).max()) < 1e-13
        w = w_next
        if done:
            break
    return w.numpy() if lib == "torch" else w


@pytest.mark.parametrize(
    ("lib", "accelerated", "max_iter"),
    [("numpy", True, 20_000), ("torch", True, 20_000), ("numpy", False, 100_000)],
    ids=["fista-numpy", "fista-torch", "ista-numpy"],
)
def test_ista_reaches_sklearn_lasso(lib: str, accelerated: bool, max_iter: int) -> None:
    xc, yc, x_raw, y_raw = _diabetes()
    lasso = Lasso(alpha=ALPHA, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(xc, yc)
    ref = lasso.coef_
    assert 0 < np.count_nonzero(ref) < ref.size  # some zeros and some nonzeros

    w = _proximal_gradient(xc, yc, ALPHA, accelerated=accelerated, lib=lib, max_iter=max_iter)
    np.testing.assert_allclose(w, ref, rtol=0, atol=1e-6)
    np.testing.assert_array_equal(w == 0, ref == 0)  # exact zeros, thanks to soft_threshold

    # centring is how the intercept is handled: same as Lasso with fit_intercept=True
    with_intercept = Lasso(alpha=ALPHA, tol=1e-14, max_iter=1_000_000).fit(x_raw, y_raw)
    np.testing.assert_allclose(w, with_intercept.coef_, rtol=0, atol=1e-6)
    intercept = y_raw.mean() - x_raw.mean(axis=0) @ w
    assert intercept == pytest.approx(with_intercept.intercept_, abs=1e-6)
