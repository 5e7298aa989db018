"""Examples of the page docs/training/weight-decay-and-normalization.md."""

# --8<-- [start:invariance]
import torch
from sklearn.datasets import load_digits

import normdocs as nd

X, _ = load_digits(return_X_y=True)  # 1797 images of 8 x 8 pixels, values 0 to 16
X = torch.tensor(X / 16.0)  # float64
torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 32, bias=False),  # W, whose outputs BatchNorm normalizes
    torch.nn.BatchNorm1d(32),
    torch.nn.ReLU(),
    torch.nn.Linear(32, 10),
).double()
W = model[0].weight
with torch.no_grad():
    out, W0 = model(X), W.clone()
    print(f"smallest variance of a feature of W x: {(X @ W0.T).var(0).min().item():.4f}")
    #> smallest variance of a feature of W x: 0.0109
    for c in (10.0, 1000.0, 0.1, 0.01):
        W.copy_(c * W0)
        change = (model(X) - out).abs().max().item()
        print(
            f"c = {c:<6g} penalty {nd.l2_penalty(W).item():10.4g}   outputs change by {change:.0e}"
        )
        #> c = 10     penalty      540.7   outputs change by 4e-04
        #> c = 1000   penalty  5.407e+06   outputs change by 4e-04
        #> c = 0.1    penalty    0.05407   outputs change by 4e-02
        #> c = 0.01   penalty  0.0005407   outputs change by 9e-01
# --8<-- [end:invariance]

# --8<-- [start:gradient]
import torch
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)
X, y = torch.tensor(X / 16.0), torch.tensor(y)
torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 32, bias=False),
    torch.nn.BatchNorm1d(32),
    torch.nn.ReLU(),
    torch.nn.Linear(32, 10),
).double()
W = model[0].weight
W0 = W.detach().clone()
for c in (1.0, 10.0, 100.0):
    with torch.no_grad():
        W.copy_(c * W0)
    model.zero_grad()
    torch.nn.functional.cross_entropy(model(X), y).backward()
    g = W.grad
    cos = torch.sum(g * W) / (g.norm() * W.norm())
    print(f"c = {c:<4g} cos(grad, W) = {cos.item():+.0e}   ||grad|| = {g.norm().item():.6f}")
    #> c = 1    cos(grad, W) = +1e-05   ||grad|| = 0.833620
    #> c = 10   cos(grad, W) = +1e-07   ||grad|| = 0.083380
    #> c = 100  cos(grad, W) = +1e-09   ||grad|| = 0.008338
# --8<-- [end:gradient]

# --8<-- [start:training]
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.3, random_state=0)
X_train, X_test = torch.tensor(X_train), torch.tensor(X_test)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)
lr = 0.5


def train(weight_decay, steps=300):
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, 32, bias=False),
        torch.nn.BatchNorm1d(32),
        torch.nn.ReLU(),
        torch.nn.Linear(32, 10),
    ).double()
    W = model[0].weight
    others = [p for p in model.parameters() if p is not W]
    opt = torch.optim.SGD(
        [{"params": [W], "weight_decay": weight_decay}, {"params": others, "weight_decay": 0.0}],
        lr=lr,
    )
    batches = torch.Generator().manual_seed(0)
    norms, angles = [W.norm().item()], []
    for _ in range(steps):
        i = torch.randint(0, len(y_train), (64,), generator=batches)
        W_before = W.detach().clone()
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(X_train[i]), y_train[i]).backward()
        opt.step()
        norms.append(W.norm().item())
        cos = torch.sum(W_before * W) / (W_before.norm() * W.norm())
        angles.append(torch.arccos(cos.clamp(max=1.0)).item())
    model.eval()
    accuracy = (model(X_test).argmax(1) == y_test).double().mean().item()
    return norms, angles, accuracy


runs = {wd: train(wd) for wd in (0.0, 0.01)}
print("step  wd = 0: ||W||  lr / ||W||^2   wd = 0.01: ||W||  lr / ||W||^2")
#> step  wd = 0: ||W||  lr / ||W||^2   wd = 0.01: ||W||  lr / ||W||^2
for t in (0, 100, 200, 300):
    (a, _, _), (b, _, _) = runs.values()
    print(f"{t:4d}  {a[t]:12.2f}  {lr / a[t] ** 2:12.4f}  {b[t]:15.2f}  {lr / b[t] ** 2:12.4f}")
    #>    0          3.29        0.0462             3.29        0.0462
    #>  100          4.05        0.0305             2.97        0.0565
    #>  200          4.35        0.0264             2.94        0.0578
    #>  300          4.55        0.0241             2.95        0.0574
for wd, (_, angles, accuracy) in runs.items():
    rms = (sum(a * a for a in angles[-100:]) / 100) ** 0.5  # over the last 100 steps
    print(
        f"wd = {wd}: angle per step {rms:.3f} rad, sqrt(2 lr wd) = {(2 * lr * wd) ** 0.5:.3f};"
        f" test accuracy {accuracy:.3f}"
    )
    #> wd = 0.0: angle per step 0.030 rad, sqrt(2 lr wd) = 0.000; test accuracy 0.967
    #> wd = 0.01: angle per step 0.100 rad, sqrt(2 lr wd) = 0.100; test accuracy 0.948
# --8<-- [end:training]

# --8<-- [start:decay-is-a-schedule]
import torch
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)
X, y = torch.tensor(X / 16.0), torch.tensor(y)
lr, wd, steps = 0.5, 0.05, 100


def train(weight_decay, lr_of_W):
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, 32, bias=False),
        torch.nn.BatchNorm1d(32, eps=1e-12),  # eps almost 0: W is exactly scale-invariant
        torch.nn.ReLU(),
        torch.nn.Linear(32, 10),
    ).double()
    W = model[0].weight
    others = [p for p in model.parameters() if p is not W]
    opt = torch.optim.SGD(
        [{"params": [W], "weight_decay": weight_decay}, {"params": others}], lr=lr
    )
    batches = torch.Generator().manual_seed(0)
    for t in range(steps):
        opt.param_groups[0]["lr"] = lr_of_W(t)  # the learning rate of W at step t
        i = torch.randint(0, len(y), (64,), generator=batches)
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(X[i]), y[i]).backward()
        opt.step()
    with torch.no_grad():
        return model(X), W.norm().item()


out_a, norm_a = train(wd, lambda t: lr)  # (a) weight decay on W, constant lr
out_b, norm_b = train(0.0, lambda t: lr / (1 - lr * wd) ** (2 * t + 1))  # (b) no decay, growing lr
out_c, norm_c = train(0.0, lambda t: lr)  # (c) no decay, constant lr
print(f"||W|| after {steps} steps: (a) {norm_a:.2f}  (b) {norm_b:.2f}  (c) {norm_c:.2f}")
#> ||W|| after 100 steps: (a) 2.08  (b) 26.20  (c) 4.14
print(f"||W_b|| / ||W_a|| = {norm_b / norm_a:.3f};  (1 - lr wd)^-100 = {(1 - lr * wd) ** -100:.3f}")
#> ||W_b|| / ||W_a|| = 12.576;  (1 - lr wd)^-100 = 12.576
print(f"lr of W in (b) at the last step: {lr / (1 - lr * wd) ** (2 * steps - 1):.0f}")
#> lr of W in (b) at the last step: 77
print(f"largest output difference (a) - (b): {(out_a - out_b).abs().max().item():.0e}")
#> largest output difference (a) - (b): 2e-10
print(f"largest output difference (a) - (c): {(out_a - out_c).abs().max().item():.2f}")
#> largest output difference (a) - (c): 4.33
# --8<-- [end:decay-is-a-schedule]

# --8<-- [start:layernorm-numpy]
import numpy as np

x = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
eps = 1e-5  # PyTorch's default
print(np.round((x - x.mean()) / np.sqrt(x.var() + eps), 4))
#> [-0.9487 -0.6325 -0.3162  0.      1.8974]
# --8<-- [end:layernorm-numpy]

# --8<-- [start:layernorm-torch]
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0, 10.0])
layer_norm = torch.nn.LayerNorm(5, elementwise_affine=False)  # eps=1e-5
print(torch.round(layer_norm(x), decimals=4))
#> tensor([-0.9487, -0.6325, -0.3162,  0.0000,  1.8974])
# --8<-- [end:layernorm-torch]

# --8<-- [start:layernorm-normdocs]
import numpy as np

import normdocs as nd

x = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
centred = x - x.mean()
std = nd.l2_norm(centred) / np.sqrt(x.size)  # the standard deviation LayerNorm divides by
print(np.round(centred / np.sqrt(std**2 + 1e-5), 4))
#> [-0.9487 -0.6325 -0.3162  0.      1.8974]
# --8<-- [end:layernorm-normdocs]

# --8<-- [start:not-a-norm]
import torch

import normdocs as nd

layer_norm = torch.nn.LayerNorm(5, elementwise_affine=False)
x = torch.tensor([1.0, 2.0, 3.0, 4.0, 10.0])
print("output shape:", tuple(layer_norm(x).shape))  # a vector, not a number
#> output shape: (5,)
print("LN(2x) == LN(x):  ", torch.allclose(layer_norm(2 * x), layer_norm(x)))
#> LN(2x) == LN(x):   True
print("LN(x + 5) == LN(x):", torch.allclose(layer_norm(x + 5), layer_norm(x)))
#> LN(x + 5) == LN(x): True
print("LN(3, 3, 3, 3, 3) =", layer_norm(torch.full((5,), 3.0)))
#> LN(3, 3, 3, 3, 3) = tensor([0., 0., 0., 0., 0.])
torch.manual_seed(0)
sizes = [nd.l2_norm(layer_norm(100 * torch.randn(5))).item() for _ in range(3)]
print("||LN(x)|| for three random x:", [round(s, 4) for s in sizes], "= sqrt(5)")
#> ||LN(x)|| for three random x: [2.2361, 2.2361, 2.2361] = sqrt(5)
# --8<-- [end:not-a-norm]

# --8<-- [start:seminorm]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
d = 5


def std(x):  # what LayerNorm divides by (without eps)
    return nd.l2_norm(x - x.mean()) / np.sqrt(d)


def rms(x):  # what RMSNorm divides by (without eps)
    return nd.l2_norm(x) / np.sqrt(d)


x, y = rng.normal(size=(1000, d)), rng.normal(size=(1000, d))
a = rng.normal(size=1000)
for f in (std, rms):
    homogeneous = all(np.isclose(f(ai * xi), abs(ai) * f(xi)) for ai, xi in zip(a, x, strict=True))
    triangle = all(f(xi + yi) <= f(xi) + f(yi) + 1e-12 for xi, yi in zip(x, y, strict=True))
    print(
        f"{f.__name__}: homogeneous {homogeneous}, triangle {triangle}, "
        f"value at (1, ..., 1): {f(np.ones(d)):.1f}"
    )
    #> std: homogeneous True, triangle True, value at (1, ..., 1): 0.0
    #> rms: homogeneous True, triangle True, value at (1, ..., 1): 1.0
# --8<-- [end:seminorm]

# --8<-- [start:normalizations]
import torch

import normdocs as nd

torch.manual_seed(0)
x = torch.randn(8, 6, 4)  # (batch N, channels C, length L)
eps = 1e-5


def normalize(x, dims):  # (x - mean) / sqrt(std^2 + eps) over the dimensions dims
    centred = x - x.mean(dim=dims, keepdim=True)
    n = 1
    for d in dims:
        n *= x.shape[d]
    std = nd.l2_norm(centred, axis=dims, keepdims=True) / n**0.5
    return centred / torch.sqrt(std**2 + eps)


groups = x.reshape(8, 2, 3, 4)  # GroupNorm(2, 6): channels in 2 groups of 3
rms = nd.l2_norm(x, axis=(1, 2), keepdims=True) / 24**0.5
layers = {
    "BatchNorm1d(6)    over (N, L)": (torch.nn.BatchNorm1d(6, affine=False), normalize(x, (0, 2))),
    "LayerNorm([6, 4]) over (C, L)": (
        torch.nn.LayerNorm([6, 4], elementwise_affine=False),
        normalize(x, (1, 2)),
    ),
    "GroupNorm(2, 6)   over (C/2, L)": (
        torch.nn.GroupNorm(2, 6, affine=False),
        normalize(groups, (2, 3)).reshape(8, 6, 4),
    ),
    "InstanceNorm1d(6) over (L)": (torch.nn.InstanceNorm1d(6), normalize(x, (2,))),
    "RMSNorm([6, 4])   over (C, L)": (
        torch.nn.RMSNorm([6, 4], eps=eps, elementwise_affine=False),
        x / torch.sqrt(rms**2 + eps),
    ),
}
for name, (layer, by_hand) in layers.items():
    print(f"{name}: {torch.allclose(layer(x), by_hand, atol=1e-6)}")
    #> BatchNorm1d(6)    over (N, L): True
    #> LayerNorm([6, 4]) over (C, L): True
    #> GroupNorm(2, 6)   over (C/2, L): True
    #> InstanceNorm1d(6) over (L): True
    #> RMSNorm([6, 4])   over (C, L): True
# --8<-- [end:normalizations]

# --8<-- [start:weight-norm]
import torch

import normdocs as nd

torch.manual_seed(0)
layer = torch.nn.utils.parametrizations.weight_norm(torch.nn.Linear(4, 3).double())  # a g per row
g = layer.parametrizations.weight.original0  # shape (3, 1)
v = layer.parametrizations.weight.original1  # shape (3, 4)
print(
    "weight == g v / ||v||:",
    torch.allclose(layer.weight, g * v / nd.l2_norm(v, axis=1, keepdims=True)),
)
#> weight == g v / ||v||: True

x, target = torch.randn(32, 4, dtype=torch.float64), torch.randn(32, 3, dtype=torch.float64)
opt = torch.optim.SGD([v], lr=0.5)  # train the direction parameter v alone
norms, cosines = [nd.l2_norm(v, axis=1).detach()], []
for _ in range(20):
    opt.zero_grad()
    nd.mse_loss(layer(x), target).backward()
    cosines.append(((v.grad * v).sum(1) / (v.grad.norm(dim=1) * v.norm(dim=1))).abs().max().item())
    opt.step()
    norms.append(nd.l2_norm(v, axis=1).detach())
print(f"largest |cos(grad v_i, v_i)| over 20 steps: {max(cosines):.0e}")
#> largest |cos(grad v_i, v_i)| over 20 steps: 9e-16
print("||v_i|| before:", [round(n, 3) for n in norms[0].tolist()])
#> ||v_i|| before: [0.614, 0.461, 0.228]
print("||v_i|| after: ", [round(n, 3) for n in norms[-1].tolist()])
#> ||v_i|| after:  [0.678, 0.528, 0.343]
print("||v_i|| never decreased:", bool((torch.diff(torch.stack(norms), dim=0) >= 0).all()))
#> ||v_i|| never decreased: True
# --8<-- [end:weight-norm]

# --8<-- [start:adam-effective-lr]
import torch
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)
X, y = torch.tensor(X / 16.0), torch.tensor(y)


def train(c, lr_of_W):  # Adam, with W scaled by c at the start
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, 32, bias=False),
        torch.nn.BatchNorm1d(32, eps=1e-12),
        torch.nn.ReLU(),
        torch.nn.Linear(32, 10),
    ).double()
    W = model[0].weight
    with torch.no_grad():
        W.mul_(c)
    others = [p for p in model.parameters() if p is not W]
    opt = torch.optim.Adam([{"params": [W], "lr": lr_of_W}, {"params": others}], lr=0.01, eps=1e-14)
    batches = torch.Generator().manual_seed(0)
    for _ in range(100):
        i = torch.randint(0, len(y), (64,), generator=batches)
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(X[i]), y[i]).backward()
        opt.step()
    with torch.no_grad():
        return model(X)


reference = train(1.0, 0.01)
for c, lr_of_W in [(10.0, 0.01), (10.0, 0.1), (10.0, 1.0)]:
    gap = (train(c, lr_of_W) - reference).abs().max().item()
    print(f"W x {c:g}, lr of W {lr_of_W:<4g}: largest output difference {gap:.0e}")
    #> W x 10, lr of W 0.01: largest output difference 7e+00
    #> W x 10, lr of W 0.1 : largest output difference 1e-09
    #> W x 10, lr of W 1   : largest output difference 4e+00
# --8<-- [end:adam-effective-lr]
