"""Examples of the page docs/guides/pitfalls.md: each mistake, demonstrated."""

# --8<-- [start:l2-not-sparse]
import numpy as np
from sklearn.linear_model import Lasso, Ridge

rng = np.random.default_rng(0)
X = rng.normal(size=(100, 10))
y = X[:, 0] - 2 * X[:, 1] + 0.1 * rng.normal(size=100)  # 8 of 10 features are noise
print("zeros with L1:", int(np.sum(Lasso(alpha=0.1).fit(X, y).coef_ == 0)))
#> zeros with L1: 8
print("zeros with L2:", int(np.sum(Ridge(alpha=10.0).fit(X, y).coef_ == 0)))
#> zeros with L2: 0
# --8<-- [end:l2-not-sparse]

# --8<-- [start:torch-norm]
import torch

A = torch.tensor([[1.0, -2.0], [3.0, 4.0]])
print(torch.norm(A, p=2))  # deprecated; on a matrix this is the Frobenius norm...
#> tensor(5.4772)
print(torch.linalg.matrix_norm(A, ord=2))  # ...not the spectral norm
#> tensor(5.1167)
print(torch.norm(A, p=1), torch.linalg.matrix_norm(A, ord=1))  # entrywise vs max column sum
#> tensor(10.) tensor(6.)
print(torch.norm(A, p=2, dim=(0, 1)))  # a numeric p is entrywise even over both dims
#> tensor(5.4772)
print(torch.linalg.norm(A, 2))  # torch.linalg.norm and np.linalg.norm: spectral
#> tensor(5.1167)
# --8<-- [end:torch-norm]

# --8<-- [start:matrix-ord-1]
import numpy as np

import normdocs as nd

A = np.array([[1.0, -2.0], [3.0, 4.0]])
print(np.linalg.norm(A, 1))  # the largest column sum |-2| + |4|
#> 6.0
print(np.abs(A).sum(), nd.l1_norm(A))  # the entrywise L1 norm
#> 10.0 10.0
# --8<-- [end:matrix-ord-1]

# --8<-- [start:l0-not-a-norm]
import numpy as np

import normdocs as nd

x = np.array([0.0, 3.0, -4.0])
print(nd.l0_norm(x), nd.l0_norm(2 * x))  # ||2x||_0 should be 2 ||x||_0 for a norm
#> 2.0 2.0
# --8<-- [end:l0-not-a-norm]

# --8<-- [start:squared-norm]
import torch

import normdocs as nd

w = torch.tensor([3.0, 4.0], requires_grad=True)
nd.l2_norm(w).backward()  # the norm: a gradient of length 1, whatever the size of w
print(w.grad)
#> tensor([0.6000, 0.8000])

w = torch.tensor([3.0, 4.0], requires_grad=True)
nd.l2_penalty(w).backward()  # half the squared norm: the gradient w, i.e. weight decay
print(w.grad)
#> tensor([3., 4.])
# --8<-- [end:squared-norm]

# --8<-- [start:nan-gradient]
import torch

import normdocs as nd

w = torch.zeros(2, requires_grad=True)
torch.sqrt((w**2).sum()).backward()
print(w.grad)
#> tensor([nan, nan])

w = torch.zeros(2, requires_grad=True)
nd.l2_norm(w).backward()
print(w.grad)
#> tensor([0., 0.])
# --8<-- [end:nan-gradient]

# --8<-- [start:bias-decay]
import torch

model = torch.nn.Linear(2, 1)
with torch.no_grad():
    model.bias.fill_(1.0)
opt = torch.optim.SGD(model.parameters(), lr=0.1, weight_decay=0.5)
for _ in range(10):
    opt.zero_grad()
    (0.0 * model(torch.ones(1, 2))).sum().backward()  # a loss with zero gradient
    opt.step()
print(f"bias after 10 steps: {model.bias.item():.4f}")  # (1 - 0.1 * 0.5) ** 10
#> bias after 10 steps: 0.5987
# --8<-- [end:bias-decay]

# --8<-- [start:adam-weight-decay]
import torch

torch.manual_seed(0)
w0 = torch.randn(3)
grad = torch.tensor([10.0, 0.1, 0.0])  # the same gradient at every step


def run(optimizer_class):
    w = torch.nn.Parameter(w0.clone())
    opt = optimizer_class([w], lr=0.1, weight_decay=0.1)
    for _ in range(5):
        w.grad = grad.clone()
        opt.step()
    return w.detach()


print(run(torch.optim.Adam))
#> tensor([ 1.0410, -0.7791, -1.6814])
print(run(torch.optim.AdamW))
#> tensor([ 0.9754, -0.7691, -2.0720])
# --8<-- [end:adam-weight-decay]

# --8<-- [start:lambda-transfer]
import numpy as np
import torch
from sklearn.linear_model import Ridge

rng = np.random.default_rng(0)
X = rng.normal(size=(100, 3))
y = X @ np.array([1.0, 2.0, 3.0]) + rng.normal(size=100)
lam = 0.5

w_ridge = Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_  # ||y-Xw||^2 + lam ||w||^2
Xt, yt = torch.tensor(X), torch.tensor(y)
w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, weight_decay=lam)  # mean loss + lam/2 ||w||^2
for _ in range(2000):
    opt.zero_grad()
    torch.nn.functional.mse_loss(Xt @ w, yt).backward()
    opt.step()
print(np.round(w_ridge, 3))
#> [0.985 1.859 2.828]
print(np.round(w.detach().numpy(), 3))
#> [0.825 1.53  2.251]
# --8<-- [end:lambda-transfer]

# --8<-- [start:l1-loss-vs-penalty]
import torch

import normdocs as nd

y = torch.tensor([1.0, 2.0, 3.0, 4.0, 100.0])  # one outlier
c = torch.linspace(0, 100, 100_001)  # candidate constant predictions
l1_losses = torch.stack([nd.l1_loss(torch.full_like(y, ci), y) for ci in c[::100]])
mse_losses = torch.stack([nd.mse_loss(torch.full_like(y, ci), y) for ci in c[::100]])
print(f"best constant under the L1 loss: {c[::100][l1_losses.argmin()]:.1f} (the median)")
#> best constant under the L1 loss: 3.0 (the median)
print(f"best constant under the MSE:     {c[::100][mse_losses.argmin()]:.1f} (the mean)")
#> best constant under the MSE:     22.0 (the mean)
print(nd.l1_penalty(y))  # the L1 *penalty* is a size of the weights, not an error
#> tensor(110.)
# --8<-- [end:l1-loss-vs-penalty]

# --8<-- [start:broadcasting]
import warnings

import torch

import normdocs as nd

pred = torch.tensor([[0.0], [1.0], [2.0]])  # perfect predictions, shape (N, 1)
target = torch.tensor([0.0, 1.0, 2.0])  # shape (N,)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(torch.nn.functional.mse_loss(pred, target))  # (3, 1) - (3,) -> a (3, 3) residual
#> tensor(1.3333)
print(caught[0].category.__name__)
#> UserWarning
try:
    nd.mse_loss(pred, target)
except ValueError as err:
    print(str(err).split(";")[0])
#> `input` and `target` must have the same shape
print(nd.mse_loss(pred.squeeze(1), target))  # the intended loss
#> tensor(0.)
# --8<-- [end:broadcasting]

# --8<-- [start:clip-before-unscale]
import torch

torch.manual_seed(0)
model = torch.nn.Linear(4, 1)
x, y = torch.randn(16, 4), torch.randn(16, 1)
scaler = torch.amp.GradScaler("cpu", init_scale=2.0**16)  # mixed precision's loss scale
opt = torch.optim.SGD(model.parameters(), lr=0.1)

scaler.scale(torch.nn.functional.mse_loss(model(x), y)).backward()  # gradients times 65536
wrong = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)  # too early
print(f"norm seen by the clip before unscale_: {wrong.item():.0f}")
#> norm seen by the clip before unscale_: 84426
scaler.unscale_(opt)  # divides by 65536: the true gradient ends up clipped to 1/65536
grads = [p.grad for p in model.parameters()]
print(f"gradient norm left: {torch.nn.utils.get_total_norm(grads).item():.2e}")
#> gradient norm left: 1.53e-05

opt.zero_grad()
scaler = torch.amp.GradScaler("cpu", init_scale=2.0**16)
scaler.scale(torch.nn.functional.mse_loss(model(x), y)).backward()
scaler.unscale_(opt)  # first unscale, then clip the true gradient
right = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
after = torch.nn.utils.get_total_norm([p.grad for p in model.parameters()])
print(f"true norm {right.item():.4f}, clipped to {after.item():.4f}")
#> true norm 1.2882, clipped to 1.0000
# --8<-- [end:clip-before-unscale]

# --8<-- [start:clip-value-direction]
import torch

g = torch.tensor([10.0, 0.5, -0.1])  # one large component
for name, clip in [
    ("clip_grad_norm_(max_norm=1)  ", torch.nn.utils.clip_grad_norm_),
    ("clip_grad_value_(clip_value=1)", torch.nn.utils.clip_grad_value_),
]:
    p = torch.zeros(3, requires_grad=True)
    p.grad = g.clone()
    clip([p], 1.0)
    cos = torch.dot(p.grad, g) / (p.grad.norm() * g.norm())
    print(f"{name}: {[round(v, 4) for v in p.grad.tolist()]}, cos with g {cos.item():.4f}")
    #> clip_grad_norm_(max_norm=1)  : [0.9987, 0.0499, -0.01], cos with g 1.0000
    #> clip_grad_value_(clip_value=1): [1.0, 0.5, -0.1], cos with g 0.9128
# --8<-- [end:clip-value-direction]

# --8<-- [start:unstandardized-penalty]
import numpy as np
from sklearn.linear_model import Lasso

rng = np.random.default_rng(0)
X = rng.normal(size=(200, 3))
y = X @ np.array([1.0, 1.0, 1.0]) + 0.1 * rng.normal(size=200)
for scale in (1.0, 0.01):  # feature 0 as it is, then in a unit 100 times larger
    Xs = X * np.array([scale, 1.0, 1.0])
    coef = Lasso(alpha=0.1).fit(Xs, y).coef_
    print(f"feature 0 times {scale:<4g}: coefficients {np.round(coef, 3)}")
    #> feature 0 times 1   : coefficients [0.882 0.885 0.886]
    #> feature 0 times 0.01: coefficients [0.    0.873 0.799]
# --8<-- [end:unstandardized-penalty]

# --8<-- [start:decay-before-batchnorm]
import torch

torch.manual_seed(0)
layer = torch.nn.Sequential(torch.nn.Linear(8, 4, bias=False), torch.nn.BatchNorm1d(4)).double()
x = torch.randn(64, 8, dtype=torch.float64)
out = layer(x)
with torch.no_grad():
    layer[0].weight.mul_(0.5)  # what weight decay does to W, many steps' worth
print(f"outputs change by {(layer(x) - out).abs().max().item():.0e}")  # BatchNorm divides it out
#> outputs change by 1e-04
# --8<-- [end:decay-before-batchnorm]
