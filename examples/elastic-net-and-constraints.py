"""Examples of the page docs/regularization/elastic-net-and-constraints.md."""

# --8<-- [start:enet-numpy]
import numpy as np

w = np.array([3.0, -4.0])
rho = 0.5  # l1_ratio
print(rho * np.sum(np.abs(w)) + (1 - rho) * 0.5 * np.sum(w**2))
#> 9.75
# --8<-- [end:enet-numpy]

# --8<-- [start:enet-torch]
import torch

w = torch.tensor([3.0, -4.0])
rho = 0.5  # l1_ratio
print(rho * w.abs().sum() + (1 - rho) * 0.5 * w.pow(2).sum())
#> tensor(9.7500)
# --8<-- [end:enet-torch]

# --8<-- [start:enet-normdocs]
import normdocs as nd

print(nd.elastic_net_penalty([3.0, -4.0], l1_ratio=0.5))
#> 9.75
print(nd.elastic_net_penalty([3.0, -4.0], l1_ratio=1.0), nd.l1_penalty([3.0, -4.0]))
#> 7.0 7.0
print(nd.elastic_net_penalty([3.0, -4.0], l1_ratio=0.0), nd.l2_penalty([3.0, -4.0]))
#> 12.5 12.5
# --8<-- [end:enet-normdocs]

# --8<-- [start:enet-sklearn]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet

import normdocs as nd

X, y = load_diabetes(return_X_y=True)
X, y = X / X.std(axis=0), y - y.mean()  # unit-variance features, centered target
n, alpha, rho = len(y), 1.0, 0.5


def objective(w):  # scikit-learn's ElasticNet objective, with normdocs
    return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.elastic_net_penalty(w, l1_ratio=rho)


# proximal gradient: the prox of the elastic net is a soft-threshold, then a shrink
G, b = X.T @ X / n, X.T @ y / n
step = 1.0 / np.linalg.eigvalsh(G).max()
w = np.zeros(X.shape[1])
for _ in range(3000):
    v = w - step * (G @ w - b)
    w = nd.soft_threshold(v, step * alpha * rho) / (1 + step * alpha * (1 - rho))

enet = ElasticNet(alpha=alpha, l1_ratio=rho, fit_intercept=False, tol=1e-10).fit(X, y)
print("prox-grad  ", np.round(w, 2))
#> prox-grad   [ 0.64 -5.69 18.1  11.41 -0.24 -2.37 -8.22  5.3  15.45  5.06]
print("ElasticNet ", np.round(enet.coef_, 2))
#> ElasticNet  [ 0.64 -5.69 18.1  11.41 -0.24 -2.37 -8.22  5.3  15.45  5.06]
print(f"objective {objective(w):.6f} vs {objective(enet.coef_):.6f}")
#> objective 1779.356206 vs 1779.356206
# --8<-- [end:enet-sklearn]

# --8<-- [start:enet-regularized-loss]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
X, y, w = rng.normal(size=(20, 3)), rng.normal(size=20), rng.normal(size=3)
alpha, rho = 0.3, 0.25

sklearn_form = 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.elastic_net_penalty(w, l1_ratio=rho)
# the same objective with separate L1 and L2 weights
lam1, lam2 = alpha * rho, alpha * (1 - rho)
ours = nd.regularized_loss(0.5 * nd.mse_loss(X @ w, y), w, l1=lam1, l2=lam2)
print(f"{sklearn_form:.10f} {ours:.10f}")
#> 0.8589790898 0.8589790898
# and back: alpha = lam1 + lam2, l1_ratio = lam1 / (lam1 + lam2)
print(lam1 + lam2, lam1 / (lam1 + lam2))
#> 0.3 0.25
# --8<-- [end:enet-regularized-loss]

# --8<-- [start:grouping]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso

import normdocs as nd

X, y = load_diabetes(return_X_y=True)
X, y = X / X.std(axis=0), y - y.mean()
X = np.hstack([X, X[:, [2]]])  # append a copy of feature 2 (bmi)

lasso = Lasso(alpha=1.0, fit_intercept=False, tol=1e-10).fit(X, y).coef_
enet = ElasticNet(alpha=1.0, l1_ratio=0.5, fit_intercept=False, tol=1e-10).fit(X, y).coef_
print(f"Lasso:      bmi {lasso[2]:6.2f}, its copy {lasso[10]:6.2f}")
#> Lasso:      bmi  24.78, its copy   0.05
print(f"ElasticNet: bmi {enet[2]:6.2f}, its copy {enet[10]:6.2f}")
#> ElasticNet: bmi  11.35, its copy  11.35


def lasso_objective(w):
    return 0.5 * nd.mse_loss(X @ w, y) + 1.0 * nd.l1_penalty(w)


# the lasso cannot tell the splits apart: moving weight between the copies costs nothing
even = lasso.copy()
even[2] = even[10] = (lasso[2] + lasso[10]) / 2
print(f"Lasso objective as found:    {lasso_objective(lasso):.8f}")
#> Lasso objective as found:    1533.76871696
print(f"Lasso objective split evenly: {lasso_objective(even):.8f}")
#> Lasso objective split evenly: 1533.76871696
# --8<-- [end:grouping]

# --8<-- [start:project-numpy]
import numpy as np


def project_l2(x, r):  # scale x back onto the sphere if it is outside
    return x * min(1.0, r / np.linalg.norm(x))


def project_linf(x, r):  # the L-infinity ball is a box: clip each entry
    return np.clip(x, -r, r)


def project_l1(x, r):  # soft-threshold by theta (Duchi et al. 2008)
    u = np.sort(np.abs(x))[::-1]  # |x| in decreasing order
    theta = max(0.0, np.max((np.cumsum(u) - r) / np.arange(1, x.size + 1)))
    return np.sign(x) * np.maximum(np.abs(x) - theta, 0.0)


x, r = np.array([3.0, -1.5, 0.5]), 2.0
balls = (("L2", project_l2, 2), ("L1", project_l1, 1), ("Linf", project_linf, np.inf))
for name, project, p in balls:
    z = project(x, r)
    print(f"{name:4s} {np.round(z, 4) + 0.0}, norm {np.linalg.norm(z, p):.4f}")
    #> L2   [ 1.7693 -0.8847  0.2949], norm 2.0000
    #> L1   [ 1.75 -0.25  0.  ], norm 2.0000
    #> Linf [ 2.  -1.5  0.5], norm 2.0000
# --8<-- [end:project-numpy]

# --8<-- [start:project-torch]
import torch


def project_l2(x, r):
    return x * torch.clamp(r / torch.linalg.vector_norm(x), max=1.0)


def project_linf(x, r):
    return torch.clamp(x, -r, r)


def project_l1(x, r):  # soft-threshold by theta (Duchi et al. 2008)
    u = torch.sort(x.abs(), descending=True).values
    k = torch.arange(1, x.numel() + 1, dtype=x.dtype)
    theta = torch.clamp(((torch.cumsum(u, 0) - r) / k).max(), min=0.0)
    return torch.sign(x) * torch.clamp(x.abs() - theta, min=0.0)


x, r = torch.tensor([3.0, -1.5, 0.5], dtype=torch.float64), 2.0
balls = (("L2", project_l2, 2), ("L1", project_l1, 1), ("Linf", project_linf, torch.inf))
for name, project, p in balls:
    z = project(x, r)
    norm = torch.linalg.vector_norm(z, p)
    print(f"{name:4s} {torch.round(z, decimals=4).tolist()}, norm {norm:.4f}")
    #> L2   [1.7693, -0.8847, 0.2949], norm 2.0000
    #> L1   [1.75, -0.25, 0.0], norm 2.0000
    #> Linf [2.0, -1.5, 0.5], norm 2.0000
# --8<-- [end:project-torch]

# --8<-- [start:project-normdocs]
import numpy as np

import normdocs as nd

x, r = np.array([3.0, -1.5, 0.5]), 2.0
for name, project, norm in (
    ("L2", nd.project_l2_ball, nd.l2_norm),
    ("L1", nd.project_l1_ball, nd.l1_norm),
    ("Linf", nd.project_linf_ball, nd.linf_norm),
):
    z = project(x, r)
    print(f"{name:4s} {np.round(z, 4) + 0.0}, norm {norm(z):.4f}")
    #> L2   [ 1.7693 -0.8847  0.2949], norm 2.0000
    #> L1   [ 1.75 -0.25  0.  ], norm 2.0000
    #> Linf [ 2.  -1.5  0.5], norm 2.0000
# a point inside the ball is its own projection
print(nd.project_l1_ball([0.5, -0.5], 2.0), nd.project_l2_ball([0.5, -0.5], 2.0))
#> [ 0.5 -0.5] [ 0.5 -0.5]
# --8<-- [end:project-normdocs]

# --8<-- [start:projected-gradient]
import numpy as np
from scipy.optimize import minimize
from sklearn.datasets import load_diabetes

import normdocs as nd

X, y = load_diabetes(return_X_y=True)
X, y = X / X.std(axis=0), y - y.mean()  # unit-variance features, centered target
n, d = X.shape
G, b = X.T @ X / n, X.T @ y / n  # f(w) = ||y - X w||^2 / (2n) has the gradient G w - b
step = 1.0 / np.linalg.eigvalsh(G).max()


def f(w):
    return 0.5 * nd.mse_loss(X @ w, y)


def projected_gradient(project, r, steps=3000):
    w = np.zeros(d)
    for _ in range(steps):
        w = project(w - step * (G @ w - b), r)  # a gradient step, then back into the ball
    return w


w_ols = np.linalg.solve(G, b)
print(f"unconstrained: ||w||_1 = {nd.l1_norm(w_ols):.2f}, ||w||_2 = {nd.l2_norm(w_ols):.2f}")
#> unconstrained: ||w||_1 = 164.57, ||w||_2 = 65.54
w1 = projected_gradient(nd.project_l1_ball, 40.0)  # subject to ||w||_1 <= 40
w2 = projected_gradient(nd.project_l2_ball, 30.0)  # subject to ||w||_2 <= 30

# an independent solver: SciPy's SLSQP. For the L1 ball, w = u - v with u, v >= 0
options = {"ftol": 1e-12, "maxiter": 1000}
ref1 = minimize(
    lambda z: f(z[:d] - z[d:]),
    np.zeros(2 * d),
    jac=lambda z: np.concatenate([G @ (z[:d] - z[d:]) - b, b - G @ (z[:d] - z[d:])]),
    bounds=[(0.0, None)] * (2 * d),
    constraints=[{"type": "ineq", "fun": lambda z: 40.0 - z.sum(), "jac": lambda z: -1.0 + 0 * z}],
    method="SLSQP",
    options=options,
)
ref2 = minimize(
    f,
    np.zeros(d),
    jac=lambda z: G @ z - b,
    constraints=[{"type": "ineq", "fun": lambda z: 30.0**2 - z @ z, "jac": lambda z: -2 * z}],
    method="SLSQP",
    options=options,
)
for name, w, w_ref, res, norm in (
    ("L1", w1, ref1.x[:d] - ref1.x[d:], ref1, nd.l1_norm),
    ("L2", w2, ref2.x, ref2, nd.l2_norm),
):
    print(
        f"{name} ball: ||w|| = {norm(w):.6f}, {int(np.sum(w == 0))} zeros, f(w) = {f(w):.6f}\n"
        f"  SLSQP ({res.message}): f = {f(w_ref):.6f},"
        f" max |w - w_SLSQP| = {np.abs(w - w_ref).max():.0e}"
    )
    #> L1 ball: ||w|| = 40.000000, 7 zeros, f(w) = 1763.438047
    #>   SLSQP (Optimization terminated successfully): f = 1763.438047, max |w - w_SLSQP| = 2e-10
    #> L2 ball: ||w|| = 30.000000, 0 zeros, f(w) = 1517.361549
    #>   SLSQP (Optimization terminated successfully): f = 1517.361549, max |w - w_SLSQP| = 2e-08
# --8<-- [end:projected-gradient]

# --8<-- [start:max-norm-numpy]
import numpy as np

W = np.array([[3.0, 4.0], [0.3, 0.4], [-6.0, 8.0]])  # one row per unit: its incoming weights
c = 2.0
norms = np.linalg.norm(W, axis=1, keepdims=True)
print(W * np.minimum(1.0, c / norms))  # rows longer than c are scaled to length c
#> [[ 1.2  1.6]
#>  [ 0.3  0.4]
#>  [-1.2  1.6]]
# --8<-- [end:max-norm-numpy]

# --8<-- [start:max-norm-torch]
import torch

W = torch.tensor([[3.0, 4.0], [0.3, 0.4], [-6.0, 8.0]])
print(torch.renorm(W, p=2, dim=0, maxnorm=2.0))  # scales by maxnorm / (norm + 1e-7)
#> tensor([[ 1.2000,  1.6000],
#>         [ 0.3000,  0.4000],
#>         [-1.2000,  1.6000]])
# --8<-- [end:max-norm-torch]

# --8<-- [start:max-norm-normdocs]
import numpy as np

import normdocs as nd

W = np.array([[3.0, 4.0], [0.3, 0.4], [-6.0, 8.0]])
nd.max_norm_(W, 2.0, axis=1)  # in place; each vector along axis 1 is a row
print(W)
#> [[ 1.2  1.6]
#>  [ 0.3  0.4]
#>  [-1.2  1.6]]
print(nd.l2_norm(W, axis=1))
#> [2.  0.5 2. ]
# --8<-- [end:max-norm-normdocs]

# --8<-- [start:max-norm-renorm]
import torch

import normdocs as nd

W = torch.tensor([[3.0, 4.0], [0.3, 0.4], [-6.0, 8.0]], dtype=torch.float64)
# renorm's dim is the axis it keeps: dim=0 takes the norm over the other axis, of each row
rows = torch.renorm(W, p=2, dim=0, maxnorm=2.0)
print(torch.allclose(rows, nd.max_norm_(W.clone(), 2.0, axis=1)))
#> True
# and dim=1 rescales the columns, whose norms here are 6.71 and 8.95
columns = torch.renorm(W, p=2, dim=1, maxnorm=2.0)
print(torch.allclose(columns, nd.max_norm_(W.clone(), 2.0, axis=0)), nd.l2_norm(columns, axis=0))
#> True tensor([2.0000, 2.0000], dtype=torch.float64)
# a Conv2d weight (out, in, kh, kw): renorm(dim=0) bounds each filter, the other three axes
torch.manual_seed(0)
conv = torch.nn.Conv2d(3, 4, 3).weight.detach().double() * 10
filters = nd.max_norm_(conv.clone(), 1.0, axis=(1, 2, 3))
print(torch.allclose(torch.renorm(conv, 2, 0, 1.0), filters))
#> True
# renorm divides by norm + 1e-7, so its rows end a little below maxnorm
ours = nd.max_norm_(W.clone(), 2.0, axis=1)
print(f"first row: renorm {nd.l2_norm(rows[0]):.10f}, max_norm_ {nd.l2_norm(ours[0]):.10f}")
#> first row: renorm 1.9999999600, max_norm_ 2.0000000000
# --8<-- [end:max-norm-renorm]

# --8<-- [start:max-norm-training]
import torch

import normdocs as nd

torch.manual_seed(0)
X = torch.randn(64, 20)
y = X @ torch.randn(20, 1) * 3.0
c = 1.0  # the max-norm of each unit's incoming weights


def train(max_norm):
    torch.manual_seed(1)
    layer = torch.nn.Linear(20, 8)
    head = torch.nn.Linear(8, 1)
    opt = torch.optim.SGD([*layer.parameters(), *head.parameters()], lr=0.01)
    for _ in range(50):
        opt.zero_grad()
        torch.nn.functional.mse_loss(head(torch.relu(layer(X))), y).backward()
        opt.step()
        if max_norm:
            nd.max_norm_(layer.weight, c, axis=1)  # each row back into the ball of radius c
    return nd.l2_norm(layer.weight.detach(), axis=1)


print("largest row norm without the constraint:", f"{train(False).max():.3f}")
#> largest row norm without the constraint: 2.314
print("largest row norm with max-norm c = 1:   ", f"{train(True).max():.3f}")
#> largest row norm with max-norm c = 1:    1.000
# --8<-- [end:max-norm-training]

# --8<-- [start:clip-network]
import torch

import normdocs as nd

torch.manual_seed(0)
X, y = torch.randn(64, 20), 100 * torch.randn(64, 1)  # large targets: large gradients


def gradients():  # a fresh copy of the same small network, after one backward pass
    torch.manual_seed(1)
    net = torch.nn.Sequential(torch.nn.Linear(20, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
    torch.nn.functional.mse_loss(net(X), y).backward()
    return net


ours, theirs = gradients(), gradients()
total = nd.clip_grad_norm_(ours.parameters(), max_norm=1.0)
reference = torch.nn.utils.clip_grad_norm_(theirs.parameters(), max_norm=1.0)
print(f"norm before: {total:.4f} and {reference:.4f}")
#> norm before: 45.1225 and 45.1225
after = nd.l2_norm(torch.cat([p.grad.flatten() for p in ours.parameters()]))
print(f"norm after: {after:.6f}")
#> norm after: 1.000000
pairs = zip(ours.parameters(), theirs.parameters(), strict=True)
same = all(torch.equal(p.grad, q.grad) for p, q in pairs)
print("gradients equal:", same)
#> gradients equal: True
# --8<-- [end:clip-network]

# --8<-- [start:normalize-numpy]
import numpy as np

X = np.array([[3.0, 4.0], [1.0, 1.0], [0.0, -2.0]])
U = X / np.linalg.norm(X, axis=1, keepdims=True)
print(U)
#> [[ 0.6         0.8       ]
#>  [ 0.70710678  0.70710678]
#>  [ 0.         -1.        ]]
print(np.linalg.norm(U, axis=1))
#> [1. 1. 1.]
# --8<-- [end:normalize-numpy]

# --8<-- [start:normalize-torch]
import torch
import torch.nn.functional as F

X = torch.tensor([[3.0, 4.0], [1.0, 1.0], [0.0, -2.0]])
U = F.normalize(X, p=2.0, dim=1)  # divides by max(||x||, eps), eps = 1e-12
print(U)
#> tensor([[ 0.6000,  0.8000],
#>         [ 0.7071,  0.7071],
#>         [ 0.0000, -1.0000]])
print(torch.linalg.vector_norm(U, dim=1))
#> tensor([1.0000, 1.0000, 1.0000])
# --8<-- [end:normalize-torch]

# --8<-- [start:normalize-normdocs]
import numpy as np

import normdocs as nd

X = np.array([[3.0, 4.0], [1.0, 1.0], [0.0, -2.0]])
U = nd.normalize(X, axis=1)  # divides by max(||x||, eps), eps = 1e-12, as F.normalize
print(U)
#> [[ 0.6         0.8       ]
#>  [ 0.70710678  0.70710678]
#>  [ 0.         -1.        ]]
print(nd.l2_norm(U, axis=1))
#> [1. 1. 1.]
# --8<-- [end:normalize-normdocs]

# --8<-- [start:normalize-zero]
import torch
import torch.nn.functional as F

import normdocs as nd

X = torch.tensor([[3.0, 4.0], [0.0, 0.0]])  # the second row is zero
print(X / nd.l2_norm(X, axis=1, keepdims=True))  # 0 / 0
#> tensor([[0.6000, 0.8000],
#>         [   nan,    nan]])
print(F.normalize(X, dim=1))
#> tensor([[0.6000, 0.8000],
#>         [0.0000, 0.0000]])
print(X / torch.clamp(nd.l2_norm(X, axis=1, keepdims=True), min=1e-12))  # what F.normalize does
#> tensor([[0.6000, 0.8000],
#>         [0.0000, 0.0000]])
print(nd.normalize(X, axis=1))  # the same definition
#> tensor([[0.6000, 0.8000],
#>         [0.0000, 0.0000]])
# --8<-- [end:normalize-zero]

# --8<-- [start:cosine-numpy]
import numpy as np

A = np.array([[1.0, 0.0], [1.0, 1.0], [3.0, 4.0], [3.0, 4.0]])
B = np.array([[0.0, 2.0], [2.0, 2.0], [4.0, 3.0], [-3.0, -4.0]])
dots = np.sum(A * B, axis=1)
print(dots / (np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=1)))
#> [ 0.    1.    0.96 -1.  ]
# --8<-- [end:cosine-numpy]

# --8<-- [start:cosine-torch]
import torch
import torch.nn.functional as F

A = torch.tensor([[1.0, 0.0], [1.0, 1.0], [3.0, 4.0], [3.0, 4.0]])
B = torch.tensor([[0.0, 2.0], [2.0, 2.0], [4.0, 3.0], [-3.0, -4.0]])
print(F.cosine_similarity(A, B, dim=1))
#> tensor([ 0.0000,  1.0000,  0.9600, -1.0000])
# --8<-- [end:cosine-torch]

# --8<-- [start:cosine-normdocs]
import numpy as np

import normdocs as nd

A = np.array([[1.0, 0.0], [1.0, 1.0], [3.0, 4.0], [3.0, 4.0]])
B = np.array([[0.0, 2.0], [2.0, 2.0], [4.0, 3.0], [-3.0, -4.0]])
print(nd.cosine_similarity(A, B, axis=1))
#> [ 0.    1.    0.96 -1.  ]
# the inner product of the normalized vectors
print(np.sum(nd.normalize(A, axis=1) * nd.normalize(B, axis=1), axis=1))
#> [ 0.    1.    0.96 -1.  ]
# --8<-- [end:cosine-normdocs]

# --8<-- [start:normalize-overflow]
import numpy as np
import torch
import torch.nn.functional as F

import normdocs as nd

x = np.array([[1e200, 1e200], [3.0, 4.0]])  # 1e200 is representable, its square is not
print(F.normalize(torch.tensor(x), dim=1))  # the first norm overflows to inf: x / inf = 0
#> tensor([[0.0000, 0.0000],
#>         [0.6000, 0.8000]], dtype=torch.float64)
print(nd.normalize(x, axis=1))
#> [[0.70710678 0.70710678]
#>  [0.6        0.8       ]]
print(F.cosine_similarity(torch.tensor(x[0]), torch.tensor(x[0]), dim=0))
#> tensor(0., dtype=torch.float64)
print(nd.cosine_similarity(x[0], x[0]))
#> 0.9999999999999998
# --8<-- [end:normalize-overflow]

# --8<-- [start:cosine-distance]
import torch
import torch.nn.functional as F

import normdocs as nd

torch.manual_seed(0)
A, B = torch.randn(1000, 64, dtype=torch.float64), torch.randn(1000, 64, dtype=torch.float64)
cos = F.cosine_similarity(A, B, dim=1)
# for unit vectors, squared Euclidean distance = 2 - 2 * cosine similarity
dist2 = nd.l2_norm(F.normalize(A, dim=1) - F.normalize(B, dim=1), axis=1) ** 2
print(torch.allclose(dist2, 2 - 2 * cos))
#> True
# so ranking by cosine and by distance between normalized vectors agree
print(torch.equal(torch.argsort(cos, descending=True), torch.argsort(dist2)))
#> True
# --8<-- [end:cosine-distance]

# --8<-- [start:exercise-l1-ball]
import numpy as np

import normdocs as nd

x = np.array([0.8, -0.6, 0.1])  # ||x||_1 = 1.5 > 1
u = np.sort(np.abs(x))[::-1]
print("(cumsum(u) - 1) / k:", (np.cumsum(u) - 1.0) / np.arange(1, 4))  # theta is the largest
#> (cumsum(u) - 1) / k: [-0.2         0.2         0.16666667]
print(nd.project_l1_ball(x, 1.0))
#> [ 0.6 -0.4  0. ]
# --8<-- [end:exercise-l1-ball]
