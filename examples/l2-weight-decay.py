"""Examples of the page docs/regularization/l2-weight-decay.md."""

# --8<-- [start:sgd-equivalence]
import torch

import normdocs as nd

torch.manual_seed(0)
X, y = torch.randn(64, 5, dtype=torch.float64), torch.randn(64, 1, dtype=torch.float64)
lam, lr = 0.1, 0.05

# (a) the optimizer's weight decay
model_a = torch.nn.Linear(5, 1, dtype=torch.float64)
# (b) the same model, the penalty written into the loss, plain SGD
model_b = torch.nn.Linear(5, 1, dtype=torch.float64)
model_b.load_state_dict(model_a.state_dict())

opt_a = torch.optim.SGD(model_a.parameters(), lr=lr, weight_decay=lam)
opt_b = torch.optim.SGD(model_b.parameters(), lr=lr)
for _ in range(20):
    for model, opt, l2 in ((model_a, opt_a, 0.0), (model_b, opt_b, lam)):
        opt.zero_grad()
        data_loss = nd.mse_loss(model(X), y)
        nd.regularized_loss(data_loss, model, l2=l2).backward()
        opt.step()

pairs = zip(model_a.parameters(), model_b.parameters(), strict=True)
gap = max((pa - pb).abs().max().item() for pa, pb in pairs)
print(f"largest difference after 20 steps: {gap:.1e}")
#> largest difference after 20 steps: 0.0e+00
# --8<-- [end:sgd-equivalence]

# --8<-- [start:ridge]
import numpy as np
from sklearn.linear_model import Ridge

rng = np.random.default_rng(0)
X = rng.normal(size=(50, 4))
y = X @ np.array([3.0, -2.0, 0.0, 0.5]) + 0.1 * rng.normal(size=50)
lam = 10.0

# minimize ||y - X w||^2 + lam * ||w||^2  (scikit-learn's Ridge, alpha = lam)
w_closed = np.linalg.solve(X.T @ X + lam * np.eye(4), X.T @ y)
w_sklearn = Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_
print(np.round(w_closed, 4))
#> [ 2.3767 -1.5128  0.102   0.2825]
print(np.allclose(w_closed, w_sklearn))
#> True
# --8<-- [end:ridge]

# --8<-- [start:shrinkage]
import numpy as np

rng = np.random.default_rng(0)
X = rng.normal(size=(50, 4))
y = X @ np.array([3.0, -2.0, 0.0, 0.5]) + 0.1 * rng.normal(size=50)
lam = 10.0

d, Q = np.linalg.eigh(X.T @ X)  # Hessian of the data term (up to a factor 2)
w_ols = np.linalg.solve(X.T @ X, X.T @ y)
w_ridge = np.linalg.solve(X.T @ X + lam * np.eye(4), X.T @ y)
print("eigenvalues     ", np.round(d, 1))
#> eigenvalues      [28.6 38.6 51.8 65.8]
print("shrinkage factor", np.round(d / (d + lam), 3))
#> shrinkage factor [0.741 0.794 0.838 0.868]
print("ridge / OLS     ", np.round((Q.T @ w_ridge) / (Q.T @ w_ols), 3))
#> ridge / OLS      [0.741 0.794 0.838 0.868]
# --8<-- [end:shrinkage]

# --8<-- [start:crossing]
import numpy as np
from scipy.optimize import brentq

rng = np.random.default_rng(0)
X = rng.normal(size=(50, 4))
y = X @ np.array([3.0, -2.0, 0.0, 0.5]) + 0.1 * rng.normal(size=50)


def ridge(lam):  # minimizes ||y - X w||^2 + lam * ||w||^2
    return np.linalg.solve(X.T @ X + lam * np.eye(4), X.T @ y)


print(f"w_3 without penalty: {ridge(0.0)[2]:+.4f}")
#> w_3 without penalty: -0.0003
print(f"w_3 at lambda = 10:  {ridge(10.0)[2]:+.4f}")
#> w_3 at lambda = 10:  +0.1020
root = brentq(lambda lam: ridge(lam)[2], 1e-4, 10.0, xtol=1e-15)
print(f"w_3 = 0 at lambda = {root:.4f}")
#> w_3 = 0 at lambda = 0.0182
print("|w_3| at that lambda below 1e-15:", abs(ridge(root)[2]) < 1e-15)
#> |w_3| at that lambda below 1e-15: True
for lam in (0.999 * root, 1.001 * root):  # 0.1% to either side: nonzero again
    print(f"lambda = {lam:.6f}: w_3 = {ridge(lam)[2]:+.1e}")
#> lambda = 0.018181: w_3 = -3.0e-07
#> lambda = 0.018217: w_3 = +3.0e-07
# --8<-- [end:crossing]

# --8<-- [start:no-zeros]
import numpy as np
from sklearn.linear_model import Lasso, Ridge

rng = np.random.default_rng(0)
n, d = 100, 20
w_true = np.zeros(d)
w_true[:5] = [4.0, -3.0, 2.0, -1.5, 1.0]  # only 5 of 20 features matter
X = rng.normal(size=(n, d))
y = X @ w_true + 0.5 * rng.normal(size=n)

print(" lambda  zeros(L1)  zeros(L2)  smallest |w| (L2)")
#>  lambda  zeros(L1)  zeros(L2)  smallest |w| (L2)
for lam in [0.01, 0.1, 1.0, 10.0, 100.0]:
    w_l1 = Lasso(alpha=lam, fit_intercept=False).fit(X, y).coef_
    w_l2 = Ridge(alpha=lam * n, fit_intercept=False).fit(X, y).coef_
    zeros_l1 = int(np.sum(w_l1 == 0.0))
    zeros_l2 = int(np.sum(w_l2 == 0.0))
    print(f"{lam:7.2f}  {zeros_l1:9d}  {zeros_l2:9d}  {np.abs(w_l2).min():.1e}")
#>    0.01          6          0  2.8e-03
#>    0.10         15          0  2.5e-02
#>    1.00         16          0  4.6e-02
#>   10.00         20          0  2.9e-03
#>  100.00         20          0  7.1e-05
# --8<-- [end:no-zeros]

# --8<-- [start:zero-sets]
import numpy as np
from sklearn.linear_model import Lasso

rng = np.random.default_rng(0)
n, d = 100, 20
w_true = np.zeros(d)
w_true[:5] = [4.0, -3.0, 2.0, -1.5, 1.0]  # only 5 of 20 features matter
X = rng.normal(size=(n, d))
y = X @ w_true + 0.5 * rng.normal(size=n)

lams = np.logspace(-3, 2, 201)  # 5 decades, 40 values per decade
l1 = np.array([Lasso(alpha=lam, fit_intercept=False).fit(X, y).coef_ for lam in lams])
# Ridge(alpha=lam * n) in closed form: the same lambda scale as the Lasso
l2 = np.array([np.linalg.solve(X.T @ X + lam * n * np.eye(d), X.T @ y) for lam in lams])

decades = 5 / (len(lams) - 1)  # the width in log10(lambda) of one grid step
print("decades of lambda where w_j = 0")
#> decades of lambda where w_j = 0
print("L1:", np.round((l1 == 0).sum(axis=0) * decades, 1))
#> L1: [1.5 1.7 1.9 2.  2.1 3.4 3.2 3.6 4.3 4.3 3.4 3.  4.  3.4 4.  3.  4.1 3.1
#>  5.  3.1]
print("L2:", (l2 == 0).sum(axis=0) * decades)
#> L2: [0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0. 0.]
crosses = (np.diff(np.sign(l2), axis=0) != 0).any(axis=0)
print("L2 coefficients that cross zero:", int(crosses.sum()))
#> L2 coefficients that cross zero: 7
# --8<-- [end:zero-sets]

# --8<-- [start:orthonormal]
import numpy as np
from sklearn.linear_model import Lasso, Ridge

import normdocs as nd

rng = np.random.default_rng(0)
n, lam = 100, 0.5
X, _ = np.linalg.qr(rng.normal(size=(n, 4)))  # orthonormal columns: X^T X = I
y = X @ np.array([3.0, -2.0, 0.4, 0.0]) + 0.1 * rng.normal(size=n)
w_ols = X.T @ y

# Ridge, ||y - X w||^2 + lam ||w||^2: every coefficient divided by 1 + lam
w_ridge = Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_
print(np.allclose(w_ridge, w_ols / (1 + lam)))
#> True
# Lasso(alpha=lam / n) minimizes (1/n) (1/2 ||y - X w||^2 + lam ||w||_1):
# every coefficient moved lam towards 0, and set to 0 if it is within lam of it
w_lasso = Lasso(alpha=lam / n, fit_intercept=False, tol=1e-12).fit(X, y).coef_
print(np.allclose(w_lasso, nd.soft_threshold(w_ols, lam)))
#> True
print("OLS  ", np.round(w_ols, 3))
#> OLS   [ 3.065 -2.163  0.447 -0.09 ]
print("ridge", np.round(w_ridge, 3))
#> ridge [ 2.043 -1.442  0.298 -0.06 ]
print("lasso", np.round(w_lasso, 3) + 0.0)
#> lasso [ 2.565 -1.663  0.     0.   ]
# --8<-- [end:orthonormal]

# --8<-- [start:adam-vs-adamw]
import torch

torch.manual_seed(0)
X, y = torch.randn(256, 10), torch.randn(256, 1)


def train(optimizer_class):
    torch.manual_seed(1)
    model = torch.nn.Linear(10, 1)
    opt = optimizer_class(model.parameters(), lr=0.01, weight_decay=0.1)
    for _ in range(200):
        opt.zero_grad()
        torch.nn.functional.mse_loss(model(X), y).backward()
        opt.step()
    return model.weight.detach()


w_adam, w_adamw = train(torch.optim.Adam), train(torch.optim.AdamW)
print(f"||w|| with Adam(weight_decay=0.1):  {w_adam.norm():.4f}")
#> ||w|| with Adam(weight_decay=0.1):  0.1913
print(f"||w|| with AdamW(weight_decay=0.1): {w_adamw.norm():.4f}")
#> ||w|| with AdamW(weight_decay=0.1): 0.2006
print(f"largest difference: {(w_adam - w_adamw).abs().max():.4f}")
#> largest difference: 0.0059
# --8<-- [end:adam-vs-adamw]

# --8<-- [start:adamw-times-lr]
import torch

for lr in (0.1, 0.01):
    w = torch.nn.Parameter(torch.ones(3))
    opt = torch.optim.AdamW([w], lr=lr, weight_decay=0.1)
    (0.0 * w).sum().backward()  # a zero gradient: only the decay moves w
    opt.step()
    print(f"lr = {lr}: w multiplied by {w[0].item():.4f} = 1 - lr * 0.1")
#> lr = 0.1: w multiplied by 0.9900 = 1 - lr * 0.1
#> lr = 0.01: w multiplied by 0.9990 = 1 - lr * 0.1
# --8<-- [end:adamw-times-lr]

# --8<-- [start:param-groups]
import torch

model = torch.nn.Sequential(
    torch.nn.Linear(10, 32), torch.nn.LayerNorm(32), torch.nn.ReLU(), torch.nn.Linear(32, 1)
)
decay, no_decay = [], []
for p in model.parameters():
    # biases and normalization weights are 1-D: do not decay them
    (no_decay if p.ndim <= 1 else decay).append(p)
opt = torch.optim.AdamW(
    [{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
    lr=1e-3,
)
print([len(g["params"]) for g in opt.param_groups])
#> [2, 4]
# --8<-- [end:param-groups]
