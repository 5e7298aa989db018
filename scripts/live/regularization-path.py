"""Data of the live figure ``regularization-path`` (docs/regularization/l1-sparsity.md).

The regularization paths of the lasso, the elastic net and ridge on scikit-learn's diabetes
data, prepared as the page's examples do: the features as scikit-learn ships them (centred,
each column of unit L2 norm), the target centred, no intercept. One grid of ``alpha`` serves
every model, from the lasso's ``alpha_max = ||X^T y||_inf / n`` (all its coefficients zero)
down 10,000-fold, and every model is the elastic net of scikit-learn's scaling

    1/(2n) ||y - X w||^2 + alpha * (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||_2^2)

with ``l1_ratio`` 1 for the lasso (``Lasso(alpha)``), in (0, 1) for the elastic net
(``ElasticNet(alpha, l1_ratio)``), 0 for ridge (``Ridge(alpha=n * alpha)``, whose own loss is
``||y - X w||^2 + n alpha ||w||^2``, the same minimizer). The lasso and the elastic net come
from ``enet_path`` (coordinate descent, duality-gap tolerance 1e-12), ridge from its closed
form; each lasso and elastic-net solution is checked to be a fixed point of its proximal
gradient step with ``normdocs.soft_threshold``. Printed as JSON on stdout: ``alphas`` and,
per model, ``coefs[i][j]``, the coefficient of feature ``j`` at ``alphas[i]``, rounded to 3
decimals (the digits the figure shows); a nonzero coefficient that would round to 0 keeps 3
significant digits, so that only exact zeros are 0.
"""

from __future__ import annotations

import json

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import enet_path

import normdocs as nd

NUM = 81  # 20 grid points a decade: alpha_max * 10**(-k/20), k = 0..80
L1_RATIOS = [0.1, 0.25, 0.5, 0.75, 0.9]  # the elastic nets (the lasso is 1, ridge 0)


def rounded(w: float) -> float:
    """``w`` to 3 decimals, or to 3 significant digits if it is not 0 but rounds to 0."""
    r = round(float(w), 3)
    return r if r != 0 or w == 0 else float(f"{w:.3g}")


def prox_fixed_point(
    name: str, coefs: np.ndarray, alphas: np.ndarray, gram: np.ndarray, xty: np.ndarray
) -> None:
    """Check scikit-learn's path with the library: each solution is a fixed point of the
    proximal gradient step of its problem, soft-thresholding by ``normdocs.soft_threshold``
    (the elastic net's L2 part divides the result by ``1 + step * alpha * (1 - l1_ratio)``)."""
    l1_ratio = 1.0 if name == "lasso" else float(name.removeprefix("enet-"))
    step = 1.0 / float(np.linalg.eigvalsh(gram).max())
    for a, w in zip(alphas, coefs, strict=True):
        z = w - step * (gram @ w - xty)
        w_next = np.asarray(nd.soft_threshold(z, step * a * l1_ratio))
        w_next = w_next / (1 + step * a * (1 - l1_ratio))
        gap = float(np.abs(w_next - w).max())
        if gap > 1e-6 * max(1.0, float(np.abs(w).max())):
            raise SystemExit(f"{name} at alpha {a:.4g}: not a proximal fixed point ({gap:.2g})")


def data() -> dict[str, object]:
    diabetes = load_diabetes()
    X, y = diabetes.data, diabetes.target - diabetes.target.mean()
    n = len(y)
    alpha_max = float(np.abs(X.T @ y).max() / n)
    alphas = alpha_max * np.geomspace(1.0, 1e-4, NUM)

    def path(l1_ratio: float) -> np.ndarray:
        out, coefs, _ = enet_path(
            X, y, l1_ratio=l1_ratio, alphas=alphas, tol=1e-12, max_iter=1_000_000
        )
        assert np.array_equal(out, alphas)
        return coefs.T  # (alpha, feature)

    gram, xty = X.T @ X / n, X.T @ y / n
    ridge = np.array([np.linalg.solve(gram + a * np.eye(X.shape[1]), xty) for a in alphas])
    models: dict[str, np.ndarray] = {"lasso": path(1.0)}
    for r in L1_RATIOS:
        models[f"enet-{r}"] = path(r)
    models["ridge"] = ridge
    for name, coefs in models.items():
        if name != "ridge":
            prox_fixed_point(name, coefs, alphas, gram, xty)
    return {
        "features": list(diabetes.feature_names),
        "n": n,
        "alpha_max": alpha_max,
        "alphas": [float(a) for a in alphas],
        "l1_ratios": L1_RATIOS,
        "coefs": {
            name: [[rounded(w) for w in row] for row in coefs] for name, coefs in models.items()
        },
    }


if __name__ == "__main__":
    print(json.dumps(data(), separators=(",", ":")))
