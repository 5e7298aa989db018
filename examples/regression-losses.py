"""Examples of the page docs/losses/regression-losses.md."""

# --8<-- [start:numpy]
import numpy as np

y_pred = np.array([2.5, 0.0, 2.0, 8.0])
y_true = np.array([3.0, -0.5, 2.0, 2.0])  # the last prediction is far off
r = y_pred - y_true  # the residual
n = r.size

print(np.linalg.norm(r, ord=2) ** 2 / n)  # MSE: squared L2 norm of r over n
#> 9.125
print(np.linalg.norm(r, ord=1) / n)  # MAE: L1 norm of r over n
#> 1.75

delta = 1.0
huber = np.where(np.abs(r) < delta, 0.5 * r**2, delta * (np.abs(r) - 0.5 * delta))
print(huber.mean())
#> 1.4375

beta = 0.5
smooth_l1 = np.where(np.abs(r) < beta, 0.5 * r**2 / beta, np.abs(r) - 0.5 * beta)
print(smooth_l1.mean())
#> 1.5625
# --8<-- [end:numpy]

# --8<-- [start:torch]
import torch
import torch.nn.functional as F

y_pred = torch.tensor([2.5, 0.0, 2.0, 8.0])
y_true = torch.tensor([3.0, -0.5, 2.0, 2.0])  # the last prediction is far off

print(F.mse_loss(y_pred, y_true))
#> tensor(9.1250)
print(F.l1_loss(y_pred, y_true))
#> tensor(1.7500)
print(F.huber_loss(y_pred, y_true, delta=1.0))
#> tensor(1.4375)
print(F.smooth_l1_loss(y_pred, y_true, beta=0.5))
#> tensor(1.5625)
# --8<-- [end:torch]

# --8<-- [start:normdocs]
import normdocs as nd

y_pred = [2.5, 0.0, 2.0, 8.0]
y_true = [3.0, -0.5, 2.0, 2.0]  # the last prediction is far off

print(nd.mse_loss(y_pred, y_true), nd.l1_loss(y_pred, y_true))
#> 9.125 1.75
print(nd.huber_loss(y_pred, y_true, delta=1.0))
#> 1.4375
print(nd.huber_loss(y_pred, y_true, delta=1.0, reduction="none"))  # one term per residual
#> [0.125 0.125 0.    5.5  ]
print(nd.smooth_l1_loss(y_pred, y_true, beta=0.5))
#> 1.5625
# --8<-- [end:normdocs]

# --8<-- [start:shapes]
import warnings

import torch
import torch.nn.functional as F

import normdocs as nd

pred = torch.tensor([[1.0], [2.0], [3.0]])  # shape (3, 1), like the output of nn.Linear(d, 1)
target = torch.tensor([1.0, 2.0, 3.0])  # shape (3,): the predictions are perfect
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(F.mse_loss(pred, target))  # the mean over a (3, 3) broadcast, not 0
    #> tensor(1.3333)
print(caught[0].category.__name__)
#> UserWarning
try:
    nd.mse_loss(pred, target)
except ValueError as err:
    print(str(err).split(". ")[0])  # the first sentence of the message
    #> `input` and `target` must have the same shape; got (3, 1) and (3,)
print(nd.mse_loss(pred.squeeze(1), target))
#> tensor(0.)
# --8<-- [end:shapes]

# --8<-- [start:smooth-l1]
import torch
import torch.nn.functional as F

import normdocs as nd

torch.manual_seed(0)
y_pred = 3 * torch.randn(1000, dtype=torch.float64)
y_true = torch.zeros(1000, dtype=torch.float64)

for beta in [0.1, 0.5, 1.0, 2.0]:
    smooth_l1 = nd.smooth_l1_loss(y_pred, y_true, beta=beta)
    reference = F.smooth_l1_loss(y_pred, y_true, beta=beta)
    huber = nd.huber_loss(y_pred, y_true, delta=beta)
    same = torch.allclose(smooth_l1, reference) and torch.allclose(smooth_l1, huber / beta)
    print(
        f"beta={beta}: SmoothL1 {smooth_l1:.4f}  Huber {huber:.4f}"
        f"  SmoothL1 == F.smooth_l1_loss == Huber/beta: {same}"
    )
    #> beta=0.1: SmoothL1 2.3137  Huber 0.2314  SmoothL1 == F.smooth_l1_loss == Huber/beta: True
    #> beta=0.5: SmoothL1 2.1264  Huber 1.0632  SmoothL1 == F.smooth_l1_loss == Huber/beta: True
    #> beta=1.0: SmoothL1 1.9128  Huber 1.9128  SmoothL1 == F.smooth_l1_loss == Huber/beta: True
    #> beta=2.0: SmoothL1 1.5475  Huber 3.0949  SmoothL1 == F.smooth_l1_loss == Huber/beta: True
# beta = 0: Huber / beta would be 0 / 0; SmoothL1 is the L1 loss (MAE)
smooth0 = nd.smooth_l1_loss(y_pred, y_true, beta=0.0)
reference0, mae = F.smooth_l1_loss(y_pred, y_true, beta=0.0), nd.l1_loss(y_pred, y_true)
print(f"beta=0: SmoothL1 {smooth0:.4f}, torch's {reference0:.4f}, MAE {mae:.4f}")
#> beta=0: SmoothL1 2.3631, torch's 2.3631, MAE 2.3631
# --8<-- [end:smooth-l1]

# --8<-- [start:gradients]
from functools import partial

import torch

import normdocs as nd

r = torch.tensor([-4.0, -1.0, -0.25, 0.0, 0.25, 1.0, 4.0], requires_grad=True)
zero = torch.zeros(7)
for name, loss in [
    ("MSE  ", nd.mse_loss),
    ("MAE  ", nd.l1_loss),
    ("Huber", partial(nd.huber_loss, delta=1.0)),
]:
    (grad,) = torch.autograd.grad(loss(r, zero, reduction="sum"), r)
    print(name, grad)
#> MSE   tensor([-8.0000, -2.0000, -0.5000,  0.0000,  0.5000,  2.0000,  8.0000])
#> MAE   tensor([-1., -1., -1.,  0.,  1.,  1.,  1.])
#> Huber tensor([-1.0000, -1.0000, -0.2500,  0.0000,  0.2500,  1.0000,  1.0000])
# --8<-- [end:gradients]

# --8<-- [start:mean-median]
from functools import partial

import numpy as np

import normdocs as nd

y = np.array([0.0, 1.0, 1.5, 4.0, 100.0])  # one outlier
c = np.linspace(0.0, 30.0, 30001)  # candidate constant predictions, step 0.001
pred = np.repeat(c[:, None], y.size, axis=1)  # shape (30001, 5): row i predicts c[i]
target = np.broadcast_to(y, pred.shape)

for name, loss in [
    ("MSE  ", nd.mse_loss),
    ("MAE  ", nd.l1_loss),
    ("Huber", partial(nd.huber_loss, delta=1.0)),
]:
    per_c = loss(pred, target, reduction="none").mean(axis=1)
    print(f"{name} best constant: {c[np.argmin(per_c)]:.3f}")
#> MSE   best constant: 21.300
#> MAE   best constant: 1.500
#> Huber best constant: 1.750
print(f"mean {y.mean():.3f}, median {np.median(y):.3f}")
#> mean 21.300, median 1.500
# --8<-- [end:mean-median]

# --8<-- [start:line-fit]
from functools import partial

import torch
import torch.nn.functional as F

import normdocs as nd

torch.manual_seed(0)
x = torch.linspace(0.0, 1.0, 40, dtype=torch.float64)
y = 2.0 * x + 1.0 + 0.1 * torch.randn(40, dtype=torch.float64)  # the line y = 2x + 1
y[-6:] -= 4.0  # six outliers at the right end


def fit(loss_fn, steps=300):
    """Fit y = a x + b by full-batch Adam with a learning rate that decays to 0."""
    ab = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([ab], lr=0.1)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 1 - t / steps)
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(ab[0] * x + ab[1], y).backward()
        opt.step()
        sched.step()
    return ab.detach()


for name, loss_fn in [
    ("MSE               ", nd.mse_loss),
    ("MAE               ", nd.l1_loss),
    ("Huber, delta=0.1  ", partial(nd.huber_loss, delta=0.1)),
    ("SmoothL1, beta=0.1", partial(nd.smooth_l1_loss, beta=0.1)),
    ("Huber, delta=1    ", partial(nd.huber_loss, delta=1.0)),
]:
    a, b = fit(loss_fn)
    print(f"{name}  slope {a:5.2f}  intercept {b:5.2f}")
#> MSE                 slope -0.93  intercept  1.85
#> MAE                 slope  2.02  intercept  0.96
#> Huber, delta=0.1    slope  1.95  intercept  0.99
#> SmoothL1, beta=0.1  slope  1.95  intercept  0.99
#> Huber, delta=1      slope  0.68  intercept  1.37
# --8<-- [end:line-fit]

# --8<-- [start:line-fit-check]
import numpy as np
import torch
from sklearn.linear_model import QuantileRegressor

torch.manual_seed(0)
x = torch.linspace(0.0, 1.0, 40, dtype=torch.float64)
y = 2.0 * x + 1.0 + 0.1 * torch.randn(40, dtype=torch.float64)
y[-6:] -= 4.0
X, Y = x.numpy()[:, None], y.numpy()

# least squares in closed form, least absolute deviations as a linear program
a_ls, b_ls = np.linalg.lstsq(np.hstack([X, np.ones_like(X)]), Y, rcond=None)[0]
lad = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(X, Y)
print(f"MSE  slope {a_ls:5.2f}  intercept {b_ls:5.2f}")
#> MSE  slope -0.93  intercept  1.85
print(f"MAE  slope {lad.coef_[0]:5.2f}  intercept {lad.intercept_:5.2f}")
#> MAE  slope  2.02  intercept  0.96
# --8<-- [end:line-fit-check]
