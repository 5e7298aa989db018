"""Examples of the page docs/training/decoupled-weight-decay.md."""

# --8<-- [start:sgd-equivalence]
import torch

import normdocs as nd

torch.manual_seed(0)
X = torch.randn(200, 5, dtype=torch.float64)
w_true = torch.tensor([3.0, -2.0, 1.0, 0.5, 0.0], dtype=torch.float64)
y = X @ w_true + 0.1 * torch.randn(200, dtype=torch.float64)


def sgd(lr, steps, l2=0.0, decay=0.0):  # decay: the factor lambda of L&H's eq. (1), per step
    w = torch.zeros(5, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        nd.regularized_loss(nd.mse_loss(X @ w, y), w, l2=l2).backward()
        with torch.no_grad():
            w.mul_(1 - decay)  # decoupled: shrink w, then take the gradient step
        opt.step()
    return w.detach()


def ridge(lam):  # the minimizer of mse_loss + lam * l2_penalty
    n = len(y)
    return torch.linalg.solve(2 * X.T @ X / n + lam * torch.eye(5, dtype=X.dtype), 2 * X.T @ y / n)


lam = 0.1  # the L2 coefficient lambda' of the loss
for lr in (0.1, 0.01):
    gap = (sgd(lr, 100, l2=lam) - sgd(lr, 100, decay=lr * lam)).abs().max().item()
    print(f"lr = {lr}: L2 {lam} and decay factor {lr * lam:g} agree to 1e-14: {gap < 1e-14}")
    #> lr = 0.1: L2 0.1 and decay factor 0.01 agree to 1e-14: True
    #> lr = 0.01: L2 0.1 and decay factor 0.001 agree to 1e-14: True

decay = 1e-3  # one fixed decay factor per step, run to convergence at two learning rates
for lr in (0.1, 0.05):
    w = sgd(lr, 500, decay=decay)
    gap = (w - ridge(decay / lr)).abs().max().item()
    print(f"lr = {lr}: w_1 = {w[0]:.4f}; w = ridge({decay / lr:g}) to 1e-12: {gap < 1e-12}")
    #> lr = 0.1: w_1 = 2.9712; w = ridge(0.01) to 1e-12: True
    #> lr = 0.05: w_1 = 2.9549; w = ridge(0.02) to 1e-12: True
# --8<-- [end:sgd-equivalence]

# --8<-- [start:sgd-momentum]
import torch

import normdocs as nd

torch.manual_seed(0)
X = torch.randn(200, 5, dtype=torch.float64)
w_true = torch.tensor([3.0, -2.0, 1.0, 0.5, 0.0], dtype=torch.float64)
y = X @ w_true + 0.1 * torch.randn(200, dtype=torch.float64)
lr, beta, wd = 0.02, 0.9, 0.1


def sgd_momentum(decoupled, steps):
    w = torch.zeros(5, dtype=torch.float64, requires_grad=True)
    # coupled: torch's weight_decay adds wd * w to the gradient, so to the momentum buffer
    opt = torch.optim.SGD([w], lr=lr, momentum=beta, weight_decay=0.0 if decoupled else wd)
    for _ in range(steps):
        opt.zero_grad()
        nd.mse_loss(X @ w, y).backward()
        if decoupled:  # SGDW: the decay bypasses the buffer
            with torch.no_grad():
                w.mul_(1 - lr * wd)
        opt.step()
    return w.detach()


def ridge(lam):  # the minimizer of mse_loss + lam * l2_penalty
    n = len(y)
    return torch.linalg.solve(2 * X.T @ X / n + lam * torch.eye(5, dtype=X.dtype), 2 * X.T @ y / n)


for steps in (2, 3, 10, 100):
    gap = (sgd_momentum(False, steps) - sgd_momentum(True, steps)).abs().max().item()
    text = f"{gap:.1e}" if gap > 1e-14 else "0 (below 1e-14)"
    print(f"after {steps:3d} steps: largest difference {text}")
    #> after   2 steps: largest difference 0 (below 1e-14)
    #> after   3 steps: largest difference 2.0e-04
    #> after  10 steps: largest difference 3.9e-02
    #> after 100 steps: largest difference 1.4e-01
w_l2, w_sgdw = sgd_momentum(False, 1000), sgd_momentum(True, 1000)
ridge_l2, ridge_sgdw = ridge(wd), ridge((1 - beta) * wd)
print("L2 after 1000 steps = ridge(wd) to 1e-12:", bool((w_l2 - ridge_l2).abs().max() < 1e-12))
#> L2 after 1000 steps = ridge(wd) to 1e-12: True
print("SGDW = ridge((1 - beta) wd) to 1e-12:    ", bool((w_sgdw - ridge_sgdw).abs().max() < 1e-12))
#> SGDW = ridge((1 - beta) wd) to 1e-12:     True
print(f"w_1: ridge(wd) {ridge_l2[0]:.4f}, ridge((1 - beta) wd) {ridge_sgdw[0]:.4f}")
#> w_1: ridge(wd) 2.8313, ridge((1 - beta) wd) 2.9712
# --8<-- [end:sgd-momentum]

# --8<-- [start:adam-numpy]
import numpy as np

rng = np.random.default_rng(0)
X = rng.normal(size=(100, 3)) * np.array([1.0, 0.1, 0.01])  # three gradient scales
y = X @ np.array([1.0, 10.0, 100.0]) + 0.1 * rng.normal(size=100)
lr, wd, steps = 0.05, 0.1, 300


def adam(lam, decoupled, alpha=lr, b1=0.9, b2=0.999, eps=1e-8):
    """Loshchilov and Hutter's Algorithm 2, with schedule multiplier eta_t = 1."""
    theta, m, v = np.zeros(3), np.zeros(3), np.zeros(3)
    for t in range(1, steps + 1):
        g = 2 * X.T @ (X @ theta - y) / len(y)  # the gradient of the mean squared error
        if not decoupled:
            g = g + lam * theta  # line 6: L2 in the gradient
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        decay = lam * theta if decoupled else 0.0  # line 12: the decoupled decay
        theta = theta - (alpha * m_hat / (np.sqrt(v_hat) + eps) + decay)
    return theta


print("Adam + L2:", np.round(adam(wd, decoupled=False), 4))
#> Adam + L2: [0.9797 1.7622 0.1898]
print("AdamW:    ", np.round(adam(lr * wd, decoupled=True), 4))  # L&H's lambda = lr * wd
#> AdamW:     [0.9958 5.9672 7.5302]
# --8<-- [end:adam-numpy]

# --8<-- [start:adam-torch]
import numpy as np
import torch

rng = np.random.default_rng(0)
X = rng.normal(size=(100, 3)) * np.array([1.0, 0.1, 0.01])  # three gradient scales
y = X @ np.array([1.0, 10.0, 100.0]) + 0.1 * rng.normal(size=100)
X, y = torch.tensor(X), torch.tensor(y)
lr, wd, steps = 0.05, 0.1, 300


def train(optimizer_class):
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    opt = optimizer_class([w], lr=lr, weight_decay=wd)
    for _ in range(steps):
        opt.zero_grad()
        torch.nn.functional.mse_loss(X @ w, y).backward()
        opt.step()
    return w.detach().numpy()


print("Adam + L2:", np.round(train(torch.optim.Adam), 4))
#> Adam + L2: [0.9797 1.7622 0.1898]
print("AdamW:    ", np.round(train(torch.optim.AdamW), 4))
#> AdamW:     [0.9958 5.9672 7.5302]
# --8<-- [end:adam-torch]

# --8<-- [start:adam-normdocs]
import numpy as np
import torch

import normdocs as nd

rng = np.random.default_rng(0)
X = rng.normal(size=(100, 3)) * np.array([1.0, 0.1, 0.01])  # three gradient scales
y = X @ np.array([1.0, 10.0, 100.0]) + 0.1 * rng.normal(size=100)
X, y = torch.tensor(X), torch.tensor(y)
lr, wd, steps = 0.05, 0.1, 300


def train(penalty_in_loss):  # Adam on the penalized loss, or AdamW on the data loss
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    if penalty_in_loss:
        opt = torch.optim.Adam([w], lr=lr)
    else:
        opt = torch.optim.AdamW([w], lr=lr, weight_decay=wd)
    for _ in range(steps):
        opt.zero_grad()
        loss = nd.mse_loss(X @ w, y)
        if penalty_in_loss:
            loss = loss + wd * nd.l2_penalty(w)
        loss.backward()
        opt.step()
    return w.detach().numpy()


print("Adam + L2:", np.round(train(penalty_in_loss=True), 4))
#> Adam + L2: [0.9797 1.7622 0.1898]
print("AdamW:    ", np.round(train(penalty_in_loss=False), 4))
#> AdamW:     [0.9958 5.9672 7.5302]
# --8<-- [end:adam-normdocs]

# --8<-- [start:per-coordinate]
import torch
from sklearn.datasets import load_breast_cancer

torch.set_num_threads(1)  # tiny tensors: one thread is faster
data = load_breast_cancer()  # 30 raw, unstandardized features
X, y = torch.tensor(data.data), torch.tensor(data.target, dtype=torch.float64)
lr, wd = 0.01, 0.01


def train(optimizer_class, steps=300):  # logistic regression, batches of 64
    w = torch.zeros(30, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    groups = [{"params": [w]}, {"params": [b], "weight_decay": 0.0}]  # no decay on the bias
    opt = optimizer_class(groups, lr=lr, weight_decay=wd)
    batches = torch.Generator().manual_seed(0)
    for _ in range(steps):
        i = torch.randint(0, len(y), (64,), generator=batches)
        opt.zero_grad()
        torch.nn.functional.binary_cross_entropy_with_logits(X[i] @ w + b, y[i]).backward()
        opt.step()
    state = opt.state[w]
    v_hat = state["exp_avg_sq"] / (1 - 0.999 ** state["step"])  # Adam's bias-corrected v
    return w.detach(), v_hat.sqrt()


w_l2, root_v = train(torch.optim.Adam)
w_adamw, _ = train(torch.optim.AdamW)
rate = lr * wd / (root_v + 1e-8)  # the L2 term's share of Adam's step, per unit of w
print(f"AdamW: every weight multiplied by 1 - lr * wd = 1 - {lr * wd:g} per step")
#> AdamW: every weight multiplied by 1 - lr * wd = 1 - 0.0001 per step
print("feature (std)                      sqrt(v_hat)  Adam+L2 rate  w, Adam+L2  w, AdamW")
#> feature (std)                      sqrt(v_hat)  Adam+L2 rate  w, Adam+L2  w, AdamW
for j in torch.argsort(X.std(0))[[0, 10, 20, 29]]:
    name = f"{data.feature_names[j]} ({X[:, j].std():.3g})"
    print(f"{name:<34s} {root_v[j]:11.1e} {rate[j]:13.1e} {w_l2[j]:+11.4f} {w_adamw[j]:+9.4f}")
    #> fractal dimension error (0.00265)      3.8e-04       2.6e-01     -0.0058   -0.1192
    #> concavity error (0.0302)               3.1e-03       3.3e-02     -0.0777   -0.5393
    #> perimeter error (2.02)                 2.4e-01       4.2e-04     -0.0191   -0.0164
    #> worst area (569)                       7.6e+01       1.3e-06     -0.0348   -0.0339
print(f"Adam+L2 rates: {rate.min():.1e} to {rate.max():.1e}, {rate.max() / rate.min():.0e} times")
#> Adam+L2 rates: 1.3e-06 to 2.6e-01, 2e+05 times
# --8<-- [end:per-coordinate]

# --8<-- [start:fixed-points]
import math

import numpy as np
import torch
from scipy.optimize import lsq_linear

import normdocs as nd

rng = np.random.default_rng(0)
n = 200
X = rng.normal(size=(n, 4))
y = X @ np.array([3.0, -2.0, 0.5, 0.1]) + 0.1 * rng.normal(size=n)
G, b = torch.tensor(X.T @ X / n), torch.tensor(X.T @ y / n)
wd, lr, steps = 1.0, 0.03, 2000


def cosine(t):  # the schedule multiplier: from 1 down to 0
    return 0.5 * (1 + math.cos(math.pi * t / steps))


def train(optimizer_class, betas):  # full batch, cosine schedule
    w = torch.zeros(4, dtype=torch.float64, requires_grad=True)
    opt = optimizer_class([w], lr=lr, betas=betas, weight_decay=wd)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, cosine)
    for _ in range(steps):
        w.grad = G @ w.detach() - b  # the gradient of f(w) = ||X w - y||^2 / (2 n)
        opt.step()
        schedule.step()
    return w.detach().numpy()


def ridge(lam):  # the minimizer of f + lam * l2_penalty
    return np.linalg.solve(X.T @ X / n + lam * np.eye(4), X.T @ y / n)


box = lsq_linear(X, y, bounds=(-1 / wd, 1 / wd)).x  # min f subject to ||w||_inf <= 1 / wd
w_l2 = train(torch.optim.Adam, (0.9, 0.99))
w_adamw = train(torch.optim.AdamW, (0.9, 0.99))
print("OLS:      ", np.round(ridge(0.0), 4))
#> OLS:       [ 2.9924 -1.998   0.5054  0.0984]
print("ridge(wd):", np.round(ridge(wd), 4), " Adam + L2:", np.round(w_l2, 4))
#> ridge(wd): [ 1.4547 -0.9295  0.2929  0.0516]  Adam + L2: [ 1.4547 -0.9295  0.2929  0.0516]
print("box:      ", np.round(box, 4), " AdamW:    ", np.round(w_adamw, 4))
#> box:       [ 1.     -1.      0.593   0.1081]  AdamW:     [ 1.     -0.9998  0.5928  0.1081]
print("Adam + L2 = ridge(wd) to 1e-12:", np.abs(w_l2 - ridge(wd)).max() < 1e-12)
#> Adam + L2 = ridge(wd) to 1e-12: True
print(f"AdamW to the box: {np.abs(w_adamw - box).max():.0e}, ||w||_inf {nd.linf_norm(w_adamw):.4f}")
#> AdamW to the box: 2e-04, ||w||_inf 1.0000
closest = min(np.abs(ridge(lam) - w_adamw).max() for lam in np.logspace(-4, 2, 601))
print(f"the ridge solution closest to AdamW's, lambda' in [1e-4, 100]: {closest:.3f} away")
#> the ridge solution closest to AdamW's, lambda' in [1e-4, 100]: 0.323 away
w_default = train(torch.optim.AdamW, (0.9, 0.999))  # PyTorch's default beta_2
print(f"AdamW, beta_2 = 0.999, {steps} steps: {np.abs(w_default - box).max():.3f} from the box")
#> AdamW, beta_2 = 0.999, 2000 steps: 0.031 from the box
# --8<-- [end:fixed-points]
