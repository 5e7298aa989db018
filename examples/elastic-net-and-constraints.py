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
c = 2.0
print(W * np.minimum(1.0, c / nd.l2_norm(W, axis=1, keepdims=True)))
#> [[ 1.2  1.6]
#>  [ 0.3  0.4]
#>  [-1.2  1.6]]
# --8<-- [end:max-norm-normdocs]

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
            with torch.no_grad():  # project each row back into the ball of radius c
                norms = nd.l2_norm(layer.weight, axis=1, keepdims=True)
                layer.weight.mul_(torch.clamp(c / norms, max=1.0))
    return nd.l2_norm(layer.weight.detach(), axis=1)


print("largest row norm without the constraint:", f"{train(False).max():.3f}")
#> largest row norm without the constraint: 2.314
print("largest row norm with max-norm c = 1:   ", f"{train(True).max():.3f}")
#> largest row norm with max-norm c = 1:    1.000
# --8<-- [end:max-norm-training]

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
U = X / nd.l2_norm(X, axis=1, keepdims=True)
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
dots = np.sum(A * B, axis=1)
print(dots / (nd.l2_norm(A, axis=1) * nd.l2_norm(B, axis=1)))
#> [ 0.    1.    0.96 -1.  ]
# --8<-- [end:cosine-normdocs]

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
