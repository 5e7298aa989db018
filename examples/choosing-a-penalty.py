"""Examples of the page docs/guides/choosing-a-penalty.md."""

# --8<-- [start:experiment]
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import normdocs as nd

X, y = load_digits(return_X_y=True)  # 1,797 8x8 images of digits, shipped with scikit-learn
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=0, stratify=y)
mean, std = X_train.mean(0), X_train.std(0) + 1e-8
X_train, X_val = (torch.tensor((a - mean) / std, dtype=torch.float32) for a in (X_train, X_val))
y_train, y_val = torch.tensor(y_train), torch.tensor(y_val)


def train(l1=0.0, l2=0.0, steps=200, lr=0.5):
    """Softmax regression, 64 x 10 weights. L2 through its gradient, L1 by its proximal step."""
    torch.manual_seed(0)
    model = torch.nn.Linear(64, 10)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(X_train), y_train)
        nd.regularized_loss(loss, model.weight, l2=l2).backward()  # the bias is not penalized
        opt.step()
        with torch.no_grad():  # proximal step of lr * l1 * ||W||_1: exact zeros
            model.weight.copy_(nd.soft_threshold(model.weight, lr * l1))
    accuracy = (model(X_val).argmax(1) == y_val).float().mean().item()
    return accuracy, model.weight.detach()


results = {"none": {0.0: train()}}
lambdas = [1e-4, 1e-3, 1e-2, 1e-1]
for name, penalty in [
    ("L1", lambda lam: {"l1": lam}),
    ("L2", lambda lam: {"l2": lam}),
    ("elastic net", lambda lam: {"l1": lam / 2, "l2": lam / 2}),
]:
    results[name] = {lam: train(**penalty(lam)) for lam in lambdas}

print("penalty      lambda  val. accuracy  zero weights (of 640)")
#> penalty      lambda  val. accuracy  zero weights (of 640)
for name, runs in results.items():
    for lam, (accuracy, w) in runs.items():
        print(f"{name:11s} {lam:7.0e}  {accuracy:13.3f}  {int((w == 0).sum()):5d}")
        #> none          0e+00          0.963      0
        #> L1            1e-04          0.963     10
        #> L1            1e-03          0.963    191
        #> L1            1e-02          0.938    483
        #> L1            1e-01          0.612    620
        #> L2            1e-04          0.963      0
        #> L2            1e-03          0.963      0
        #> L2            1e-02          0.961      0
        #> L2            1e-01          0.930      0
        #> elastic net   1e-04          0.963      4
        #> elastic net   1e-03          0.963     98
        #> elastic net   1e-02          0.953    393
        #> elastic net   1e-01          0.879    547
# --8<-- [end:experiment]

# --8<-- [start:subgradient-not-sparse]
import torch

import normdocs as nd

torch.manual_seed(0)
X, y = torch.randn(200, 20), torch.randn(200)
lam, lr = 0.1, 0.05

w_sub = torch.zeros(20, requires_grad=True)  # L1 through autograd: a subgradient step
w_prox = torch.zeros(20, requires_grad=True)  # L1 through its proximal step
for _ in range(500):
    for w, l1 in ((w_sub, lam), (w_prox, 0.0)):
        loss = nd.regularized_loss(nd.mse_loss(X @ w, y), w, l1=l1)
        (g,) = torch.autograd.grad(loss, w)
        with torch.no_grad():
            w -= lr * g
    with torch.no_grad():
        w_prox.copy_(nd.soft_threshold(w_prox, lr * lam))

print("exact zeros, subgradient:", int((w_sub == 0).sum()), "  proximal:", int((w_prox == 0).sum()))
#> exact zeros, subgradient: 0   proximal: 13
print(f"smallest |w|, subgradient: {w_sub.abs().min():.1e}")
#> smallest |w|, subgradient: 1.2e-04
# --8<-- [end:subgradient-not-sparse]

# --8<-- [start:conventions]
import numpy as np
import torch
from sklearn.linear_model import Lasso, Ridge

import normdocs as nd

rng = np.random.default_rng(0)
X = rng.normal(size=(40, 3))
y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=40)
n, lam = len(y), 0.3

# The same objective, mean squared error + lam/2 ||w||^2, in three spellings:
# PyTorch/normdocs: nd.mse_loss(X @ w, y) + lam * nd.l2_penalty(w)
# Ridge: ||y - X w||^2 + alpha ||w||^2  ->  alpha = n * lam / 2
w_ridge = Ridge(alpha=n * lam / 2, fit_intercept=False).fit(X, y).coef_
w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
opt = torch.optim.LBFGS([w], max_iter=200, tolerance_grad=1e-12, tolerance_change=1e-15)
Xt, yt = torch.tensor(X), torch.tensor(y)


def closure():
    opt.zero_grad()
    loss = nd.mse_loss(Xt @ w, yt) + lam * nd.l2_penalty(w)
    loss.backward()
    return loss


opt.step(closure)
print(np.allclose(w.detach().numpy(), w_ridge, atol=1e-6))
#> True

# Lasso: 1/(2n) ||y - X w||^2 + alpha ||w||_1, half the mean squared error:
# nd.mse_loss + lam * nd.l1_penalty(w) is Lasso with alpha = lam / 2
w_lasso = Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
w = np.zeros(3)
step = 1 / (2 * np.linalg.eigvalsh(X.T @ X / n).max())
for _ in range(5000):  # ISTA on mse + lam * ||w||_1
    grad = 2 * X.T @ (X @ w - y) / n
    w = nd.soft_threshold(w - step * grad, step * lam)
print(np.allclose(w, w_lasso, atol=1e-6))
#> True
# --8<-- [end:conventions]

# --8<-- [start:d2l-convention]
import torch

import normdocs as nd

torch.manual_seed(0)
X = torch.randn(40, 3, dtype=torch.float64)
w_true = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
y = X @ w_true + 0.1 * torch.randn(40, dtype=torch.float64)
n, lam = len(y), 0.3

# the minimizer of nd.mse_loss(X @ w, y) + lam * nd.l2_penalty(w), in closed form
eye = torch.eye(3, dtype=torch.float64)
w_star = torch.linalg.solve(X.T @ X / n + lam / 2 * eye, X.T @ y / n)


def d2l_from_scratch(w, lambd):  # d2l.ai, "Weight Decay", the from-scratch loss
    squared_loss = (X @ w - y) ** 2 / 2  # d2l's squared_loss: HALF the squared error
    return squared_loss.mean() + lambd * (w**2).sum() / 2  # d2l's l2_penalty


for lambd in (lam, lam / 2):
    w = w_star.clone().requires_grad_(True)
    d2l_from_scratch(w, lambd).backward()
    at_minimum = bool(w.grad.norm() < 1e-12)
    print(f"d2l's lambd = {lambd:.2f}: our minimizer is d2l's: {at_minimum}")
    #> d2l's lambd = 0.30: our minimizer is d2l's: False
    #> d2l's lambd = 0.15: our minimizer is d2l's: True

# d2l.ai's concise version: nn.MSELoss (the whole MSE) and SGD's weight_decay
model = torch.nn.Linear(3, 1, bias=False, dtype=torch.float64)
w0 = model.weight.detach().clone().reshape(3)
opt = torch.optim.SGD(model.parameters(), lr=0.1, weight_decay=lam)
torch.nn.MSELoss()(model(X).reshape(-1), y).backward()
opt.step()
w = w0.clone().requires_grad_(True)
(nd.mse_loss(X @ w, y) + lam * nd.l2_penalty(w)).backward()
print("same step as ours:", torch.allclose(model.weight.detach().reshape(3), w0 - 0.1 * w.grad))
#> same step as ours: True
# --8<-- [end:d2l-convention]
