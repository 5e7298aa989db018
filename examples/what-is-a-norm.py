"""Examples of the page docs/norms/what-is-a-norm.md: the axioms, the inequalities between
norms, dual norms and Hoelder's inequality, checked on random vectors."""

# --8<-- [start:axioms-numpy]
import numpy as np

rng = np.random.default_rng(0)
x, y = rng.normal(size=(2, 1000, 5))  # 1000 pairs of random vectors in R^5
alpha = rng.normal(size=(1000, 1))  # 1000 random scalars

for p in [1, 1.5, 2, 4, np.inf]:

    def norm(v, p=p):
        return np.linalg.norm(v, ord=p, axis=-1)  # one norm per row

    definite = norm(np.zeros(5)) == 0 and np.all(norm(x) > 0)
    homogeneous = np.allclose(norm(alpha * x), np.abs(alpha[:, 0]) * norm(x))
    # equality is possible (for p = 1: whenever x and y have the same signs): allow rounding
    triangle = np.all(norm(x + y) <= (norm(x) + norm(y)) * (1 + 1e-12))
    print(f"p = {p}: definite {definite}, homogeneous {homogeneous}, triangle {triangle}")
#> p = 1: definite True, homogeneous True, triangle True
#> p = 1.5: definite True, homogeneous True, triangle True
#> p = 2: definite True, homogeneous True, triangle True
#> p = 4: definite True, homogeneous True, triangle True
#> p = inf: definite True, homogeneous True, triangle True
# --8<-- [end:axioms-numpy]

# --8<-- [start:axioms-torch]
import math

import torch

torch.manual_seed(0)
x, y = torch.randn(2, 1000, 5, dtype=torch.float64)  # 1000 pairs of random vectors in R^5
alpha = torch.randn(1000, 1, dtype=torch.float64)  # 1000 random scalars

for p in [1, 1.5, 2, 4, math.inf]:

    def norm(v, p=p):
        return torch.linalg.vector_norm(v, ord=p, dim=-1)  # one norm per row

    definite = bool(norm(torch.zeros(5)) == 0) and bool((norm(x) > 0).all())
    homogeneous = torch.allclose(norm(alpha * x), alpha[:, 0].abs() * norm(x))
    # equality is possible (for p = 1: whenever x and y have the same signs): allow rounding
    triangle = bool((norm(x + y) <= (norm(x) + norm(y)) * (1 + 1e-12)).all())
    print(f"p = {p}: definite {definite}, homogeneous {homogeneous}, triangle {triangle}")
#> p = 1: definite True, homogeneous True, triangle True
#> p = 1.5: definite True, homogeneous True, triangle True
#> p = 2: definite True, homogeneous True, triangle True
#> p = 4: definite True, homogeneous True, triangle True
#> p = inf: definite True, homogeneous True, triangle True
# --8<-- [end:axioms-torch]

# --8<-- [start:axioms-normdocs]
import math

import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
x, y = rng.normal(size=(2, 1000, 5))  # 1000 pairs of random vectors in R^5
alpha = rng.normal(size=(1000, 1))  # 1000 random scalars

for p in [1, 1.5, 2, 4, math.inf]:

    def norm(v, p=p):
        return nd.vector_norm(v, p, axis=-1)  # one norm per row

    definite = norm(np.zeros(5)) == 0 and np.all(norm(x) > 0)
    homogeneous = np.allclose(norm(alpha * x), np.abs(alpha[:, 0]) * norm(x))
    # equality is possible (for p = 1: whenever x and y have the same signs): allow rounding
    triangle = np.all(norm(x + y) <= (norm(x) + norm(y)) * (1 + 1e-12))
    print(f"p = {p}: definite {definite}, homogeneous {homogeneous}, triangle {triangle}")
#> p = 1: definite True, homogeneous True, triangle True
#> p = 1.5: definite True, homogeneous True, triangle True
#> p = 2: definite True, homogeneous True, triangle True
#> p = 4: definite True, homogeneous True, triangle True
#> p = inf: definite True, homogeneous True, triangle True
# --8<-- [end:axioms-normdocs]

# --8<-- [start:rounding]
import numpy as np

x, y = np.array([0.1, 0.1]), np.array([0.2, 0.3])  # same signs: equality in exact arithmetic
lhs = np.linalg.norm(x + y, ord=1)
rhs = np.linalg.norm(x, ord=1) + np.linalg.norm(y, ord=1)
print(lhs, rhs, lhs <= rhs)
#> 0.7000000000000001 0.7 False
# --8<-- [end:rounding]

# --8<-- [start:p-below-one]
import numpy as np
import torch

import normdocs as nd

x, y = np.array([1.0, 0.0]), np.array([0.0, 1.0])
p = 0.5
lhs = np.sum(np.abs(x + y) ** p) ** (1 / p)  # the formula does not care that p < 1
rhs = np.sum(np.abs(x) ** p) ** (1 / p) + np.sum(np.abs(y) ** p) ** (1 / p)
print(f"||x + y|| = {lhs}, ||x|| + ||y|| = {rhs}: triangle inequality {lhs <= rhs}")
#> ||x + y|| = 4.0, ||x|| + ||y|| = 2.0: triangle inequality False
print(np.linalg.norm(x + y, ord=0.5))  # NumPy computes it anyway
#> 4.0
print(torch.linalg.vector_norm(torch.tensor(x + y), ord=0.5).item())  # so does PyTorch
#> 4.0
try:
    nd.vector_norm(x + y, 0.5)
except ValueError as err:
    print(err)
    #> `ord` must be 0, a real number p >= 1, or math.inf for a vector norm; got 0.5
# --8<-- [end:p-below-one]

# --8<-- [start:diagonal]
import math

import normdocs as nd

# the unit ball of the Lp norm meets the diagonal at t * (1, 1) with t = 2 ** (-1 / p)
for p in [1, 1.5, 2, 4, math.inf]:
    t = 2 ** (-1 / p)
    print(f"p = {p:<4}  t = {t:.4f}  ||t * (1, 1)||_p = {nd.vector_norm([t, t], p):.4f}")
#> p = 1     t = 0.5000  ||t * (1, 1)||_p = 1.0000
#> p = 1.5   t = 0.6300  ||t * (1, 1)||_p = 1.0000
#> p = 2     t = 0.7071  ||t * (1, 1)||_p = 1.0000
#> p = 4     t = 0.8409  ||t * (1, 1)||_p = 1.0000
#> p = inf   t = 1.0000  ||t * (1, 1)||_p = 1.0000
# --8<-- [end:diagonal]

# --8<-- [start:inequalities-numpy]
import numpy as np

rng = np.random.default_rng(0)
n = 10
X = rng.normal(size=(10_000, n)) * rng.exponential(size=(10_000, 1))  # rows: random vectors
l1, l2, linf = (np.linalg.norm(X, ord=p, axis=1) for p in (1, 2, np.inf))

print("||x||_inf <= ||x||_2:", np.all(linf <= l2))
#> ||x||_inf <= ||x||_2: True
print("||x||_2 <= ||x||_1:", np.all(l2 <= l1))
#> ||x||_2 <= ||x||_1: True
print("||x||_1 <= sqrt(n) ||x||_2:", np.all(l1 <= np.sqrt(n) * l2))
#> ||x||_1 <= sqrt(n) ||x||_2: True
print("||x||_2 <= sqrt(n) ||x||_inf:", np.all(l2 <= np.sqrt(n) * linf))
#> ||x||_2 <= sqrt(n) ||x||_inf: True
print(f"largest ||x||_1 / ||x||_2 seen: {np.max(l1 / l2):.3f} <= sqrt(n) = {np.sqrt(n):.3f}")
#> largest ||x||_1 / ||x||_2 seen: 3.096 <= sqrt(n) = 3.162
# --8<-- [end:inequalities-numpy]

# --8<-- [start:inequalities-torch]
import math

import torch

torch.manual_seed(0)
n = 10
X = torch.randn(10_000, n, dtype=torch.float64)  # rows: random vectors
X = X * torch.empty(10_000, 1, dtype=torch.float64).exponential_()
l1, l2, linf = (torch.linalg.vector_norm(X, ord=p, dim=1) for p in (1, 2, math.inf))

print("||x||_inf <= ||x||_2:", bool((linf <= l2).all()))
#> ||x||_inf <= ||x||_2: True
print("||x||_2 <= ||x||_1:", bool((l2 <= l1).all()))
#> ||x||_2 <= ||x||_1: True
print("||x||_1 <= sqrt(n) ||x||_2:", bool((l1 <= math.sqrt(n) * l2).all()))
#> ||x||_1 <= sqrt(n) ||x||_2: True
print("||x||_2 <= sqrt(n) ||x||_inf:", bool((l2 <= math.sqrt(n) * linf).all()))
#> ||x||_2 <= sqrt(n) ||x||_inf: True
print(f"largest ||x||_1 / ||x||_2 seen: {(l1 / l2).max():.3f} <= sqrt(n) = {math.sqrt(n):.3f}")
#> largest ||x||_1 / ||x||_2 seen: 3.112 <= sqrt(n) = 3.162
# --8<-- [end:inequalities-torch]

# --8<-- [start:inequalities-normdocs]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n = 10
X = rng.normal(size=(10_000, n)) * rng.exponential(size=(10_000, 1))  # rows: random vectors
l1, l2, linf = nd.l1_norm(X, axis=1), nd.l2_norm(X, axis=1), nd.linf_norm(X, axis=1)

print("||x||_inf <= ||x||_2:", np.all(linf <= l2))
#> ||x||_inf <= ||x||_2: True
print("||x||_2 <= ||x||_1:", np.all(l2 <= l1))
#> ||x||_2 <= ||x||_1: True
print("||x||_1 <= sqrt(n) ||x||_2:", np.all(l1 <= np.sqrt(n) * l2))
#> ||x||_1 <= sqrt(n) ||x||_2: True
print("||x||_2 <= sqrt(n) ||x||_inf:", np.all(l2 <= np.sqrt(n) * linf))
#> ||x||_2 <= sqrt(n) ||x||_inf: True
print(f"largest ||x||_1 / ||x||_2 seen: {np.max(l1 / l2):.3f} <= sqrt(n) = {np.sqrt(n):.3f}")
#> largest ||x||_1 / ||x||_2 seen: 3.096 <= sqrt(n) = 3.162
# --8<-- [end:inequalities-normdocs]

# --8<-- [start:equality]
import numpy as np

import normdocs as nd

n = 10
e1 = np.eye(n)[0]  # one nonzero entry: the left inequalities are equalities
ones = np.ones(n)  # all entries of equal size: the right ones are
print("    x  ||x||_inf  ||x||_2  ||x||_1  sqrt(n) ||x||_2")
#>     x  ||x||_inf  ||x||_2  ||x||_1  sqrt(n) ||x||_2
for name, v in [("e_1", e1), ("ones", ones)]:
    l1, l2, linf = nd.l1_norm(v), nd.l2_norm(v), nd.linf_norm(v)
    print(f"{name:>5}  {linf:9.4f}  {l2:7.4f}  {l1:7.4f}  {np.sqrt(n) * l2:15.4f}")
#>   e_1     1.0000   1.0000   1.0000           3.1623
#>  ones     1.0000   3.1623  10.0000          10.0000
# --8<-- [end:equality]

# --8<-- [start:holder-numpy]
import numpy as np

rng = np.random.default_rng(0)
x, y = rng.normal(size=(2, 10_000, 5))  # 10000 pairs of random vectors in R^5
inner = np.abs(np.sum(x * y, axis=1))

for p, q in [(1, np.inf), (1.5, 3), (2, 2), (4, 4 / 3), (np.inf, 1)]:
    bound = np.linalg.norm(x, ord=p, axis=1) * np.linalg.norm(y, ord=q, axis=1)
    print(f"p = {p:<4} q = {q:<5.3g} largest |<x, y>| / bound: {np.max(inner / bound):.4f}")
#> p = 1    q = inf   largest |<x, y>| / bound: 0.9376
#> p = 1.5  q = 3     largest |<x, y>| / bound: 0.9901
#> p = 2    q = 2     largest |<x, y>| / bound: 0.9938
#> p = 4    q = 1.33  largest |<x, y>| / bound: 0.9889
#> p = inf  q = 1     largest |<x, y>| / bound: 0.9329
# --8<-- [end:holder-numpy]

# --8<-- [start:holder-torch]
import math

import torch

torch.manual_seed(0)
x, y = torch.randn(2, 10_000, 5, dtype=torch.float64)  # 10000 pairs of random vectors in R^5
inner = (x * y).sum(dim=1).abs()

for p, q in [(1, math.inf), (1.5, 3), (2, 2), (4, 4 / 3), (math.inf, 1)]:
    bound = torch.linalg.vector_norm(x, ord=p, dim=1) * torch.linalg.vector_norm(y, ord=q, dim=1)
    print(f"p = {p:<4} q = {q:<5.3g} largest |<x, y>| / bound: {(inner / bound).max():.4f}")
#> p = 1    q = inf   largest |<x, y>| / bound: 0.8983
#> p = 1.5  q = 3     largest |<x, y>| / bound: 0.9974
#> p = 2    q = 2     largest |<x, y>| / bound: 0.9842
#> p = 4    q = 1.33  largest |<x, y>| / bound: 0.9918
#> p = inf  q = 1     largest |<x, y>| / bound: 0.9325
# --8<-- [end:holder-torch]

# --8<-- [start:holder-normdocs]
import math

import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
x, y = rng.normal(size=(2, 10_000, 5))  # 10000 pairs of random vectors in R^5
inner = np.abs(np.sum(x * y, axis=1))

for p, q in [(1, math.inf), (1.5, 3), (2, 2), (4, 4 / 3), (math.inf, 1)]:
    bound = nd.vector_norm(x, p, axis=1) * nd.vector_norm(y, q, axis=1)
    print(f"p = {p:<4} q = {q:<5.3g} largest |<x, y>| / bound: {np.max(inner / bound):.4f}")
#> p = 1    q = inf   largest |<x, y>| / bound: 0.9376
#> p = 1.5  q = 3     largest |<x, y>| / bound: 0.9901
#> p = 2    q = 2     largest |<x, y>| / bound: 0.9938
#> p = 4    q = 1.33  largest |<x, y>| / bound: 0.9889
#> p = inf  q = 1     largest |<x, y>| / bound: 0.9329
# --8<-- [end:holder-normdocs]

# --8<-- [start:dual-attained]
import numpy as np

import normdocs as nd

y = np.array([3.0, -1.0, 0.5, -4.0])

# dual of L1 is L-infinity: put all the L1 budget on the largest |y_k|
k = np.argmax(np.abs(y))
x = np.zeros_like(y)
x[k] = np.sign(y[k])
print(f"||x||_1 = {nd.l1_norm(x)}, <x, y> = {x @ y}, ||y||_inf = {nd.linf_norm(y)}")
#> ||x||_1 = 1.0, <x, y> = 4.0, ||y||_inf = 4.0
# dual of L-infinity is L1: every entry at the bound, with the sign of y
x = np.sign(y)
print(f"||x||_inf = {nd.linf_norm(x)}, <x, y> = {x @ y}, ||y||_1 = {nd.l1_norm(y)}")
#> ||x||_inf = 1.0, <x, y> = 8.5, ||y||_1 = 8.5
# dual of Lp is Lq, 1/p + 1/q = 1: x = sign(y) |y|^(q-1) / ||y||_q^(q-1)
for p in [1.5, 2, 4]:
    q = p / (p - 1)
    x = np.sign(y) * np.abs(y) ** (q - 1) / nd.vector_norm(y, q) ** (q - 1)
    x_p, y_q = nd.vector_norm(x, p), nd.vector_norm(y, q)
    print(f"p = {p}, q = {q:.3g}: ||x||_p = {x_p:.4f}, <x, y> = {x @ y:.4f}, ||y||_q = {y_q:.4f}")
#> p = 1.5, q = 3: ||x||_p = 1.0000, <x, y> = 4.5164, ||y||_q = 4.5164
#> p = 2, q = 2: ||x||_p = 1.0000, <x, y> = 5.1235, ||y||_q = 5.1235
#> p = 4, q = 1.33: ||x||_p = 1.0000, <x, y> = 6.4769, ||y||_q = 6.4769
# --8<-- [end:dual-attained]

# --8<-- [start:worst-case-perturbation]
import torch

torch.manual_seed(0)
model = torch.nn.Linear(8, 1, dtype=torch.float64)  # a linear score w.x + b
x = torch.randn(8, dtype=torch.float64, requires_grad=True)
model(x).sum().backward()
g = x.grad  # the gradient of the score with respect to the input: w

eps = 0.1
with torch.no_grad():
    delta_inf = eps * g.sign()  # FGSM: the worst step with ||delta||_inf <= eps
    delta_2 = eps * g / torch.linalg.vector_norm(g)  # the worst step with ||delta||_2 <= eps
    for name, delta, dual in [("inf", delta_inf, 1), ("2", delta_2, 2)]:
        change = (model(x + delta) - model(x)).item()
        bound = eps * torch.linalg.vector_norm(g, ord=dual).item()
        print(f"||delta||_{name} <= {eps}: change {change:.6f} = eps * ||g||_{dual} = {bound:.6f}")
#> ||delta||_inf <= 0.1: change 0.144653 = eps * ||g||_1 = 0.144653
#> ||delta||_2 <= 0.1: change 0.058055 = eps * ||g||_2 = 0.058055
# --8<-- [end:worst-case-perturbation]
