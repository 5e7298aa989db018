"""Examples of the page docs/norms/lp-and-max-norms.md: Lp norms for general p, the
L-infinity norm as their limit, and the L0 "norm", which is not a norm."""

# --8<-- [start:lp-numpy]
import numpy as np

x = np.array([3.0, -4.0, 12.0])
for p in [1, 1.5, 2, 3, 4, np.inf]:
    print(f"p = {p:<4} ||x||_p = {np.linalg.norm(x, ord=p):.4f}")
    #> p = 1    ||x||_p = 19.0000
    #> p = 1.5  ||x||_p = 14.4213
    #> p = 2    ||x||_p = 13.0000
    #> p = 3    ||x||_p = 12.2071
    #> p = 4    ||x||_p = 12.0485
    #> p = inf  ||x||_p = 12.0000
# --8<-- [end:lp-numpy]

# --8<-- [start:lp-torch]
import math

import torch

x = torch.tensor([3.0, -4.0, 12.0], dtype=torch.float64)
for p in [1, 1.5, 2, 3, 4, math.inf]:
    print(f"p = {p:<4} ||x||_p = {torch.linalg.vector_norm(x, ord=p):.4f}")
    #> p = 1    ||x||_p = 19.0000
    #> p = 1.5  ||x||_p = 14.4213
    #> p = 2    ||x||_p = 13.0000
    #> p = 3    ||x||_p = 12.2071
    #> p = 4    ||x||_p = 12.0485
    #> p = inf  ||x||_p = 12.0000
# --8<-- [end:lp-torch]

# --8<-- [start:lp-normdocs]
import math

import normdocs as nd

x = [3.0, -4.0, 12.0]
for p in [1, 1.5, 2, 3, 4, math.inf]:
    print(f"p = {p:<4} ||x||_p = {nd.vector_norm(x, p):.4f}")
    #> p = 1    ||x||_p = 19.0000
    #> p = 1.5  ||x||_p = 14.4213
    #> p = 2    ||x||_p = 13.0000
    #> p = 3    ||x||_p = 12.2071
    #> p = 4    ||x||_p = 12.0485
    #> p = inf  ||x||_p = 12.0000
# --8<-- [end:lp-normdocs]

# --8<-- [start:limit]
import numpy as np

import normdocs as nd

x = np.array([3.0, -4.0, 12.0])
n, x_max = len(x), nd.linf_norm(x)
print("   p   ||x||_p   n^(1/p) ||x||_inf")
#>    p   ||x||_p   n^(1/p) ||x||_inf
for p in [1, 2, 4, 8, 16, 32, 64, 128]:
    print(f"{p:4d}  {nd.vector_norm(x, p):8.4f}  {n ** (1 / p) * x_max:18.4f}")
    #>    1   19.0000             36.0000
    #>    2   13.0000             20.7846
    #>    4   12.0485             15.7929
    #>    8   12.0003             13.7664
    #>   16   12.0000             12.8529
    #>   32   12.0000             12.4191
    #>   64   12.0000             12.2078
    #>  128   12.0000             12.1034
print(f" inf  {x_max:8.4f}")
#>  inf   12.0000
# --8<-- [end:limit]

# --8<-- [start:large-p]
import numpy as np
import torch

import normdocs as nd

x = np.array([3.0, -4.0, 12.0])
for p in [100, 300, 1000]:
    with np.errstate(over="ignore"):
        by_numpy = np.linalg.norm(x, ord=p)  # sum(|x|**p) ** (1/p): 12.0**300 overflows
    by_torch = torch.linalg.vector_norm(torch.tensor(x), ord=p).item()
    by_normdocs = nd.vector_norm(x, p)
    print(f"p = {p:4d}  NumPy {by_numpy:.6f}  PyTorch {by_torch:.6f}  normdocs {by_normdocs:.6f}")
    #> p =  100  NumPy 12.000000  PyTorch 12.000000  normdocs 12.000000
    #> p =  300  NumPy inf  PyTorch inf  normdocs 12.000000
    #> p = 1000  NumPy inf  PyTorch inf  normdocs 12.000000
# --8<-- [end:large-p]

# --8<-- [start:lp-gradient]
import torch

import normdocs as nd

x = torch.tensor([3.0, -4.0, 12.0], dtype=torch.float64, requires_grad=True)
p = 3.0
nd.vector_norm(x, p).backward()
with torch.no_grad():
    formula = x.sign() * x.abs() ** (p - 1) / nd.vector_norm(x, p) ** (p - 1)
    q = p / (p - 1)  # the gradient is a unit vector of the dual norm
    print(f"autograd {[round(v, 4) for v in x.grad.tolist()]}")
    #> autograd [0.0604, -0.1074, 0.9664]
    print(f"formula  {[round(v, 4) for v in formula.tolist()]}")
    #> formula  [0.0604, -0.1074, 0.9664]
    print(f"||gradient||_q = {nd.vector_norm(x.grad, q):.4f}")
    #> ||gradient||_q = 1.0000
# --8<-- [end:lp-gradient]

# --8<-- [start:linf-gradient]
import torch

import normdocs as nd

x = torch.tensor([1.0, -3.0, 2.0], requires_grad=True)
nd.linf_norm(x).backward()
print(x.grad)  # all on the largest |x_i|
#> tensor([ 0., -1.,  0.])
x = torch.tensor([1.0, -3.0, 3.0], requires_grad=True)
nd.linf_norm(x).backward()
print(x.grad)  # a tie: shared, as torch.linalg.vector_norm does
#> tensor([ 0.0000, -0.5000,  0.5000])
# --8<-- [end:linf-gradient]

# --8<-- [start:clipping]
import torch

import normdocs as nd

for clip in ("value", "norm"):
    w = torch.nn.Parameter(torch.zeros(3))
    w.grad = torch.tensor([0.5, -3.0, 12.0])
    if clip == "value":
        torch.nn.utils.clip_grad_value_([w], clip_value=1.0)  # every |g_i| <= 1
    else:
        torch.nn.utils.clip_grad_norm_([w], max_norm=1.0)  # ||g||_2 <= 1
    g = w.grad
    norms = f"||g||_inf {nd.linf_norm(g):.4f}  ||g||_2 {nd.l2_norm(g):.4f}"
    print(f"clip by {clip}: {[round(v, 4) for v in g.tolist()]}  {norms}")
    #> clip by value: [0.5, -1.0, 1.0]  ||g||_inf 1.0000  ||g||_2 1.5000
    #> clip by norm: [0.0404, -0.2423, 0.9694]  ||g||_inf 0.9694  ||g||_2 1.0000
# --8<-- [end:clipping]

# --8<-- [start:max-norm-constraint]
import torch

import normdocs as nd

torch.manual_seed(0)
layer = torch.nn.Linear(4, 3)
with torch.no_grad():
    layer.weight.mul_(2)
    print("row L2 norms before:", [f"{v:.3f}" for v in nd.l2_norm(layer.weight, axis=1)])
    #> row L2 norms before: ['1.228', '0.922', '0.456']
    # "max-norm": rescale each unit's incoming weight vector (a row) to L2 norm <= 1
    layer.weight.copy_(torch.renorm(layer.weight, p=2, dim=0, maxnorm=1.0))
    print("row L2 norms after: ", [f"{v:.3f}" for v in nd.l2_norm(layer.weight, axis=1)])
    #> row L2 norms after:  ['1.000', '0.922', '0.456']
# --8<-- [end:max-norm-constraint]

# --8<-- [start:l0-numpy]
import numpy as np

x = np.array([0.0, 3.0, 0.0, -4.0])
print(np.count_nonzero(x), np.linalg.norm(x, ord=0))
#> 2 2.0
print(np.linalg.norm(2 * x, ord=0), 2 * np.linalg.norm(x, ord=0))  # ||2x||_0 != 2 ||x||_0
#> 2.0 4.0
# --8<-- [end:l0-numpy]

# --8<-- [start:l0-torch]
import torch

x = torch.tensor([0.0, 3.0, 0.0, -4.0])
print(torch.count_nonzero(x), torch.linalg.vector_norm(x, ord=0))
#> tensor(2) tensor(2.)
l0_of_2x, two_l0 = torch.linalg.vector_norm(2 * x, ord=0), 2 * torch.linalg.vector_norm(x, ord=0)
print(l0_of_2x, two_l0)  # ||2x||_0 != 2 ||x||_0
#> tensor(2.) tensor(4.)
# --8<-- [end:l0-torch]

# --8<-- [start:l0-normdocs]
import normdocs as nd

x = [0.0, 3.0, 0.0, -4.0]
print(nd.l0_norm(x), nd.vector_norm(x, 0))
#> 2.0 2.0
print(nd.l0_norm([2 * v for v in x]), 2 * nd.l0_norm(x))  # ||2x||_0 != 2 ||x||_0
#> 2.0 4.0
# --8<-- [end:l0-normdocs]

# --8<-- [start:l0-axioms]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
X = rng.integers(-2, 3, size=(10_000, 6)).astype(float)  # random vectors with many zeros
Y = rng.integers(-2, 3, size=(10_000, 6)).astype(float)
l0 = nd.l0_norm(X, axis=1)
print("||x||_0 = 0 only for x = 0:", np.all((l0 == 0) == np.all(X == 0, axis=1)))
#> ||x||_0 = 0 only for x = 0: True
print("triangle:", np.all(nd.l0_norm(X + Y, axis=1) <= l0 + nd.l0_norm(Y, axis=1)))
#> triangle: True
for alpha in [2.0, 0.5, -3.0]:
    same = np.all(nd.l0_norm(alpha * X, axis=1) == l0)
    print(f"||{alpha} x||_0 == ||x||_0 for every x: {same}")
    #> ||2.0 x||_0 == ||x||_0 for every x: True
    #> ||0.5 x||_0 == ||x||_0 for every x: True
    #> ||-3.0 x||_0 == ||x||_0 for every x: True
# --8<-- [end:l0-axioms]

# --8<-- [start:l0-limit]
import numpy as np

x = np.array([0.0, 3.0, 0.0, -0.5])
for p in [1, 0.5, 0.1, 0.01, 0.001]:
    print(f"p = {p:<5}  sum |x_i|^p = {np.sum(np.abs(x) ** p):.4f}")
    #> p = 1      sum |x_i|^p = 3.5000
    #> p = 0.5    sum |x_i|^p = 2.4392
    #> p = 0.1    sum |x_i|^p = 2.0492
    #> p = 0.01   sum |x_i|^p = 2.0041
    #> p = 0.001  sum |x_i|^p = 2.0004
print(f"||x||_0 = {np.count_nonzero(x)}")
#> ||x||_0 = 2
# --8<-- [end:l0-limit]

# --8<-- [start:l0-gradient]
import torch

import normdocs as nd

w = torch.tensor([0.5, 0.0, -2.0], requires_grad=True)
nd.l0_norm(w).backward()
print(w.grad)  # no gradient flows through a count
#> None
# --8<-- [end:l0-gradient]

# --8<-- [start:l0-tolerance]
import numpy as np

import normdocs as nd

w = np.array([1e-12, 0.5, -3e-9, 0.0, 2.0])  # weights after training: tiny, not zero
print(nd.l0_norm(w))
#> 4.0
print(nd.l0_norm(np.where(np.abs(w) > 1e-6, w, 0.0)))  # count only |w_i| > 1e-6
#> 2.0
# --8<-- [end:l0-tolerance]

# --8<-- [start:l1-below-l0]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
X = rng.uniform(-1, 1, size=(10_000, 6)) * (rng.random((10_000, 6)) < 0.5)  # in the box
print("||x||_1 <= ||x||_0 in the box:", np.all(nd.l1_norm(X, axis=1) <= nd.l0_norm(X, axis=1)))
#> ||x||_1 <= ||x||_0 in the box: True
corners = rng.integers(-1, 2, size=(10_000, 6)).astype(float)  # entries -1, 0 or 1
print("equal at the corners:", np.all(nd.l1_norm(corners, axis=1) == nd.l0_norm(corners, axis=1)))
#> equal at the corners: True
# --8<-- [end:l1-below-l0]

# --8<-- [start:top-k]
import torch

import normdocs as nd

torch.manual_seed(0)
w = torch.randn(8)
k = 3
idx = w.abs().topk(k).indices  # the k largest magnitudes
w_k = torch.zeros_like(w).index_copy_(0, idx, w[idx])  # the closest w_k with ||w_k||_0 <= k
print(f"||w_k||_0 = {nd.l0_norm(w_k):.0f}, ||w - w_k||_2 = {nd.l2_norm(w - w_k):.4f}")
#> ||w_k||_0 = 3, ||w - w_k||_2 = 1.5654
print(f"dropped: {sorted(round(v, 4) for v in w[w_k == 0].abs().tolist())}")
#> dropped: [0.2934, 0.4033, 0.5684, 0.838, 1.0845]
# --8<-- [end:top-k]
