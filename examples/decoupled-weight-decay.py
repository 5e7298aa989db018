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

# --8<-- [start:schedule]
import math

import numpy as np
import torch

rng = np.random.default_rng(0)
X = rng.normal(size=(100, 3)) * np.array([1.0, 0.1, 0.01])
y = X @ np.array([1.0, 10.0, 100.0]) + 0.1 * rng.normal(size=100)
steps = 300


def eta(t):  # the cosine schedule multiplier, t = 1, 2, ..., steps
    return 0.5 * (1 + math.cos(math.pi * (t - 1) / steps))


def adamw_lh(alpha, lam, b1=0.9, b2=0.999, eps=1e-8):
    """Loshchilov and Hutter's Algorithm 2 (AdamW): step size alpha, decay lam, schedule eta_t."""
    theta, m, v = np.zeros(3), np.zeros(3), np.zeros(3)
    for t in range(1, steps + 1):
        g = 2 * X.T @ (X @ theta - y) / len(y)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        theta = theta - eta(t) * (alpha * m_hat / (np.sqrt(v_hat) + eps) + lam * theta)
    return theta


def adamw_torch(lr, wd):  # torch's AdamW, its lr multiplied by eta_t
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.AdamW([w], lr=lr, weight_decay=wd)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: eta(t + 1))
    for _ in range(steps):
        opt.zero_grad()
        torch.nn.functional.mse_loss(torch.tensor(X) @ w, torch.tensor(y)).backward()
        opt.step()
        schedule.step()
    return w.detach().numpy()


lh = adamw_lh(alpha=0.05, lam=0.005)
print("Algorithm 2, alpha 0.05, lambda 0.005:", np.round(lh, 4))
#> Algorithm 2, alpha 0.05, lambda 0.005: [0.9968 4.6171 5.1979]
print("torch, lr 0.05, wd 0.1 (= 0.005 / 0.05):", np.abs(adamw_torch(0.05, 0.1) - lh).max() < 1e-12)
#> torch, lr 0.05, wd 0.1 (= 0.005 / 0.05): True
lh = adamw_lh(alpha=0.1, lam=0.005)  # L&H: a larger step size leaves the decay alone
print("Algorithm 2, alpha 0.1,  lambda 0.005:", np.round(lh, 4))
#> Algorithm 2, alpha 0.1,  lambda 0.005: [ 1.0009  7.6041 10.2245]
print("torch, lr 0.1,  wd 0.05 (= 0.005 / 0.1):", np.abs(adamw_torch(0.1, 0.05) - lh).max() < 1e-12)
#> torch, lr 0.1,  wd 0.05 (= 0.005 / 0.1): True
print(f"torch, lr 0.1,  wd 0.1: {np.abs(adamw_torch(0.1, 0.1) - lh).max():.4f} away")
#> torch, lr 0.1,  wd 0.1: 2.6462 away
# --8<-- [end:schedule]

# --8<-- [start:total-decay]
import math

import torch

steps, wd = 500, 0.2
runs = [(0.01, "constant"), (0.01, "cosine"), (0.003, "cosine"), (0.03, "cosine")]
shapes = {"constant": lambda t: 1.0, "cosine": lambda t: 0.5 * (1 + math.cos(math.pi * t / steps))}
weights = [torch.nn.Parameter(torch.ones(1, dtype=torch.float64)) for _ in runs]
groups = [{"params": [w], "lr": lr} for w, (lr, _) in zip(weights, runs, strict=True)]
opt = torch.optim.AdamW(groups, weight_decay=wd)
lr_schedule = torch.optim.lr_scheduler.LambdaLR(opt, [shapes[shape] for _, shape in runs])
lrs = torch.zeros(steps, len(runs), dtype=torch.float64)  # the lr of each step, per run
for t in range(steps):
    lrs[t] = torch.tensor([group["lr"] for group in opt.param_groups])
    for w in weights:
        w.grad = torch.zeros_like(w)  # Adam's step is 0 / (0 + eps) = 0: only the decay acts
    opt.step()
    lr_schedule.step()

# the weight of step s's update in the final weights: lr_s * prod_{t > s} (1 - lr_t wd)
after = torch.cumprod((1 - lrs * wd).flip(0), 0).flip(0)
memory = lrs * torch.cat([after[1:], torch.ones(1, len(runs), dtype=torch.float64)])
print("   lr  schedule  prod(1 - lr_t wd)  exp(-wd sum lr_t)  most remembered step")
#>    lr  schedule  prod(1 - lr_t wd)  exp(-wd sum lr_t)  most remembered step
for k, (lr, shape) in enumerate(runs):
    print(
        f"{lr:5g}  {shape:>8s}  {weights[k].item():17.4f}  {math.exp(-wd * lrs[:, k].sum()):17.4f}"
        f"  {memory[:, k].argmax().item() + 1:20d}"
    )
    #>  0.01  constant             0.3675             0.3679                   500
    #>  0.01    cosine             0.6057             0.6059                    92
    #> 0.003    cosine             0.8604             0.8604                    31
    #>  0.03    cosine             0.2217             0.2225                   187
# --8<-- [end:total-decay]

# --8<-- [start:ema-view]
import torch

torch.set_num_threads(1)  # tiny tensors: one thread is faster
torch.manual_seed(0)
steps, n_noise = 1000, 1000
runs = [(0.01, 1.0), (0.05, 0.2), (0.005, 1.0)]  # (lr, wd): the first two share lr * wd
params = [torch.zeros(1 + n_noise, dtype=torch.float64, requires_grad=True) for _ in runs]
groups = [
    {"params": [p], "lr": lr, "weight_decay": wd} for p, (lr, wd) in zip(params, runs, strict=True)
]
opt = torch.optim.AdamW(groups)
signal = torch.zeros(steps + 1, len(runs), dtype=torch.float64)  # theta_0 of each run, per step
for t in range(1, steps + 1):
    opt.zero_grad()
    xi = torch.randn(n_noise, dtype=torch.float64)  # fresh noise at every step
    # f_t(theta) = -theta_0 + sum_j xi_j theta_j: a constant pull on theta_0, noise on the rest
    sum(-p[0] + xi @ p[1:] for p in params).backward()
    opt.step()
    signal[t] = torch.stack([p[0].detach() for p in params])

print("   lr   wd  tau  theta_0(tau)  EMA formula  theta_0(T)  1/wd  rms noise  sqrt(lr/(2 wd))")
#>    lr   wd  tau  theta_0(tau)  EMA formula  theta_0(T)  1/wd  rms noise  sqrt(lr/(2 wd))
for k, (lr, wd) in enumerate(runs):
    tau = round(1 / (lr * wd))
    ema = (1 - (1 - lr * wd) ** tau) / wd  # an EMA of the constant 1/wd, after tau steps
    rms = params[k][1:].detach().pow(2).mean().sqrt().item()
    print(
        f"{lr:5g} {wd:4g} {tau:4d} {signal[tau, k]:13.4f} {ema:12.4f} {signal[-1, k]:11.4f}"
        f" {1 / wd:5g} {rms:10.4f} {(lr / (2 * wd)) ** 0.5:16.4f}"
    )
    #>  0.01    1  100        0.6340       0.6340      1.0000     1     0.0669           0.0707
    #>  0.05  0.2  100        3.1698       3.1698      4.9998     5     0.3345           0.3536
    #> 0.005    1  200        0.6330       0.6330      0.9933     1     0.0488           0.0500
# --8<-- [end:ema-view]

# --8<-- [start:grid]
import torch
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

torch.set_num_threads(1)  # tiny tensors: one thread is faster
X, y = load_breast_cancer(return_X_y=True)
X_tr, X_va, y_tr, y_va = train_test_split(X, y, train_size=100, random_state=0, stratify=y)
mean, std = X_tr.mean(0), X_tr.std(0)
X_tr, X_va = torch.tensor((X_tr - mean) / std), torch.tensor((X_va - mean) / std)
y_tr, y_va = torch.tensor(y_tr, dtype=torch.float64), torch.tensor(y_va, dtype=torch.float64)
lrs = torch.tensor([1e-3, 3e-3, 1e-2, 3e-2, 1e-1], dtype=torch.float64)
wds = torch.logspace(-2, 1, 7, dtype=torch.float64)  # 0.01 to 10
lr, wd = (g.reshape(-1, 1) for g in torch.meshgrid(lrs, wds, indexing="ij"))  # 35 runs
bce = torch.nn.functional.binary_cross_entropy_with_logits
batch = 10  # 10 steps per epoch


def adamw_grid(steps, b1=0.9, b2=0.999, eps=1e-8):
    """torch.optim.AdamW's update for the 35 (lr, wd) pairs at once, one row of W each."""
    W = torch.zeros(len(lr), 30, dtype=torch.float64, requires_grad=True)
    m, v = torch.zeros_like(W), torch.zeros_like(W)
    batches = torch.Generator().manual_seed(0)
    for t in range(1, steps + 1):
        i = torch.randint(0, len(y_tr), (batch,), generator=batches)
        W.grad = None
        bce(W @ X_tr[i].T, y_tr[i].expand(len(lr), -1), reduction="sum").div(batch).backward()
        with torch.no_grad():
            W.mul_(1 - lr * wd)
            m.mul_(b1).add_(W.grad, alpha=1 - b1)
            v.mul_(b2).addcmul_(W.grad, W.grad, value=1 - b2)
            W.sub_(lr / (1 - b1**t) * m / ((v / (1 - b2**t)).sqrt() + eps))
    return W.detach()


def table(steps):  # validation losses; per lr the best wd and its tau = 1 / (lr wd) in epochs
    W = adamw_grid(steps)
    val = torch.stack([bce(X_va @ w, y_va) for w in W]).reshape(len(lrs), len(wds))
    lines = [f"after {steps} steps ({steps // 10} epochs), validation loss:"]
    lines.append("lr \\ wd" + "".join(f"{w:7.3g}" for w in wds.tolist()) + "   best wd  tau (ep.)")
    for i, row in enumerate(val.tolist()):
        best = wds[val[i].argmin()].item()
        tau = 1 / (lrs[i].item() * best) / (len(y_tr) / batch)
        lines.append(
            f"{lrs[i]:7g}" + "".join(f"{x:7.3f}" for x in row) + f" {best:9.3g} {tau:10.3g}"
        )
    return W, "\n".join(lines)


W, text = table(300)
print(text)
#> after 300 steps (30 epochs), validation loss:
#> lr \ wd   0.01 0.0316    0.1  0.316      1   3.16     10   best wd  tau (ep.)
#>   0.001  0.243  0.244  0.245  0.249  0.263  0.305  0.407      0.01      1e+04
#>   0.003  0.149  0.149  0.152  0.159  0.183  0.249  0.382      0.01   3.33e+03
#>    0.01  0.107  0.107  0.110  0.120  0.152  0.226  0.372      0.01      1e+03
#>    0.03  0.106  0.104  0.102  0.113  0.145  0.216  0.369       0.1       33.3
#>     0.1  0.129  0.116  0.113  0.102  0.126  0.204  0.366     0.316       3.16
print(table(3000)[1])
#> after 3000 steps (300 epochs), validation loss:
#> lr \ wd   0.01 0.0316    0.1  0.316      1   3.16     10   best wd  tau (ep.)
#>   0.001  0.102  0.102  0.103  0.110  0.134  0.205  0.367      0.01      1e+04
#>   0.003  0.113  0.109  0.104  0.103  0.123  0.197  0.366     0.316        105
#>    0.01  0.142  0.127  0.109  0.100  0.120  0.194  0.364     0.316       31.6
#>    0.03  0.161  0.136  0.114  0.100  0.118  0.191  0.360     0.316       10.5
#>     0.1  0.176  0.153  0.149  0.111  0.130  0.187  0.360     0.316       3.16

w = torch.zeros(30, dtype=torch.float64, requires_grad=True)  # the last run, with torch's AdamW
opt = torch.optim.AdamW([w], lr=lrs[-1].item(), weight_decay=wds[-1].item())
batches = torch.Generator().manual_seed(0)
for _ in range(300):
    i = torch.randint(0, len(y_tr), (batch,), generator=batches)
    opt.zero_grad()
    bce(X_tr[i] @ w, y_tr[i]).backward()
    opt.step()
print(
    "torch.optim.AdamW, lr 0.1, wd 10: the grid's to 1e-12:", bool((w - W[-1]).abs().max() < 1e-12)
)
#> torch.optim.AdamW, lr 0.1, wd 10: the grid's to 1e-12: True
# --8<-- [end:grid]

# --8<-- [start:ema-noise]
import numpy as np

b1 = 0.9  # Adam's beta_1
for lr, wd in [(0.01, 1.0), (0.05, 0.2), (0.005, 1.0)]:
    a, c = 1 - lr * wd, lr * (1 - b1)
    # theta_t = a theta_{t-1} + lr m_t and m_t = b1 m_{t-1} + (1 - b1) xi_t (v_hat = 1):
    # two first-order filters in a row, driven by white noise of variance 1
    exact = np.sqrt(c**2 * (1 + a * b1) / ((1 - a**2) * (1 - b1**2) * (1 - a * b1)))
    n = np.arange(1, 20001)
    impulse = c * (a**n - b1**n) / (a - b1)  # theta's response, n - 1 steps after one xi = 1
    print(
        f"lr {lr:<5g} wd {wd:<3g}  sqrt(lr/(2 wd)) {np.sqrt(lr / (2 * wd)):.4f}"
        f"  exact {exact:.4f}  from the impulse response {np.sqrt(np.sum(impulse**2)):.4f}"
    )
    #> lr 0.01  wd 1    sqrt(lr/(2 wd)) 0.0707  exact 0.0677  from the impulse response 0.0677
    #> lr 0.05  wd 0.2  sqrt(lr/(2 wd)) 0.3536  exact 0.3387  from the impulse response 0.3387
    #> lr 0.005 wd 1    sqrt(lr/(2 wd)) 0.0500  exact 0.0489  from the impulse response 0.0489
# --8<-- [end:ema-noise]
