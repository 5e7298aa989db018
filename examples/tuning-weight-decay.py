"""Examples of the page docs/training/tuning-weight-decay.md."""

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
