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
# --8<-- [end:zero-gradient]
