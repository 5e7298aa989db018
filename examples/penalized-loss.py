"""Examples of the page docs/regularization/penalized-loss.md."""

# --8<-- [start:numpy]
import numpy as np

X = np.array([[1.0, 2.0], [3.0, -1.0], [0.0, 1.0]])
y = np.array([1.0, 2.0, 0.5])
w = np.array([0.5, -1.0])
lam1, lam2 = 0.1, 0.2

data_loss = np.mean((X @ w - y) ** 2)  # MSE
penalty = lam1 * np.sum(np.abs(w)) + lam2 * 0.5 * np.sum(w**2)
print(data_loss, data_loss + penalty)
#> 2.9166666666666665 3.1916666666666664
# --8<-- [end:numpy]

# --8<-- [start:torch]
import torch

X = torch.tensor([[1.0, 2.0], [3.0, -1.0], [0.0, 1.0]], dtype=torch.float64)
y = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)
w = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
lam1, lam2 = 0.1, 0.2

data_loss = torch.nn.functional.mse_loss(X @ w, y)
loss = data_loss + lam1 * w.abs().sum() + lam2 * 0.5 * w.pow(2).sum()
loss.backward()
print(loss.item())
#> 3.1916666666666664
print(w.grad)  # data gradient + lam1 * sign(w) + lam2 * w
#> tensor([-0.4667, -4.9667], dtype=torch.float64)
# --8<-- [end:torch]

# --8<-- [start:normdocs]
import torch

import normdocs as nd

X = torch.tensor([[1.0, 2.0], [3.0, -1.0], [0.0, 1.0]], dtype=torch.float64)
y = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)
w = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)

loss = nd.regularized_loss(nd.mse_loss(X @ w, y), w, l1=0.1, l2=0.2)
loss.backward()
print(loss.item())
#> 3.1916666666666664
print(w.grad)
#> tensor([-0.4667, -4.9667], dtype=torch.float64)
# --8<-- [end:normdocs]

# --8<-- [start:constraint-l2]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 50, 5
X = rng.normal(size=(n, d))
y = X @ rng.normal(size=d) + 0.5 * rng.normal(size=n)
G, b = X.T @ X / n, X.T @ y / n  # f(w) = 1/(2n) ||y - X w||^2 has gradient G w - b

# penalized: minimize f(w) + lam/2 ||w||^2, in closed form
lam = 0.5
w_pen = np.linalg.solve(G + lam * np.eye(d), b)
t = nd.l2_norm(w_pen)

# constrained: minimize f(w) subject to ||w||_2 <= t, by projected gradient
w = np.zeros(d)
step = 1.0 / np.linalg.eigvalsh(G).max()
for _ in range(2000):
    w = w - step * (G @ w - b)
    w = w * min(1.0, t / nd.l2_norm(w))  # project onto the L2 ball of radius t
print(f"t = ||w_pen||_2 = {t:.4f}")
#> t = ||w_pen||_2 = 1.0206
print(f"max |w_constrained - w_penalized| < 1e-12: {np.abs(w - w_pen).max() < 1e-12}")
#> max |w_constrained - w_penalized| < 1e-12: True
# the multiplier: at the solution, -grad f(w) = lam * w
print(f"recovered lambda = {-(G @ w - b) @ w / (w @ w):.4f}")
#> recovered lambda = 0.5000
# --8<-- [end:constraint-l2]

# --8<-- [start:nonconvex-gap]
import numpy as np

w = np.linspace(-1.5, 1.5, 300_001)  # minimize by looking, on a fine grid
lams = np.linspace(0, 4, 4001)
for name, loss in [
    ("convex (w - 1)^2    ", (w - 1) ** 2),
    ("non-convex (w^2-1)^2", (w**2 - 1) ** 2),  # two minima, at -1 and 1
]:
    norms = np.unique([abs(w[np.argmin(loss + lam * np.abs(w))]) for lam in lams])
    gap = np.argmax(np.diff(norms))  # the widest interval of |w| that no lambda reaches
    print(f"{name}: no lambda gives {norms[gap]:.4f} < |w| < {norms[gap + 1]:.4f}")
    #> convex (w - 1)^2    : no lambda gives 0.0015 < |w| < 0.0020
    #> non-convex (w^2-1)^2: no lambda gives 0.0000 < |w| < 0.8167

loss = (w**2 - 1) ** 2
inside = np.abs(w) <= 0.3  # the constraint |w| <= t, t = 0.3
print(f"constrained solution for t = 0.3: |w| = {abs(w[inside][np.argmin(loss[inside])]):.4f}")
#> constrained solution for t = 0.3: |w| = 0.3000
# --8<-- [end:nonconvex-gap]

# --8<-- [start:constraint-l1]
import numpy as np
from sklearn.linear_model import Lasso

import normdocs as nd


def project_l1_ball(v, t):
    """Euclidean projection of v onto {w : ||w||_1 <= t} (Duchi et al., 2008)."""
    if nd.l1_norm(v) <= t:
        return v
    u = np.sort(np.abs(v))[::-1]
    excess = np.cumsum(u) - t
    k = np.arange(1, v.size + 1)
    rho = np.count_nonzero(u * k > excess)  # how many entries stay nonzero
    return nd.soft_threshold(v, excess[rho - 1] / rho)


rng = np.random.default_rng(0)
n, d = 50, 5
X = rng.normal(size=(n, d))
y = X @ np.array([2.0, -1.0, 0.0, 0.3, 0.0]) + 0.5 * rng.normal(size=n)
G, b = X.T @ X / n, X.T @ y / n

# penalized: minimize 1/(2n) ||y - X w||^2 + alpha ||w||_1 (scikit-learn's Lasso)
lasso = Lasso(alpha=0.2, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y)
w_pen = lasso.coef_
t = nd.l1_norm(w_pen)

# constrained: minimize the same data term subject to ||w||_1 <= t
w = np.zeros(d)
step = 1.0 / np.linalg.eigvalsh(G).max()
for _ in range(2000):
    w = project_l1_ball(w - step * (G @ w - b), t)
print(np.round(w_pen, 4) + 0.0)  # + 0.0 turns -0.0 into 0.0
#> [ 1.5427 -0.6884  0.      0.      0.    ]
print(np.round(w, 4) + 0.0)
#> [ 1.5427 -0.6884  0.      0.      0.    ]
print(f"max |w_constrained - w_penalized| < 1e-12: {np.abs(w - w_pen).max() < 1e-12}")
#> max |w_constrained - w_penalized| < 1e-12: True
print("same zeros:", np.array_equal(w == 0, w_pen == 0))
#> same zeros: True
# --8<-- [end:constraint-l1]

# --8<-- [start:corners]
import numpy as np


def project_l1_rows(V, t=1.0):
    """Project each row of V onto the L1 ball of radius t (vectorized Duchi et al.)."""
    U = -np.sort(-np.abs(V), axis=1)
    excess = np.cumsum(U, axis=1) - t
    k = np.arange(1, V.shape[1] + 1)
    rho = np.count_nonzero(U * k > excess, axis=1)
    theta = np.maximum(excess[np.arange(len(V)), rho - 1] / rho, 0.0)
    return np.sign(V) * np.maximum(np.abs(V) - theta[:, None], 0.0)


def project_l2_rows(V, t=1.0):
    return V * np.minimum(1.0, t / np.linalg.norm(V, axis=1, keepdims=True))


# 1000 random elliptical losses f(w) = 1/2 (w - c)^T A (w - c) in 2-D
rng = np.random.default_rng(0)
m = 1000
M = rng.normal(size=(m, 2, 2))
A = M @ M.transpose(0, 2, 1) + 0.1 * np.eye(2)  # random symmetric positive definite
c = rng.uniform(-3.0, 3.0, size=(m, 2))  # the unconstrained minimizers
c = c[np.linalg.norm(c, axis=1) > 1.0]  # keep those outside the circle (and the diamond)
A = A[: len(c)]
step = 1.0 / np.linalg.eigvalsh(A).max(axis=1, keepdims=True)

for name, project in [("L1 (diamond)", project_l1_rows), ("L2 (circle) ", project_l2_rows)]:
    w = np.zeros_like(c)
    for _ in range(1000):
        grad = np.einsum("kij,kj->ki", A, w - c)
        w = project(w - step * grad)
    share = np.mean(np.any(w == 0.0, axis=1))
    print(f"{name}: {share:6.1%} of {len(c)} solutions have a coordinate exactly 0")
#> L1 (diamond):  65.4% of 920 solutions have a coordinate exactly 0
#> L2 (circle) :   0.0% of 920 solutions have a coordinate exactly 0
# --8<-- [end:corners]

# --8<-- [start:map-gaussian]
import torch
from torch.distributions import Normal

import normdocs as nd

torch.manual_seed(0)
n, d = 40, 3
sigma, s = 0.5, 1.0  # noise std of y = X w + e, prior std of each weight
X = torch.randn(n, d, dtype=torch.float64)
y = X @ torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64) + sigma * torch.randn(
    n, dtype=torch.float64
)


def neg_log_posterior(w):  # -log p(y | w) - log p(w), up to a constant
    prior = Normal(torch.zeros(d, dtype=torch.float64), s)
    return -(Normal(X @ w, sigma).log_prob(y).sum() + prior.log_prob(w).sum())


lam = 2 * sigma**2 / (n * s**2)  # MSE + lam/2 ||w||^2 is (2 sigma^2 / n) * neg_log_posterior


def objective(w):
    return nd.regularized_loss(nd.mse_loss(X @ w, y), w, l2=lam)


for _ in range(3):  # the difference is the same constant for every w
    w = torch.randn(d, dtype=torch.float64)
    print(f"{2 * sigma**2 / n * neg_log_posterior(w) - objective(w):.10f}")
#> 0.1473558713
#> 0.1473558713
#> 0.1473558713

# the MAP estimate, by L-BFGS on -log posterior, is the ridge solution
w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
opt = torch.optim.LBFGS([w], tolerance_grad=1e-12, tolerance_change=1e-14, max_iter=200)


def closure():
    opt.zero_grad()
    loss = neg_log_posterior(w)
    loss.backward()
    return loss


opt.step(closure)
w_ridge = torch.linalg.solve(X.T @ X / n + lam / 2 * torch.eye(d, dtype=torch.float64), X.T @ y / n)
print(f"MAP   {w.detach().numpy().round(4)}")
#> MAP   [ 1.0126 -1.9198  0.5002]
print(f"ridge {w_ridge.numpy().round(4)}")
#> ridge [ 1.0126 -1.9198  0.5002]
# --8<-- [end:map-gaussian]

# --8<-- [start:map-laplace]
import numpy as np
import torch
from sklearn.linear_model import Lasso
from torch.distributions import Laplace, Normal

import normdocs as nd

torch.manual_seed(0)
n, d = 40, 5
sigma, b = 0.5, 0.05  # noise std, scale of the Laplace prior p(w_j) ~ exp(-|w_j| / b)
X = torch.randn(n, d, dtype=torch.float64)
w_true = torch.tensor([1.0, -2.0, 0.0, 0.0, 0.1], dtype=torch.float64)
y = X @ w_true + sigma * torch.randn(n, dtype=torch.float64)


def neg_log_posterior(w):
    prior = Laplace(torch.zeros(d, dtype=torch.float64), b)
    return -(Normal(X @ w, sigma).log_prob(y).sum() + prior.log_prob(w).sum())


lam = 2 * sigma**2 / (n * b)  # MSE + lam ||w||_1 is (2 sigma^2 / n) * neg_log_posterior
for _ in range(3):
    w = torch.randn(d, dtype=torch.float64)
    objective = nd.regularized_loss(nd.mse_loss(X @ w, y), w, l1=lam)
    print(f"{2 * sigma**2 / n * neg_log_posterior(w) - objective:.10f}")
#> -0.0310158920
#> -0.0310158920
#> -0.0310158920

# scikit-learn's Lasso halves the data term: alpha = lam / 2
w_map = Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-12).fit(X.numpy(), y.numpy()).coef_
print(f"MAP = Lasso solution {w_map.round(4) + 0.0}")
#> MAP = Lasso solution [ 0.8669 -1.9357  0.      0.      0.    ]

# no small step away from it lowers -log posterior
w_map = torch.from_numpy(w_map)
steps = 1e-4 * torch.randn(1000, d, dtype=torch.float64)
gains = [neg_log_posterior(w_map + h) - neg_log_posterior(w_map) for h in steps]
print(f"smallest change of -log posterior over 1000 random steps: {min(gains):.2e}")
#> smallest change of -log posterior over 1000 random steps: 2.07e-04
print(np.all(np.array(gains) > 0))
#> True
# --8<-- [end:map-laplace]
