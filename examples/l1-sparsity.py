"""Examples of the page docs/regularization/l1-sparsity.md."""

# --8<-- [start:subgradient]
import torch

import normdocs as nd

w = torch.tensor([-2.0, 0.0, 3.0], requires_grad=True)
w.abs().sum().backward()  # autograd picks the subgradient 0 at w = 0
print(w.grad)
#> tensor([-1.,  0.,  1.])

w.grad = None
nd.l1_penalty(w).backward()
print(w.grad)
#> tensor([-1.,  0.,  1.])
# --8<-- [end:subgradient]

# --8<-- [start:prox-numpy]
import numpy as np

x = np.array([-3.0, -0.5, 0.0, 0.8, 2.0])
t = 1.0
print(np.sign(x) * np.maximum(np.abs(x) - t, 0.0))
#> [-2. -0.  0.  0.  1.]
# --8<-- [end:prox-numpy]

# --8<-- [start:prox-torch]
import torch

x = torch.tensor([-3.0, -0.5, 0.0, 0.8, 2.0])
print(torch.nn.functional.softshrink(x, lambd=1.0))
#> tensor([-2., -0.,  0.,  0.,  1.])
# --8<-- [end:prox-torch]

# --8<-- [start:prox-normdocs]
import normdocs as nd

x = [-3.0, -0.5, 0.0, 0.8, 2.0]
print(nd.soft_threshold(x, 1.0))
#> [-2. -0.  0.  0.  1.]
# --8<-- [end:prox-normdocs]

# --8<-- [start:prox-check]
import numpy as np

import normdocs as nd

x = np.array([-3.0, -0.5, 0.0, 0.8, 2.0])
t = 1.0
z = np.linspace(-5.0, 5.0, 100_001)  # candidate values, step 1e-4
# for each x_i, the z minimizing 1/2 (z - x_i)^2 + t |z|
objective = 0.5 * (z[None, :] - x[:, None]) ** 2 + t * np.abs(z[None, :])
print(z[np.argmin(objective, axis=1)])
#> [-2.  0.  0.  0.  1.]
print(nd.soft_threshold(x, t))
#> [-2. -0.  0.  0.  1.]
# --8<-- [end:prox-check]

# --8<-- [start:ista]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

import normdocs as nd

X, y = load_diabetes(return_X_y=True)  # 442 x 10, columns centered and of unit norm
y = y - y.mean()  # centered target: no intercept needed
n, alpha = len(y), 0.1

# ISTA for 1/(2n) ||y - X w||^2 + alpha ||w||_1: a gradient step, then the prox
G, b = X.T @ X / n, X.T @ y / n  # the gradient of the data term is G w - b
step = 1.0 / np.linalg.eigvalsh(G).max()  # 1 / Lipschitz constant of the gradient
w = np.zeros(X.shape[1])
for _ in range(1000):
    w = nd.soft_threshold(w - step * (G @ w - b), step * alpha)

lasso = Lasso(alpha=alpha, fit_intercept=False, tol=1e-10).fit(X, y)
print("ISTA ", np.round(w, 2) + 0.0)  # + 0.0 prints -0.0 as 0.0
#> ISTA  [   0.   -155.34  517.22  275.09  -52.55    0.   -210.14    0.    483.92
#>    33.66]
print("Lasso", np.round(lasso.coef_, 2) + 0.0)
#> Lasso [   0.   -155.34  517.22  275.09  -52.55    0.   -210.14    0.    483.92
#>    33.66]
print(f"max |w_ista - w_lasso| = {np.abs(w - lasso.coef_).max():.1e}")
#> max |w_ista - w_lasso| = 4.6e-08
print("same zeros:", np.array_equal(w == 0, lasso.coef_ == 0))
#> same zeros: True
# --8<-- [end:ista]

# --8<-- [start:kkt]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

import normdocs as nd

X, y = load_diabetes(return_X_y=True)
# columns centred, of unit L2 norm, so of standard deviation 1 / sqrt(442), not 1:
print(np.allclose(X.mean(0), 0), np.allclose(nd.l2_norm(X, axis=0), 1), X.std(0).round(4))
#> True True [0.0476 0.0476 0.0476 0.0476 0.0476 0.0476 0.0476 0.0476 0.0476 0.0476]
y = y - y.mean()
n, alpha = len(y), 0.1
w = Lasso(alpha=alpha, fit_intercept=False, tol=1e-10).fit(X, y).coef_

corr = X.T @ (y - X @ w) / n  # minus the gradient of the data term
nonzero = w != 0
print("w_j != 0: corr_j / alpha =", np.round(corr[nonzero] / alpha, 4))
#> w_j != 0: corr_j / alpha = [-1.  1.  1. -1. -1.  1.  1.]
print("    sign(w_j)           =", np.sign(w[nonzero]))
#>     sign(w_j)           = [-1.  1.  1. -1. -1.  1.  1.]
print("w_j == 0: |corr_j| / alpha =", np.round(np.abs(corr[~nonzero]) / alpha, 4))
#> w_j == 0: |corr_j| / alpha = [0.0034 0.9091 0.5394]

alpha_max = np.abs(X.T @ y).max() / n  # the smallest alpha with w = 0
print(f"alpha_max = {alpha_max:.4f}")
#> alpha_max = 2.1480
for a in [alpha_max, 0.99 * alpha_max]:
    w = Lasso(alpha=a, fit_intercept=False, tol=1e-10).fit(X, y).coef_
    print(f"alpha = {a:.4f}: {np.count_nonzero(w)} nonzero")
    #> alpha = 2.1480: 0 nonzero
    #> alpha = 2.1266: 1 nonzero
# --8<-- [end:kkt]

# --8<-- [start:subgradient-vs-prox]
import torch
from sklearn.datasets import load_diabetes

import normdocs as nd

X, y = (torch.from_numpy(a) for a in load_diabetes(return_X_y=True))
y = y - y.mean()
n, alpha = len(y), 0.1
lr = 1.0 / torch.linalg.eigvalsh(X.T @ X / n).max().item()
print(f"step size {lr:.1f}, step * alpha = {lr * alpha:.2f}")
#> step size 109.8, step * alpha = 10.98

for method in ["penalty in the loss", "proximal step"]:
    w = torch.zeros(10, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr)
    for _ in range(500):
        opt.zero_grad()
        data_loss = 0.5 * nd.mse_loss(X @ w, y)  # 1/(2n) ||y - X w||^2
        if method == "penalty in the loss":  # subgradient descent
            nd.regularized_loss(data_loss, w, l1=alpha).backward()
            opt.step()
        else:  # gradient step on the data loss, then the prox of the penalty
            data_loss.backward()
            opt.step()
            with torch.no_grad():
                w.copy_(nd.soft_threshold(w, lr * alpha))
    zeros = (w == 0).sum().item()
    print(f"{method}: {zeros} exact zeros, smallest |w_j| = {w.abs().min().item():.2f}")
    #> penalty in the loss: 0 exact zeros, smallest |w_j| = 0.56
    #> proximal step: 3 exact zeros, smallest |w_j| = 0.00
# --8<-- [end:subgradient-vs-prox]

# --8<-- [start:prox-needs-plain-sgd]
import numpy as np
import torch
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

import normdocs as nd

X, y = (torch.from_numpy(a) for a in load_diabetes(return_X_y=True))
y = y - y.mean()
n, alpha = len(y), 0.1
step = 1.0 / torch.linalg.eigvalsh(X.T @ X / n).max().item()  # 1 / Lipschitz constant


def lasso(a):
    return Lasso(alpha=a, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_


def train(opt_class, lr, **options):  # opt.step() on the data loss, then soft-threshold
    w = torch.zeros(10, dtype=torch.float64, requires_grad=True)
    opt = opt_class([w], lr=lr, **options)
    for _ in range(2000):
        opt.zero_grad()
        (0.5 * torch.mean((X @ w - y) ** 2)).backward()  # the Lasso's 1/(2n) ||y - X w||^2
        opt.step()
        with torch.no_grad():
            w.copy_(nd.soft_threshold(w, lr * alpha))
    return w.detach().numpy()


print(f"Lasso(alpha={alpha}) has {int((lasso(alpha) == 0).sum())} zeros")
#> Lasso(alpha=0.1) has 3 zeros
for name, w in [
    ("SGD              ", train(torch.optim.SGD, step)),
    ("SGD, momentum 0.9", train(torch.optim.SGD, step, momentum=0.9)),
    ("Adam, lr=1       ", train(torch.optim.Adam, 1.0)),
]:
    gap = np.abs(w - lasso(alpha)).max()
    print(f"{name}: max |w - lasso| = {gap:.1e}, zeros {int((w == 0).sum())}")
    #> SGD              : max |w - lasso| = 2.4e-10, zeros 3
    #> SGD, momentum 0.9: max |w - lasso| = 2.6e+02, zeros 0
    #> Adam, lr=1       : max |w - lasso| = 1.1e+02, zeros 1
w = train(torch.optim.SGD, step, momentum=0.9)
print(f"momentum 0.9 solves Lasso(alpha * 0.1): {np.abs(w - lasso(alpha * 0.1)).max():.1e}")
#> momentum 0.9 solves Lasso(alpha * 0.1): 3.3e-08
# --8<-- [end:prox-needs-plain-sgd]

# --8<-- [start:zeros-vs-alpha]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import lasso_path

data = load_diabetes()
X, y = data.data, data.target - data.target.mean()
names = np.array(data.feature_names)

alpha_max = np.abs(X.T @ y).max() / len(y)
alphas = alpha_max * np.geomspace(1.0, 1e-3, 31)
alphas, coefs, _ = lasso_path(X, y, alphas=alphas, tol=1e-10)
print("   alpha  zeros  nonzero features")
#>    alpha  zeros  nonzero features
for a, w in zip(alphas[::3], coefs.T[::3], strict=True):
    print(f"{a:8.4f}  {np.sum(w == 0):5d}  {' '.join(names[w != 0])}")
    #>   2.1480     10
    #>   1.0766      8  bmi s5
    #>   0.5396      6  bmi bp s3 s5
    #>   0.2704      5  sex bmi bp s3 s5
    #>   0.1355      3  sex bmi bp s1 s3 s5 s6
    #>   0.0679      3  sex bmi bp s1 s3 s5 s6
    #>   0.0340      2  sex bmi bp s1 s3 s4 s5 s6
    #>   0.0171      2  sex bmi bp s1 s3 s4 s5 s6
    #>   0.0086      0  age sex bmi bp s1 s2 s3 s4 s5 s6
    #>   0.0043      1  age sex bmi bp s1 s2 s4 s5 s6
    #>   0.0021      0  age sex bmi bp s1 s2 s3 s4 s5 s6
# --8<-- [end:zeros-vs-alpha]
