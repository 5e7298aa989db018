"""Figures of docs/guides/tuning-lambda.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from scipy.optimize import minimize
from sklearn.linear_model import Lasso, LassoCV, LassoLarsIC
from sklearn.model_selection import KFold


def cv_curve() -> dict[str, np.ndarray | float]:
    """The page's ``compare`` example: LassoCV's curve, the 1-SE alpha, AIC, BIC, test errors."""
    rng = np.random.default_rng(0)
    n, d = 100, 50
    w_true = np.zeros(d)
    w_true[:5] = [3.0, -2.0, 1.5, 1.0, -1.0]

    def sample(m: int) -> tuple[np.ndarray, np.ndarray]:
        X = rng.normal(size=(m, d))
        return X, X @ w_true + 2.0 * rng.normal(size=m)

    X, y = sample(n)
    X_test, y_test = sample(5000)
    lasso_cv = LassoCV(cv=KFold(5, shuffle=True, random_state=0)).fit(X, y)
    alphas = np.asarray(lasso_cv.alphas_)
    mean = lasso_cv.mse_path_.mean(axis=1)
    se = lasso_cv.mse_path_.std(axis=1, ddof=1) / np.sqrt(5)
    i = int(mean.argmin())
    alpha_1se = float(alphas[mean <= mean[i] + se[i]].max())
    test = np.array(
        [np.mean((Lasso(alpha=a).fit(X, y).predict(X_test) - y_test) ** 2) for a in alphas]
    )
    return {
        "alphas": alphas,
        "mean": mean,
        "se": se,
        "test": test,
        "alpha_min": float(lasso_cv.alpha_),
        "alpha_1se": alpha_1se,
        "aic": float(LassoLarsIC(criterion="aic").fit(X, y).alpha_),
        "bic": float(LassoLarsIC(criterion="bic").fit(X, y).alpha_),
    }


def pinv_distances() -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The page's ``pinv-numpy`` data: |w(alpha) - pinv(X) y| in the primal and the dual form."""
    rng = np.random.default_rng(0)
    n, d = 20, 50
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    U, s, _ = np.linalg.svd(X, full_matrices=False)
    w_pinv = np.linalg.pinv(X) @ y
    alphas = np.logspace(-14, 2, 97)
    primal, dual = [], []
    for alpha in alphas:
        w_primal = np.linalg.solve(X.T @ X + alpha * np.eye(d), X.T @ y)
        w_dual = X.T @ np.linalg.solve(X @ X.T + alpha * np.eye(n), y)
        primal.append(np.linalg.norm(w_primal - w_pinv))
        dual.append(np.linalg.norm(w_dual - w_pinv))
    slope = float(np.linalg.norm((U.T @ y) / s**3))
    return alphas, np.array(primal), np.array(dual), slope


def logistic_norms(steps: int = 10**4) -> tuple[np.ndarray, dict[float, np.ndarray], float]:
    """The page's ``logistic-gd`` example: |w_t| of gradient descent, and |w_svm|."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    score = X @ np.array([1.0, 1.0])
    keep = np.abs(score) > 0.5
    X, y = X[keep][:40], np.where(score[keep][:40] > 0, 1.0, -1.0)
    margins = {"type": "ineq", "fun": lambda w: y * (X @ w) - 1, "jac": lambda w: y[:, None] * X}
    w_svm = minimize(
        lambda w: 0.5 * w @ w,
        np.ones(2),
        jac=lambda w: w,
        constraints=[margins],
        method="SLSQP",
        tol=1e-14,
    ).x
    norms = {}
    for lam in (0.0, 0.01):
        w, path = np.zeros(2), []
        for _ in range(steps):
            p = 1.0 / (1.0 + np.exp(y * (X @ w)))
            w -= -(X.T @ (y * p)) / len(y) + lam * w
            path.append(np.linalg.norm(w))
        norms[lam] = np.array(path)
    return np.arange(1, steps + 1), norms, float(np.linalg.norm(w_svm))


def figures() -> dict[str, Figure]:
    c = cv_curve()
    alphas, mean, se = c["alphas"], c["mean"], c["se"]
    cfig, cax = plt.subplots(figsize=(9, 3.8))
    cax.fill_between(alphas, mean - se, mean + se, alpha=0.25, color="C0", label="± 1 SE")
    cax.plot(alphas, mean, color="C0", label="5-fold CV MSE (LassoCV)")
    cax.plot(alphas, c["test"], color="C1", label="test MSE, 5,000 new samples")
    cax.axhline(4.0, color="gray", linestyle=":", linewidth=1, label="noise variance 4")
    for key, color, text in (
        ("alpha_min", "C0", "CV min"),
        ("alpha_1se", "C2", "1-SE"),
        ("aic", "C3", "AIC"),
        ("bic", "C4", "BIC"),
    ):
        alpha = float(c[key])
        cax.axvline(alpha, color=color, linestyle="--", linewidth=1, label=f"{text}: {alpha:.3f}")
    cax.set_xscale("log")
    cax.set_xlabel(r"Lasso $\alpha$")
    cax.set_ylabel("mean squared error")
    cax.set_ylim(3, 16)
    cax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    cfig.tight_layout()

    alphas_p, primal, dual, slope = pinv_distances()
    pfig, pax = plt.subplots(figsize=(7, 3.6))
    pax.loglog(alphas_p, primal, label=r"primal $(X^\top X + \alpha I)^{-1} X^\top y$")
    pax.loglog(alphas_p, dual, "--", label=r"dual $X^\top (X X^\top + \alpha I)^{-1} y$")
    pax.loglog(
        alphas_p,
        slope * alphas_p,
        ":",
        color="black",
        label=rf"${slope:.4f}\,\alpha$ (first order)",
    )
    pax.set_xlabel(r"$\alpha$")
    pax.set_ylabel(r"$\|w(\alpha) - X^+ y\|_2$")
    pax.legend(fontsize=8)
    pfig.tight_layout()

    steps, norms, svm_norm = logistic_norms()
    lfig, lax = plt.subplots(figsize=(7, 3.6))
    lax.plot(steps, norms[0.0], label=r"no penalty: grows without bound")
    lax.plot(steps, norms[0.01], label=r"$\lambda = 0.01$: converges to 3.559")
    offset = norms[0.0][-1] - svm_norm * np.log(steps[-1])
    lax.plot(
        steps,
        svm_norm * np.log(steps) + offset,
        ":",
        color="black",
        label=rf"slope $\|w_\mathrm{{svm}}\| \ln t$, $\|w_\mathrm{{svm}}\| = {svm_norm:.3f}$",
    )
    lax.set_xscale("log")
    lax.set_xlabel("gradient-descent step $t$")
    lax.set_ylabel(r"$\|w_t\|_2$")
    lax.set_ylim(0, 16)
    lax.legend(fontsize=8, loc="upper left")
    lfig.tight_layout()
    return {
        "tuning-lambda-cv": cfig,
        "tuning-lambda-pinv": pfig,
        "tuning-lambda-logistic": lfig,
    }
