"""Examples of the page docs/norms/matrix-norms.md: the Frobenius, spectral, nuclear,
induced 1 and infinity, and entrywise norms of A = [[1, -2], [3, 4]]."""

# --8<-- [start:numpy]
import numpy as np

A = np.array([[1.0, -2.0], [3.0, 4.0]])
print(f"Frobenius   {np.linalg.norm(A, 'fro'):.4f}")  # also the default: np.linalg.norm(A)
#> Frobenius   5.4772
print(f"spectral    {np.linalg.norm(A, 2):.4f}")
#> spectral    5.1167
print(f"nuclear     {np.linalg.norm(A, 'nuc'):.4f}")
#> nuclear     7.0711
print(f"induced 1   {np.linalg.norm(A, 1):.4f}")  # max column sum, NOT the sum of all |a_ij|
#> induced 1   6.0000
print(f"induced inf {np.linalg.norm(A, np.inf):.4f}")  # max row sum
#> induced inf 7.0000
print(f"entrywise 1 {np.abs(A).sum():.4f}")
#> entrywise 1 10.0000
# --8<-- [end:numpy]

# --8<-- [start:torch]
import math

import torch

A = torch.tensor([[1.0, -2.0], [3.0, 4.0]], dtype=torch.float64)
print(f"Frobenius   {torch.linalg.matrix_norm(A, 'fro'):.4f}")
#> Frobenius   5.4772
print(f"spectral    {torch.linalg.matrix_norm(A, 2):.4f}")
#> spectral    5.1167
print(f"nuclear     {torch.linalg.matrix_norm(A, 'nuc'):.4f}")
#> nuclear     7.0711
print(f"induced 1   {torch.linalg.matrix_norm(A, 1):.4f}")  # max column sum
#> induced 1   6.0000
print(f"induced inf {torch.linalg.matrix_norm(A, math.inf):.4f}")  # max row sum
#> induced inf 7.0000
print(f"entrywise 1 {torch.linalg.vector_norm(A, 1):.4f}")  # a vector norm of all entries
#> entrywise 1 10.0000
# --8<-- [end:torch]

# --8<-- [start:normdocs]
import math

import normdocs as nd

A = [[1.0, -2.0], [3.0, 4.0]]
print(f"Frobenius   {nd.matrix_norm(A):.4f}")  # ord="fro" is the default
#> Frobenius   5.4772
print(f"spectral    {nd.matrix_norm(A, 2):.4f}")
#> spectral    5.1167
print(f"nuclear     {nd.matrix_norm(A, 'nuc'):.4f}")
#> nuclear     7.0711
print(f"induced 1   {nd.matrix_norm(A, 1):.4f}")  # max column sum
#> induced 1   6.0000
print(f"induced inf {nd.matrix_norm(A, math.inf):.4f}")  # max row sum
#> induced inf 7.0000
print(f"entrywise 1 {nd.l1_norm(A):.4f}")  # the vector L1 norm of all entries
#> entrywise 1 10.0000
# --8<-- [end:normdocs]

# --8<-- [start:by-hand]
import numpy as np

A = np.array([[1.0, -2.0], [3.0, 4.0]])
print("A^T A =", (A.T @ A).tolist())
#> A^T A = [[10.0, 10.0], [10.0, 20.0]]
print("sqrt(sum a_ij^2) =", np.sqrt(np.sum(A**2)), "= sqrt(30) =", np.sqrt(30))
#> sqrt(sum a_ij^2) = 5.477225575051661 = sqrt(30) = 5.477225575051661
eigenvalues = np.linalg.eigvalsh(A.T @ A)  # 15 -+ sqrt(125)
sigma = np.linalg.svd(A, compute_uv=False)
print("eigenvalues of A^T A:", np.round(eigenvalues, 4))
#> eigenvalues of A^T A: [ 3.8197 26.1803]
print(
    "singular values:",
    np.round(sigma, 4),
    "= their square roots:",
    np.round(np.sqrt(eigenvalues[::-1]), 4),
)
#> singular values: [5.1167 1.9544] = their square roots: [5.1167 1.9544]
print(f"sigma_1 * sigma_2 = {sigma.prod():.4f} = |det A| = {abs(np.linalg.det(A)):.4f}")
#> sigma_1 * sigma_2 = 10.0000 = |det A| = 10.0000
print(f"nuclear: sigma_1 + sigma_2 = {sigma.sum():.4f} = sqrt(50) = {np.sqrt(50):.4f}")
#> nuclear: sigma_1 + sigma_2 = 7.0711 = sqrt(50) = 7.0711
print(f"Frobenius: sqrt(sigma_1^2 + sigma_2^2) = {np.sqrt(np.sum(sigma**2)):.4f}")
#> Frobenius: sqrt(sigma_1^2 + sigma_2^2) = 5.4772
col_sums, row_sums = np.abs(A).sum(axis=0), np.abs(A).sum(axis=1)
print("column sums", col_sums, "-> induced 1 =", col_sums.max())
#> column sums [4. 6.] -> induced 1 = 6.0
print("row sums   ", row_sums, "-> induced inf =", row_sums.max())
#> row sums    [3. 7.] -> induced inf = 7.0
# --8<-- [end:by-hand]

# --8<-- [start:pitfall]
import numpy as np
import torch

A = np.array([[1.0, -2.0], [3.0, 4.0]])
At = torch.tensor(A)
print("np.linalg.norm(A, 1)        ", np.linalg.norm(A, 1))  # matrix: max column sum
#> np.linalg.norm(A, 1)         6.0
print("np.linalg.norm(A.ravel(), 1)", np.linalg.norm(A.ravel(), 1))  # vector: all entries
#> np.linalg.norm(A.ravel(), 1) 10.0
print("torch.linalg.norm(At, 1)    ", torch.linalg.norm(At, 1).item())  # matrix, like NumPy
#> torch.linalg.norm(At, 1)     6.0
print("torch.norm(At, p=1)         ", torch.norm(At, p=1).item())  # deprecated: flattens!
#> torch.norm(At, p=1)          10.0
print("np.linalg.norm(A, 2)        ", round(np.linalg.norm(A, 2), 4))  # spectral
#> np.linalg.norm(A, 2)         5.1167
print("torch.norm(At, p=2)         ", round(torch.norm(At, p=2).item(), 4))  # Frobenius!
#> torch.norm(At, p=2)          5.4772
# --8<-- [end:pitfall]

# --8<-- [start:induced]
import math

import numpy as np

import normdocs as nd

A = np.array([[1.0, -2.0], [3.0, 4.0]])
rng = np.random.default_rng(0)
X = rng.normal(size=(2, 100_000))  # 100000 random directions, one per column
_, _, Vt = np.linalg.svd(A)
best = {1: np.array([0.0, 1.0]), 2: Vt[0], math.inf: np.array([1.0, 1.0])}
for p in [1, 2, math.inf]:
    ratios = nd.vector_norm(A @ X, p, axis=0) / nd.vector_norm(X, p, axis=0)
    x = best[p]  # e_2 (the largest column), the top right singular vector, sign of row 2
    attained = nd.vector_norm(A @ x, p) / nd.vector_norm(x, p)
    print(
        f"p = {p:<3}  largest random ratio {ratios.max():.4f}  "
        f"attained {attained:.4f}  ||A||_p = {nd.matrix_norm(A, p):.4f}"
    )
    #> p = 1    largest random ratio 5.9998  attained 6.0000  ||A||_p = 6.0000
    #> p = 2    largest random ratio 5.1167  attained 5.1167  ||A||_p = 5.1167
    #> p = inf  largest random ratio 6.9999  attained 7.0000  ||A||_p = 7.0000
# --8<-- [end:induced]

# --8<-- [start:power-iteration]
import numpy as np

import normdocs as nd

A = np.array([[1.0, -2.0], [3.0, 4.0]])
_, s, Vt = np.linalg.svd(A)  # the reference: sigma_1, sigma_2 and v_1
v = np.array([1.0, 0.0])  # any start not orthogonal to the top right singular vector
errors, angles = [], []
for k in range(1, 7):
    v = A.T @ (A @ v)  # one step on A^T A, whose top eigenvalue is sigma_1^2
    v /= np.linalg.norm(v)
    print(f"step {k}: ||A v||_2 = {np.linalg.norm(A @ v):.8f}")
    #> step 1: ||A v||_2 = 5.00000000
    #> step 2: ||A v||_2 = 5.11408312
    #> step 3: ||A v||_2 = 5.11661756
    #> step 4: ||A v||_2 = 5.11667156
    #> step 5: ||A v||_2 = 5.11667271
    #> step 6: ||A v||_2 = 5.11667274
    errors.append(s[0] - np.linalg.norm(A @ v))  # error of the estimate of sigma_1
    angles.append(np.arccos(min(1.0, abs(v @ Vt[0]))))  # error of the direction
print(f"matrix_norm(A, 2) = {nd.matrix_norm(A, 2):.8f}")
#> matrix_norm(A, 2) = 5.11667274

errors, angles = np.array(errors), np.array(angles)
print(f"(s2/s1)^2 = {(s[1] / s[0]) ** 2:.4f}, (s2/s1)^4 = {(s[1] / s[0]) ** 4:.4f}")
#> (s2/s1)^2 = 0.1459, (s2/s1)^4 = 0.0213
print("estimate:  error ratio per step", np.round(errors[1:] / errors[:-1], 4))
#> estimate:  error ratio per step [0.0222 0.0213 0.0213 0.0213 0.0213]
print("direction: angle ratio per step", np.round(angles[1:] / angles[:-1], 4))
#> direction: angle ratio per step [0.1485 0.146  0.1459 0.1459 0.1459]
# --8<-- [end:power-iteration]

# --8<-- [start:inequalities]
import math

import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
A = rng.normal(size=(10_000, 5, 3))  # a batch of 10000 random 5x3 matrices (rank 3)
r = 3
fro, spec, nuc = nd.matrix_norm(A), nd.matrix_norm(A, 2), nd.matrix_norm(A, "nuc")
one, inf = nd.matrix_norm(A, 1), nd.matrix_norm(A, math.inf)
tol = 1 + 1e-12  # allow rounding where equality is possible
print(
    "||A||_2 <= ||A||_F <= sqrt(r) ||A||_2:",
    np.all((spec <= fro) & (fro <= math.sqrt(r) * spec * tol)),
)
#> ||A||_2 <= ||A||_F <= sqrt(r) ||A||_2: True
print(
    "||A||_F <= ||A||_* <= sqrt(r) ||A||_F:",
    np.all((fro <= nuc) & (nuc <= math.sqrt(r) * fro * tol)),
)
#> ||A||_F <= ||A||_* <= sqrt(r) ||A||_F: True
print("||A||_2 <= sqrt(||A||_1 ||A||_inf):   ", np.all(spec <= np.sqrt(one * inf) * tol))
#> ||A||_2 <= sqrt(||A||_1 ||A||_inf):    True
# --8<-- [end:inequalities]

# --8<-- [start:submultiplicative]
import math

import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
A, B = rng.normal(size=(2, 10_000, 4, 4))  # 10000 random pairs of 4x4 matrices
for ord in ["fro", "nuc", 1, 2, math.inf]:
    ok = np.all(nd.matrix_norm(A @ B, ord) <= nd.matrix_norm(A, ord) * nd.matrix_norm(B, ord))
    print(f"||AB|| <= ||A|| ||B|| for ord={ord!r}: {ok}")
    #> ||AB|| <= ||A|| ||B|| for ord='fro': True
    #> ||AB|| <= ||A|| ||B|| for ord='nuc': True
    #> ||AB|| <= ||A|| ||B|| for ord=1: True
    #> ||AB|| <= ||A|| ||B|| for ord=2: True
    #> ||AB|| <= ||A|| ||B|| for ord=inf: True

J = np.ones((2, 2))  # the largest |entry| is not submultiplicative
print(nd.linf_norm(J @ J), ">", nd.linf_norm(J) * nd.linf_norm(J))
#> 2.0 > 1.0
# --8<-- [end:submultiplicative]

# --8<-- [start:lipschitz]
import torch

import normdocs as nd

torch.manual_seed(0)
net = torch.nn.Sequential(torch.nn.Linear(10, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1)).double()
W1, W2 = net[0].weight.detach(), net[2].weight.detach()
bound = nd.matrix_norm(W1, 2) * nd.matrix_norm(W2, 2)  # ReLU is 1-Lipschitz

x, y = torch.randn(2, 10_000, 10, dtype=torch.float64)
with torch.no_grad():
    ratios = nd.l2_norm(net(x) - net(y), axis=1) / nd.l2_norm(x - y, axis=1)
print(f"largest |f(x) - f(y)| / ||x - y||_2 seen: {ratios.max():.4f}")
#> largest |f(x) - f(y)| / ||x - y||_2 seen: 0.1727
print(f"||W2||_2 * ||W1||_2 = {bound:.4f}")
#> ||W2||_2 * ||W1||_2 = 0.9692
# --8<-- [end:lipschitz]

# --8<-- [start:spectral-normalization]
import torch

import normdocs as nd

torch.manual_seed(0)
layer = torch.nn.Linear(32, 16)
with torch.no_grad():
    layer.weight.mul_(10)
print(f"before: ||W||_2 = {nd.matrix_norm(layer.weight.detach(), 2):.4f}")
#> before: ||W||_2 = 9.4340
layer = torch.nn.utils.parametrizations.spectral_norm(layer)  # W / sigma_max, by power iteration
print(f"after:  ||W||_2 = {nd.matrix_norm(layer.weight.detach(), 2):.4f}")
#> after:  ||W||_2 = 1.0000
# --8<-- [end:spectral-normalization]

# --8<-- [start:spectral-normalization-lag]
import torch

import normdocs as nd

torch.manual_seed(0)
layer = torch.nn.utils.parametrizations.spectral_norm(torch.nn.Linear(32, 16))
with torch.no_grad():  # a large change of the weight, as a big optimizer step would make
    layer.parametrizations.weight.original.add_(torch.randn(16, 32))
for call in range(1, 5):  # in training mode each access runs ONE power-iteration step
    print(f"call {call}: ||W||_2 = {nd.matrix_norm(layer.weight.detach(), 2):.4f}")
#> call 1: ||W||_2 = 1.3522
#> call 2: ||W||_2 = 1.1414
#> call 3: ||W||_2 = 1.0466
#> call 4: ||W||_2 = 1.0157
# --8<-- [end:spectral-normalization-lag]

# --8<-- [start:spectral-normalization-conv]
import torch

import normdocs as nd

torch.manual_seed(0)
conv = torch.nn.Conv2d(2, 4, kernel_size=3, padding=1, bias=False)
conv = torch.nn.utils.parametrizations.spectral_norm(conv)
K = conv.weight.detach()  # 4 x 2 x 3 x 3
print(f"reshaped 4 x 18 kernel: ||K||_2 = {nd.matrix_norm(K.reshape(4, -1), 2):.4f}")
#> reshaped 4 x 18 kernel: ||K||_2 = 1.0000

# the convolution on 2 x 8 x 8 inputs as a matrix: its columns are the images of a basis
n = 8
basis = torch.eye(2 * n * n).reshape(-1, 2, n, n)
M = torch.nn.functional.conv2d(basis, K, padding=1).reshape(2 * n * n, -1).T
print(f"the convolution, 256 x 128: ||M||_2 = {nd.matrix_norm(M, 2):.4f}")
#> the convolution, 256 x 128: ||M||_2 = 1.6859
# --8<-- [end:spectral-normalization-conv]

# --8<-- [start:batched]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
W = rng.normal(size=(3, 4, 5))  # e.g. three 4x5 weight matrices, stacked
print(nd.matrix_norm(W, 2).round(4))  # one spectral norm per matrix
#> [2.8119 2.0673 4.1106]
print(nd.matrix_norm(W, 2, keepdims=True).shape)  # (3, 1, 1): broadcasts back against W
#> (3, 1, 1)
print(np.allclose(nd.matrix_norm(W, 2), np.linalg.norm(W, 2, axis=(1, 2))))
#> True
# --8<-- [end:batched]
