"""Examples of the page docs/training/gradient-clipping.md."""

# --8<-- [start:linear-recurrence]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
Q, _ = np.linalg.qr(rng.normal(size=(8, 8)))  # an orthogonal matrix: all |eigenvalues| = 1
print("rho    T = 1     10      20      40    rho^40")
#> rho    T = 1     10      20      40    rho^40
for rho in (0.9, 1.0, 1.1):
    W = rho * Q  # h_t = W h_{t-1}: the Jacobian dh_T / dh_0 is W^T
    norms = [nd.matrix_norm(np.linalg.matrix_power(W, T), 2) for T in (1, 10, 20, 40)]
    print(f"{rho:.1f}  " + "  ".join(f"{v:6.4f}" for v in norms) + f"  {rho**40:8.4f}")
    #> 0.9  0.9000  0.3487  0.1216  0.0148    0.0148
    #> 1.0  1.0000  1.0000  1.0000  1.0000    1.0000
    #> 1.1  1.1000  2.5937  6.7275  45.2593   45.2593
# --8<-- [end:linear-recurrence]

# --8<-- [start:non-normal]
import numpy as np

import normdocs as nd

W = np.array([[0.9, 5.0], [0.0, 0.9]])  # both eigenvalues 0.9, but not a normal matrix
rho = np.abs(np.linalg.eigvals(W)).max()
print(f"spectral radius {rho:.2f}, spectral norm ||W||_2 = {nd.matrix_norm(W, 2):.2f}")
#> spectral radius 0.90, spectral norm ||W||_2 = 5.16
for T in (1, 5, 10, 20, 40, 80, 320):
    norm = nd.matrix_norm(np.linalg.matrix_power(W, T), 2)
    print(f"T = {T:3d}: ||W^T||_2 = {norm:9.3e}   ||W^T||_2^(1/T) = {norm ** (1 / T):.3f}")
    #> T =   1: ||W^T||_2 = 5.157e+00   ||W^T||_2^(1/T) = 5.157
    #> T =   5: ||W^T||_2 = 1.642e+01   ||W^T||_2^(1/T) = 1.750
    #> T =  10: ||W^T||_2 = 1.938e+01   ||W^T||_2^(1/T) = 1.345
    #> T =  20: ||W^T||_2 = 1.351e+01   ||W^T||_2^(1/T) = 1.139
    #> T =  40: ||W^T||_2 = 3.285e+00   ||W^T||_2^(1/T) = 1.030
    #> T =  80: ||W^T||_2 = 9.710e-02   ||W^T||_2^(1/T) = 0.971
    #> T = 320: ||W^T||_2 = 4.050e-12   ||W^T||_2^(1/T) = 0.921
# --8<-- [end:non-normal]

# --8<-- [start:rnn-jacobian]
import torch

import normdocs as nd

torch.manual_seed(0)
rnn = torch.nn.RNN(1, 8, nonlinearity="tanh", bias=False).double()
Q, _ = torch.linalg.qr(torch.randn(8, 8, dtype=torch.float64))
with torch.no_grad():
    rnn.weight_hh_l0.copy_(1.1 * Q)  # spectral radius 1.1
h0 = torch.zeros(8, dtype=torch.float64)
print("   T   1.1^T  ||dh_T/dh_0||, inputs x 0.001   inputs x 1")
#>    T   1.1^T  ||dh_T/dh_0||, inputs x 0.001   inputs x 1
for T in (10, 20, 40, 80):
    x = torch.randn(T, 1, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    row = []
    for inputs in (0.001 * x, x):
        J = torch.autograd.functional.jacobian(lambda h, u=inputs: rnn(u, h[None])[1][0], h0)
        row.append(nd.matrix_norm(J, 2).item())
    print(f"{T:4d}  {1.1**T:6.1f}  {row[0]:25.1f}  {row[1]:11.3f}")
    #>   10     2.6                        2.6        1.894
    #>   20     6.7                        6.7        0.828
    #>   40    45.3                       45.3        1.262
    #>   80  2048.4                     1700.5        0.209
# --8<-- [end:rnn-jacobian]

# --8<-- [start:cliff]
import torch

T, target = 20, 2.0  # h_T = w^T h_0 with h_0 = 1; the loss is minimal at w = 2^(1/20)


def train(max_norm, steps=60):
    w = torch.nn.Parameter(torch.tensor(1.2, dtype=torch.float64))  # rho = 1.2 > 1
    opt = torch.optim.SGD([w], lr=5e-4)
    clipped = 0
    for step in range(steps):
        opt.zero_grad()
        h = torch.tensor(1.0, dtype=torch.float64)
        for _ in range(T):
            h = w * h  # a linear recurrence with one unit
        loss = (h - target) ** 2
        loss.backward()
        if max_norm is None:
            norm = torch.nn.utils.get_total_norm([w.grad])
        else:
            norm = torch.nn.utils.clip_grad_norm_([w], max_norm)  # returns the norm before
            clipped += bool(norm > max_norm)
        if step < 3 or step == steps - 1:
            print(f"  step {step:2d}: w = {w.item():+.6g}, loss {loss:.3g}, |grad| {norm:.3g}")
        opt.step()
    if max_norm is not None:
        print(f"  {clipped} of {steps} steps clipped")


print("without clipping:")
#> without clipping:
train(max_norm=None)
#>   step  0: w = +1.2, loss 1.32e+03, |grad| 4.64e+04
#>   step  1: w = -22.0183, loss 5.14e+53, |grad| 9.35e+53
#>   step  2: w = +4.67279e+50, loss inf, |grad| inf
#>   step 59: w = +nan, loss nan, |grad| nan
print("clipped to norm 10:")
#> clipped to norm 10:
train(max_norm=10.0)
#>   step  0: w = +1.2, loss 1.32e+03, |grad| 4.64e+04
#>   step  1: w = +1.195, loss 1.11e+03, |grad| 3.93e+04
#>   step  2: w = +1.19, loss 926, |grad| 3.32e+04
#>   step 59: w = +1.03526, loss 1.07e-20, |grad| 7.98e-09
#>   33 of 60 steps clipped
print(f"2^(1/20) = {2 ** (1 / 20):.6g}")
#> 2^(1/20) = 1.03526
# --8<-- [end:cliff]

# --8<-- [start:global-numpy]
import numpy as np

rng = np.random.default_rng(0)
grads = [rng.normal(size=(3, 4)), 10 * rng.normal(size=3)]  # the gradients of W and b
max_norm = 1.0

total = np.sqrt(sum(np.sum(g**2) for g in grads))  # the L2 norm of all entries together
factor = min(1.0, max_norm / (total + 1e-6))
clipped = [factor * g for g in grads]
before = np.concatenate([g.ravel() for g in grads])
after = np.concatenate([g.ravel() for g in clipped])
cosine = before @ after / (np.linalg.norm(before) * np.linalg.norm(after))
print(f"total norm {total:.6f}, factor {factor:.6f}, after {np.linalg.norm(after):.9f}")
#> total norm 26.580997, factor 0.037621, after 0.999999962
print(f"cosine with the original {cosine:.6f}")
#> cosine with the original 1.000000
# --8<-- [end:global-numpy]

# --8<-- [start:global-torch]
import numpy as np
import torch

rng = np.random.default_rng(0)
W = torch.nn.Parameter(torch.zeros(3, 4, dtype=torch.float64))
b = torch.nn.Parameter(torch.zeros(3, dtype=torch.float64))
W.grad = torch.tensor(rng.normal(size=(3, 4)))  # the same gradients as in the NumPy tab
b.grad = torch.tensor(10 * rng.normal(size=3))
original = torch.cat([W.grad.flatten(), b.grad]).clone()

total = torch.nn.utils.clip_grad_norm_([W, b], max_norm=1.0)  # in place; returns the norm before
after = torch.cat([W.grad.flatten(), b.grad])
cosine = torch.nn.functional.cosine_similarity(original, after, dim=0)
print(f"total norm {total:.6f}, factor {(after / original)[0]:.6f}, after {after.norm():.9f}")
#> total norm 26.580997, factor 0.037621, after 0.999999962
print(f"cosine with the original {cosine:.6f}")
#> cosine with the original 1.000000
# --8<-- [end:global-torch]

# --8<-- [start:global-normdocs]
import numpy as np
import torch

import normdocs as nd

rng = np.random.default_rng(0)
grads = [rng.normal(size=(3, 4)), 10 * rng.normal(size=3)]  # the same gradients again
ours = [torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64)) for g in grads]
theirs = [torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64)) for g in grads]
for p, q, g in zip(ours, theirs, grads, strict=True):
    p.grad, q.grad = torch.tensor(g), torch.tensor(g)

total = nd.clip_grad_norm_(ours, max_norm=1.0)  # in place; returns the norm before
reference = torch.nn.utils.clip_grad_norm_(theirs, max_norm=1.0)
same = all(torch.equal(p.grad, q.grad) for p, q in zip(ours, theirs, strict=True))
print(f"total norm {total:.6f}, torch's {reference:.6f}, equal: {torch.equal(total, reference)}")
#> total norm 26.580997, torch's 26.580997, equal: True
print(f"clipped gradients equal to torch's: {same}")
#> clipped gradients equal to torch's: True
per_tensor = torch.stack([nd.l2_norm(torch.tensor(g)) for g in grads])  # what torch computes first
after = nd.l2_norm(torch.cat([p.grad.flatten() for p in ours]))
print(f"norm of the per-tensor norms {nd.l2_norm(per_tensor):.6f}; after {after:.9f}")
#> norm of the per-tensor norms 26.580997; after 0.999999962
# --8<-- [end:global-normdocs]

# --8<-- [start:three-ways]
import torch

import normdocs as nd

torch.manual_seed(0)
rnn, head = torch.nn.RNN(1, 16).double(), torch.nn.Linear(16, 1).double()
with torch.no_grad():  # recurrent weights with spectral radius 1.2
    rnn.weight_hh_l0.mul_(1.2 / torch.linalg.eigvals(rnn.weight_hh_l0).abs().max())
params = dict(rnn.named_parameters()) | {f"head.{k}": p for k, p in head.named_parameters()}
x = torch.randn(30, 64, 1, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
y = x[:5].sum(0)  # the target: the sum of the first 5 of 30 inputs
torch.nn.functional.mse_loss(head(rnn(x)[1][0]), y).backward()
grad = {k: p.grad.clone() for k, p in params.items()}


def clipped(how):  # the gradients after one way of clipping
    for k, p in params.items():
        p.grad = grad[k].clone()
    if how == "global":
        torch.nn.utils.clip_grad_norm_(params.values(), max_norm=1.0)
    elif how == "per tensor":
        for p in params.values():
            torch.nn.utils.clip_grad_norm_(p, max_norm=1.0)  # each tensor on its own
    else:
        torch.nn.utils.clip_grad_value_(params.values(), clip_value=0.1)
    return {k: p.grad for k, p in params.items()}


runs = {"original": grad} | {how: clipped(how) for how in ("global", "per tensor", "value")}
print(f"{'tensor':16s}" + "".join(f"{how:>11s}" for how in runs))
#> tensor             original     global per tensor      value
for k in params:
    print(f"{k:16s}" + "".join(f"{nd.l2_norm(r[k]):11.3f}" for r in runs.values()))
    #> weight_ih_l0          1.640      0.409      1.000      0.375
    #> weight_hh_l0          3.312      0.826      1.000      1.299
    #> bias_ih_l0            0.556      0.139      0.556      0.345
    #> bias_hh_l0            0.556      0.139      0.556      0.345
    #> head.weight           1.236      0.308      1.000      0.387
    #> head.bias             0.515      0.129      0.515      0.100
flat = {how: torch.cat([g.flatten() for g in r.values()]) for how, r in runs.items()}
print(f"{'total norm':16s}" + "".join(f"{nd.l2_norm(f):11.3f}" for f in flat.values()))
#> total norm            4.008      1.000      1.971      1.492
cosines = [torch.nn.functional.cosine_similarity(f, flat["original"], dim=0) for f in flat.values()]
print(f"{'cosine':16s}" + "".join(f"{c:11.4f}" for c in cosines))
#> cosine               1.0000     1.0000     0.8951     0.8382
# --8<-- [end:three-ways]

# --8<-- [start:grad-scaler]
import torch

import normdocs as nd

torch.manual_seed(0)
X, y = torch.randn(64, 8), torch.randn(64, 1)


def one_step(unscale_first):
    torch.manual_seed(1)
    model = torch.nn.Linear(8, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0**16)
    loss = torch.nn.functional.mse_loss(model(X), y)
    scaler.scale(loss).backward()  # the gradients of 65536 * loss
    if unscale_first:
        scaler.unscale_(opt)  # divides the gradients by the scale, in place
    seen = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    scaler.step(opt)  # unscales if unscale_ was not called, then steps (or skips on inf/nan)
    scaler.update()
    used = nd.l2_norm(torch.cat([p.grad.flatten() for p in model.parameters()]))
    print(f"unscale_ first {unscale_first!s:5}: clip_grad_norm_ saw {seen:8.6g}, used {used:.4e}")


torch.manual_seed(1)
model = torch.nn.Linear(8, 1)
torch.nn.functional.mse_loss(model(X), y).backward()
true_norm = nd.l2_norm(torch.cat([p.grad.flatten() for p in model.parameters()]))
print(f"true gradient norm {true_norm:.4f}; times the scale 65536: {65536 * true_norm:.1f}")
#> true gradient norm 1.4368; times the scale 65536: 94159.2
one_step(unscale_first=False)
#> unscale_ first False: clip_grad_norm_ saw  94159.2, used 1.5259e-05
one_step(unscale_first=True)
#> unscale_ first True : clip_grad_norm_ saw  1.43676, used 1.0000e+00
print(f"1 / 65536 = {1 / 65536:.4e}")
#> 1 / 65536 = 1.5259e-05
# --8<-- [end:grad-scaler]

# --8<-- [start:scaler-overflow]
import torch

torch.manual_seed(0)
X, y = torch.randn(64, 8), torch.randn(64, 1)
model = torch.nn.Linear(8, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu", init_scale=2.0**16)
weight_before = model.weight.detach().clone()

scaler.scale(torch.nn.functional.mse_loss(model(X), y)).backward()
model.weight.grad[0, 0] = float("inf")  # an overflow, as float16 gradients can have
scaler.unscale_(opt)  # records that a gradient is not finite
try:
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0, error_if_nonfinite=True)
except RuntimeError as error:
    print("with error_if_nonfinite=True:", type(error).__name__)
    #> with error_if_nonfinite=True: RuntimeError
norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(f"total norm {norm}; clipped weight gradient {model.weight.grad[0, :3]}")
#> total norm inf; clipped weight gradient tensor([nan, -0., -0.])
scaler.step(opt)  # skipped: the weights do not move
scaler.update()  # and the scale is halved
print("weights unchanged:", torch.equal(model.weight, weight_before))
#> weights unchanged: True
print("scale after the update:", scaler.get_scale())
#> scale after the update: 32768.0
# --8<-- [end:scaler-overflow]

# --8<-- [start:overflow-float16]
import torch

import normdocs as nd

torch.manual_seed(0)
g = (1500 * torch.randn(4096)).half()  # a float16 gradient: every entry is representable
true_norm = nd.l2_norm(g.double())  # in float16 the norm itself is not representable
print(f"largest entry {g.abs().max():.0f}; norm {true_norm:.0f} > 65504, the float16 maximum")
#> largest entry 6152; norm 95357 > 65504, the float16 maximum
for name, clip in (("torch   ", torch.nn.utils.clip_grad_norm_), ("normdocs", nd.clip_grad_norm_)):
    w = torch.nn.Parameter(torch.zeros(4096, dtype=torch.float16))
    w.grad = g.clone()
    total = clip(w, max_norm=1.0)  # returns the norm before clipping
    after, zeros = nd.l2_norm(w.grad), int((w.grad == 0).sum())
    dtype = str(total.dtype).removeprefix("torch.")
    print(f"{name}: returns {total.item():5.0f} ({dtype}); after: norm {after:.3f}, {zeros} zeros")
    #> torch   : returns   inf (float16); after: norm 0.000, 4096 zeros
    #> normdocs: returns 95357 (float32); after: norm 1.000, 0 zeros
# --8<-- [end:overflow-float16]

# --8<-- [start:overflow-float32]
import torch

import normdocs as nd

for name, clip in (("torch   ", torch.nn.utils.clip_grad_norm_), ("normdocs", nd.clip_grad_norm_)):
    w = torch.nn.Parameter(torch.zeros(2))  # float32
    w.grad = torch.tensor([3e20, 4e20])  # the squares, 9e40 and 1.6e41, exceed 3.4e38
    try:
        clip(w, max_norm=1.0, error_if_nonfinite=True)
        raised = "no error"
    except RuntimeError:
        raised = "RuntimeError"  # raised before the gradients are touched
    w.grad = torch.tensor([3e20, 4e20])
    total = clip(w, max_norm=1.0)
    after = w.grad.numpy().round(4)
    print(f"{name}: error_if_nonfinite: {raised}; else returns {total:.4g}, gradient {after}")
    #> torch   : error_if_nonfinite: RuntimeError; else returns inf, gradient [0. 0.]
    #> normdocs: error_if_nonfinite: no error; else returns 5e+20, gradient [0.6 0.8]

w.grad = torch.tensor([float("inf"), 1.0])  # a gradient that is itself infinite
print(f"an inf gradient: returns {nd.clip_grad_norm_(w, max_norm=1.0)}, gradient {w.grad}")
#> an inf gradient: returns inf, gradient tensor([nan, 0.])
# --8<-- [end:overflow-float32]

# --8<-- [start:inf-norm]
import math

import torch

import normdocs as nd

g1, g2 = torch.tensor([8.0, -0.5]), torch.tensor([0.1, 3.0])  # the gradients of two tensors
original = torch.cat([g1, g2])
print(f"largest |entry| of all gradients: {nd.linf_norm(original):.1f}")
#> largest |entry| of all gradients: 8.0
for how in ("norm, ord=inf", "value"):
    p1, p2 = torch.nn.Parameter(torch.zeros(2)), torch.nn.Parameter(torch.zeros(2))
    p1.grad, p2.grad = g1.clone(), g2.clone()
    if how == "value":
        torch.nn.utils.clip_grad_value_([p1, p2], clip_value=1.0)  # each entry into [-1, 1]
    else:
        total = torch.nn.utils.clip_grad_norm_([p1, p2], max_norm=1.0, norm_type=math.inf)
        print(f"clip_grad_norm_(norm_type=inf) returns {total:.1f}, the largest |entry|")
        #> clip_grad_norm_(norm_type=inf) returns 8.0, the largest |entry|
    after = torch.cat([p1.grad, p2.grad])
    cosine = torch.nn.functional.cosine_similarity(after, original, dim=0)
    print(f"by {how:13s}: {[round(v, 4) for v in after.tolist()]}, cosine {cosine:.4f}")
    #> by norm, ord=inf: [1.0, -0.0625, 0.0125, 0.375], cosine 1.0000
    #> by value        : [1.0, -0.5, 0.1, 1.0], cosine 0.8751
# --8<-- [end:inf-norm]

# --8<-- [start:too-large-lr]
import torch

w = torch.nn.Parameter(torch.tensor(1.2, dtype=torch.float64))
opt = torch.optim.SGD([w], lr=1e-3)  # twice the learning rate of the cliff example
for step in range(300):
    opt.zero_grad()
    ((w**20 - 2.0) ** 2).backward()
    torch.nn.utils.clip_grad_norm_([w], max_norm=10.0)
    opt.step()
    if step >= 296:
        print(f"step {step}: w = {w.item():.6f}")
        #> step 296: w = 1.030000
        #> step 297: w = 1.040000
        #> step 298: w = 1.030000
        #> step 299: w = 1.040000
curvature = 2 * (20 * 2 ** (19 / 20)) ** 2  # L''(w*) = 2 (20 w*^19)^2 at w* = 2^(1/20)
print(f"L''(w*) = {curvature:.0f}; lr * L''(w*) = {1e-3 * curvature:.2f} > 2")
#> L''(w*) = 2986; lr * L''(w*) = 2.99 > 2
# --8<-- [end:too-large-lr]
