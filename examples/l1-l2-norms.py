"""Examples of the page docs/norms/l1-l2-norms.md: the L1 and L2 norms of u = [3, -4]."""

# --8<-- [start:numpy]
import numpy as np

u = np.array([3.0, -4.0])
print(np.linalg.norm(u, ord=1))  # L1: |3| + |-4|
#> 7.0
print(np.linalg.norm(u))  # L2, the default: sqrt(3**2 + (-4)**2)
#> 5.0
# --8<-- [end:numpy]

# --8<-- [start:torch]
import torch

u = torch.tensor([3.0, -4.0])
print(torch.linalg.vector_norm(u, ord=1))  # not the deprecated torch.norm
#> tensor(7.)
print(torch.linalg.vector_norm(u))  # ord=2 is the default
#> tensor(5.)
# --8<-- [end:torch]

# --8<-- [start:normdocs]
import normdocs as nd

u = [3.0, -4.0]
print(nd.l1_norm(u), nd.l2_norm(u))
#> 7.0 5.0
# --8<-- [end:normdocs]

# --8<-- [start:by-hand]
u = [3.0, -4.0]
l1 = sum(abs(x) for x in u)
l2 = sum(x * x for x in u) ** 0.5
print(l1, l2)
#> 7.0 5.0
# --8<-- [end:by-hand]

# --8<-- [start:distances]
import numpy as np

import normdocs as nd

a, b = np.array([0.0, 4.0]), np.array([3.0, 0.0])
print(nd.l1_norm(b - a))  # Manhattan: 3 blocks east plus 4 blocks south
#> 7.0
print(nd.l2_norm(b - a))  # Euclidean: the straight line
#> 5.0
c, s = np.cos(np.pi / 4), np.sin(np.pi / 4)
R = np.array([[c, -s], [s, c]])  # a rotation by 45 degrees
print(f"rotated: L1 {nd.l1_norm(R @ (b - a)):.4f}, L2 {nd.l2_norm(R @ (b - a)):.4f}")
#> rotated: L1 5.6569, L2 5.0000
# --8<-- [end:distances]

# --8<-- [start:rows]
import numpy as np

import normdocs as nd

X = np.array([[3.0, -4.0], [1.0, 1.0], [0.0, -2.0]])
print(nd.l1_norm(X, axis=1))  # one L1 norm per row
#> [7. 2. 2.]
print(nd.l2_norm(X, axis=1, keepdims=True))  # shape (3, 1): divides X row-wise
#> [[5.        ]
#>  [1.41421356]
#>  [2.        ]]
# --8<-- [end:rows]

# --8<-- [start:overflow]
import numpy as np

import normdocs as nd

big = np.array([1e200, 1e200])
with np.errstate(over="ignore"):
    print(np.linalg.norm(big))  # the squares overflow
#> inf
print(nd.l2_norm(big))  # rescaled only when needed
#> 1.414213562373095e+200
# --8<-- [end:overflow]

# --8<-- [start:overflow-torch]
import torch

import normdocs as nd

x = torch.tensor([3e20, 4e20])  # float32: the squares 9e40 and 1.6e41 exceed 3.4e38
print(torch.linalg.vector_norm(x), nd.l2_norm(x))
#> tensor(inf) tensor(5.0000e+20)
tiny = torch.tensor([3e-30, 4e-30])  # the squares 9e-60 and 1.6e-59 round to 0
print(torch.linalg.vector_norm(tiny), nd.l2_norm(tiny))
#> tensor(0.) tensor(5.0000e-30)
# --8<-- [end:overflow-torch]

# --8<-- [start:rescale]
import numpy as np

for x in [np.array([1e200, 1e200]), np.array([1e-200, 1e-200])]:
    m = np.max(np.abs(x))  # every |x_i| / m is in [0, 1]: no square overflows
    with np.errstate(over="ignore"):
        naive = np.linalg.norm(x)
    print(naive, m * np.linalg.norm(x / m))
#> inf 1.414213562373095e+200
#> 0.0 1.414213562373095e-200
# --8<-- [end:rescale]

# --8<-- [start:zero-gradient]
import torch

import normdocs as nd

w = torch.zeros(3, requires_grad=True)
w.pow(2).sum().sqrt().backward()  # sqrt'(0) = inf, times 0
print(w.grad)
#> tensor([nan, nan, nan])

w = torch.zeros(3, requires_grad=True)
nd.l2_norm(w).backward()  # the subgradient 0
print(w.grad)
#> tensor([0., 0., 0.])

# every g with ||g|| <= 1 is a subgradient at 0: ||x|| >= ||0|| + g.x for all x
torch.manual_seed(0)
g = torch.randn(1000, 3)
g = g / g.norm(dim=1, keepdim=True) * torch.rand(1000, 1)  # 1000 points of the unit ball
x = 10 * torch.randn(1000, 3)
print(bool((nd.l2_norm(x, axis=1) >= (g * x).sum(dim=1)).all()))
#> True
# --8<-- [end:zero-gradient]

# --8<-- [start:distance-matrix]
import torch

import normdocs as nd

torch.manual_seed(0)
X = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
diff = X[:, None, :] - X[None, :, :]  # all pairs; the diagonal pairs are x_i - x_i = 0

diff.pow(2).sum(dim=-1).sqrt().sum().backward()
print(f"hand-written: {X.grad.isnan().sum()} of {X.numel()} gradient entries are NaN")
#> hand-written: 12 of 12 gradient entries are NaN
X.grad = None
nd.l2_norm(diff, axis=-1).sum().backward()
print(f"normdocs:     {X.grad.isnan().sum()} of {X.numel()} gradient entries are NaN")
#> normdocs:     0 of 12 gradient entries are NaN
# --8<-- [end:distance-matrix]

# --8<-- [start:gradients]
import torch

import normdocs as nd

x = torch.tensor([3.0, -4.0, 0.0], dtype=torch.float64, requires_grad=True)
for name, f in [
    ("||x||_1", nd.l1_norm),
    ("||x||_2", nd.l2_norm),
    ("||x||_2^2 / 2", nd.l2_penalty),
]:
    (grad,) = torch.autograd.grad(f(x), x)
    print(f"{name:>13}: {grad.tolist()}")
    #>       ||x||_1: [1.0, -1.0, 0.0]
    #>       ||x||_2: [0.6, -0.8, 0.0]
    #> ||x||_2^2 / 2: [3.0, -4.0, 0.0]
# --8<-- [end:gradients]

# --8<-- [start:bounds]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n = 8
X = rng.normal(size=(10_000, n))  # 10000 random vectors, one per row
Y = rng.normal(size=(10_000, n))
for name, norm in [("L1", nd.l1_norm), ("L2", nd.l2_norm)]:
    triangle = np.all(norm(X + Y, axis=1) <= (norm(X, axis=1) + norm(Y, axis=1)) * (1 + 1e-12))
    homogeneous = np.allclose(norm(-2.5 * X, axis=1), 2.5 * norm(X, axis=1))
    print(f"{name}: triangle {triangle}, homogeneous {homogeneous}")
    #> L1: triangle True, homogeneous True
    #> L2: triangle True, homogeneous True
l1, l2 = nd.l1_norm(X, axis=1), nd.l2_norm(X, axis=1)
print("||x||_2 <= ||x||_1 <= sqrt(n) ||x||_2:", np.all((l2 <= l1) & (l1 <= np.sqrt(n) * l2)))
#> ||x||_2 <= ||x||_1 <= sqrt(n) ||x||_2: True
# --8<-- [end:bounds]
