"""Examples of the page docs/regularization/group-lasso.md."""

# --8<-- [start:l21-numpy]
import numpy as np

W = np.array([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
row_norms = np.linalg.norm(W, axis=1)  # one group per row
print(np.round(row_norms, 4))
#> [5.     0.5    0.9487 2.0616 1.5    1.2042]
print(f"||W||_2,1 = {row_norms.sum():.4f}")
#> ||W||_2,1 = 11.2144
# --8<-- [end:l21-numpy]

# --8<-- [start:l21-torch]
import torch

W = torch.tensor([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
row_norms = torch.linalg.vector_norm(W, dim=1)  # one group per row
print(torch.round(row_norms, decimals=4))
#> tensor([5.0000, 0.5000, 0.9487, 2.0616, 1.5000, 1.2042])
print(f"||W||_2,1 = {row_norms.sum():.4f}")
#> ||W||_2,1 = 11.2144
# --8<-- [end:l21-torch]

# --8<-- [start:l21-normdocs]
import numpy as np

import normdocs as nd

W = np.array([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
print(f"||W||_2,1 = {nd.l21_norm(W, axis=1):.4f}")  # one group per row: the vectors along axis 1
#> ||W||_2,1 = 11.2144
print(f"= the L1 norm of the row norms {nd.l1_norm(nd.l2_norm(W, axis=1)):.4f}")
#> = the L1 norm of the row norms 11.2144
# the two extremes: groups of one entry give the L1 norm, one group the Frobenius norm
print(f"{nd.l21_norm(W[:, :, None], axis=2):.4f} = {nd.l1_norm(W):.4f}")
#> 15.2000 = 15.2000
print(f"{nd.l21_norm(W, axis=None):.4f} = {nd.matrix_norm(W, 'fro'):.4f}")
#> 5.8395 = 5.8395
# --8<-- [end:l21-normdocs]

# --8<-- [start:prox-numpy]
import numpy as np


def group_soft_threshold(W, t):  # prox of t * sum_i ||W[i]||_2, for t > 0
    norms = np.linalg.norm(W, axis=1, keepdims=True)
    return W * np.maximum(0.0, 1.0 - t / np.maximum(norms, t))  # max(): no 0 / 0


W = np.array([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
print(np.round(group_soft_threshold(W, 1.0), 4) + 0.0)  # + 0.0 prints -0.0 as 0.0
#> [[2.4    3.2   ]
#>  [0.     0.    ]
#>  [0.     0.    ]
#>  [0.2575 1.0299]
#>  [0.4    0.3   ]
#>  [0.1356 0.1526]]
# --8<-- [end:prox-numpy]

# --8<-- [start:prox-torch]
import torch


def group_soft_threshold(W, t):  # prox of t * sum_i ||W[i]||_2, for t > 0
    norms = torch.linalg.vector_norm(W, dim=1, keepdim=True)
    return W * torch.clamp(1.0 - t / torch.clamp(norms, min=t), min=0.0)


W = torch.tensor([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
print(torch.round(group_soft_threshold(W, 1.0), decimals=4) + 0.0)
#> tensor([[2.4000, 3.2000],
#>         [0.0000, 0.0000],
#>         [0.0000, 0.0000],
#>         [0.2575, 1.0299],
#>         [0.4000, 0.3000],
#>         [0.1356, 0.1526]])
# --8<-- [end:prox-torch]

# --8<-- [start:prox-normdocs]
import numpy as np

import normdocs as nd

W = np.array([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
Z = nd.group_soft_threshold(W, 1.0, axis=1)  # prox of t * sum_i ||W[i]||_2, t = 1
print(np.round(Z, 4) + 0.0)
#> [[2.4    3.2   ]
#>  [0.     0.    ]
#>  [0.     0.    ]
#>  [0.2575 1.0299]
#>  [0.4    0.3   ]
#>  [0.1356 0.1526]]
# --8<-- [end:prox-normdocs]

# --8<-- [start:group-vs-elementwise]
import numpy as np

import normdocs as nd

W = np.array([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
Z_group, Z_l1 = nd.group_soft_threshold(W, 1.0, axis=1), nd.soft_threshold(W, 1.0)
for name, Z in (("group", Z_group), ("L1   ", Z_l1)):
    zero_rows = np.flatnonzero((Z == 0).all(axis=1)).tolist()
    partly = np.flatnonzero((Z == 0).any(axis=1) & (Z != 0).any(axis=1)).tolist()
    print(f"{name}: zero rows {zero_rows}, rows with some but not all zeros {partly}")
    #> group: zero rows [1, 2], rows with some but not all zeros []
    #> L1   : zero rows [1, 2, 5], rows with some but not all zeros [3, 4]
# the group prox keeps each row's direction; it only shortens the row by t
kept = (Z_group != 0).any(axis=1)
cos = (W * Z_group).sum(1)[kept] / (nd.l2_norm(W, axis=1) * nd.l2_norm(Z_group, axis=1))[kept]
shortened = (nd.l2_norm(W, axis=1) - nd.l2_norm(Z_group, axis=1))[kept]
print("cosines", np.round(cos, 12), " ||w|| - ||z||:", np.round(shortened, 12))
#> cosines [1. 1. 1. 1.]  ||w|| - ||z||: [1. 1. 1. 1.]
# --8<-- [end:group-vs-elementwise]

# --8<-- [start:prox-check]
import numpy as np

import normdocs as nd

W = np.array([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
t = 1.0
Z = nd.group_soft_threshold(W, t, axis=1)
# optimality: (w - z) / t must lie in the subdifferential of ||.||_2 at z, row by row
G = (W - Z) / t
for g, z in zip(G, Z, strict=True):
    if np.any(z != 0):
        check = f"z != 0, g = z / ||z||: {np.allclose(g, z / nd.l2_norm(z))}"
    else:
        check = f"z  = 0, ||g|| = {nd.l2_norm(g):.4f} <= 1: {nd.l2_norm(g) <= 1}"
    print(check)
    #> z != 0, g = z / ||z||: True
    #> z  = 0, ||g|| = 0.5000 <= 1: True
    #> z  = 0, ||g|| = 0.9487 <= 1: True
    #> z != 0, g = z / ||z||: True
    #> z != 0, g = z / ||z||: True
    #> z != 0, g = z / ||z||: True


def objective(Z):  # 1/2 ||Z - W||_F^2 + t ||Z||_2,1, for a stack of candidate matrices Z
    return 0.5 * ((Z - W) ** 2).sum(axis=(-2, -1)) + t * nd.l2_norm(Z, axis=-1).sum(axis=-1)


rng = np.random.default_rng(0)
candidates = Z + 0.1 * rng.normal(size=(100_000, *W.shape))
print(f"prox: {objective(Z):.6f}, best of 100,000 nearby points: {objective(candidates).min():.6f}")
#> prox: 8.340712, best of 100,000 nearby points: 8.373526
# --8<-- [end:prox-check]

# --8<-- [start:multitask-lasso]
import numpy as np
from sklearn.linear_model import Lasso, MultiTaskLasso

rng = np.random.default_rng(0)
n, d, T = 50, 20, 4  # 50 samples, 20 features, 4 tasks
B = np.zeros((d, T))
B[:5] = rng.normal(size=(5, T))  # features 0-4 matter, in every task
X = rng.normal(size=(n, d))
Y = X @ B + 0.5 * rng.normal(size=(n, T))
alpha = 0.2

mtl = MultiTaskLasso(alpha=alpha, fit_intercept=False, tol=1e-12).fit(X, Y)
lasso = [Lasso(alpha=alpha, fit_intercept=False, tol=1e-12).fit(X, Y[:, k]) for k in range(T)]
print("coef_ shape:", mtl.coef_.shape, "(tasks, features)")
#> coef_ shape: (4, 20) (tasks, features)
for name, coef in (("MultiTaskLasso", mtl.coef_), ("Lasso per task", [m.coef_ for m in lasso])):
    rows = ["".join("x" if c_j != 0 else "." for c_j in c) for c in coef]  # x: nonzero
    print(name + "".join(f"\n  task {k}: {row}" for k, row in enumerate(rows)))
    #> MultiTaskLasso
    #>   task 0: xxxxx...............
    #>   task 1: xxxxx...............
    #>   task 2: xxxxx...............
    #>   task 3: xxxxx...............
    #> Lasso per task
    #>   task 0: .xxxx...............
    #>   task 1: .xx.x...............
    #>   task 2: xxxxx...............
    #>   task 3: .x.xx...............
print("true coefficients of features 0 and 3 in task 1:", np.round(B[[0, 3], 1], 2))
#> true coefficients of features 0 and 3 in task 1: [-0.13 -0.22]

# with one task, ||W||_2,1 is ||w||_1 and MultiTaskLasso is Lasso with the same alpha
one = MultiTaskLasso(alpha=alpha, fit_intercept=False, tol=1e-12).fit(X, Y[:, :1])
print("one task: same as Lasso?", np.allclose(one.coef_[0], lasso[0].coef_, atol=1e-10))
#> one task: same as Lasso? True
# --8<-- [end:multitask-lasso]

# --8<-- [start:proximal-gradient]
import numpy as np
from sklearn.linear_model import MultiTaskLasso

import normdocs as nd

rng = np.random.default_rng(0)
n, d, T = 50, 20, 4
B = np.zeros((d, T))
B[:5] = rng.normal(size=(5, T))
X = rng.normal(size=(n, d))
Y = X @ B + 0.5 * rng.normal(size=(n, T))
alpha = 0.2

# minimize 1/(2n) ||Y - X W||_F^2 + alpha * sum_j ||W[j]||_2, W of shape (features, tasks)
G, C = X.T @ X / n, X.T @ Y / n  # the gradient of the data term is G W - C
step = 1.0 / np.linalg.eigvalsh(G).max()  # 1 / Lipschitz constant of the gradient
W = np.zeros((d, T))
for _ in range(500):
    V = W - step * (G @ W - C)  # gradient step
    W = nd.group_soft_threshold(V, step * alpha, axis=1)  # prox: one group per feature

mtl = MultiTaskLasso(alpha=alpha, fit_intercept=False, tol=1e-12).fit(X, Y)
print(f"max |W - coef_.T| = {np.abs(W - mtl.coef_.T).max():.1e}")
#> max |W - coef_.T| = 4.0e-14
print("same zero features:", np.array_equal((W == 0).all(1), (mtl.coef_ == 0).all(0)))
#> same zero features: True
# --8<-- [end:proximal-gradient]

# --8<-- [start:kkt]
import numpy as np
from sklearn.linear_model import MultiTaskLasso

import normdocs as nd

rng = np.random.default_rng(0)
n, d, T = 50, 20, 4
B = np.zeros((d, T))
B[:5] = rng.normal(size=(5, T))
X = rng.normal(size=(n, d))
Y = X @ B + 0.5 * rng.normal(size=(n, T))
alpha = 0.2

W = MultiTaskLasso(alpha=alpha, fit_intercept=False, tol=1e-12).fit(X, Y).coef_.T
C = X.T @ (Y - X @ W) / n  # minus the gradient of the data term; row j for feature j
norms = nd.l2_norm(W, axis=1, keepdims=True)
active = norms[:, 0] > 0
gap = np.abs(C[active] - alpha * W[active] / norms[active]).max()
print(f"used features:   max |c_j - alpha w_j / ||w_j|||| = {gap:.1e}")
#> used features:   max |c_j - alpha w_j / ||w_j|||| = 3.5e-14
print(f"unused features: max ||c_j|| = {nd.l2_norm(C[~active], axis=1).max():.4f} <= {alpha}")
#> unused features: max ||c_j|| = 0.1840 <= 0.2

alpha_max = nd.l2_norm(X.T @ Y, axis=1).max() / n  # W = 0 is optimal from here on
for a in (1.001 * alpha_max, 0.95 * alpha_max):
    coef = MultiTaskLasso(alpha=a, fit_intercept=False, tol=1e-12).fit(X, Y).coef_
    print(f"alpha = {a:.4f}: {int((coef != 0).any(0).sum())} features used")
    #> alpha = 3.1624: 0 features used
    #> alpha = 3.0013: 1 features used
# --8<-- [end:kkt]

# --8<-- [start:pruning]
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import normdocs as nd

torch.set_num_threads(1)  # tiny matrices: one thread is faster
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.3, random_state=0)
X_train, X_test = torch.tensor(X_train), torch.tensor(X_test)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)
lr, steps = 0.3, 1000


def neurons(layer):  # one group per hidden neuron, a row: its weights and its bias
    return torch.cat([layer.weight, layer.bias[:, None]], dim=1)


def group_prox(layer, t):
    Z = nd.group_soft_threshold(neurons(layer), t, axis=1)
    layer.weight.copy_(Z[:, :-1])
    layer.bias.copy_(Z[:, -1])


def l1_prox(layer, t):  # every weight and bias on its own
    layer.weight.copy_(nd.soft_threshold(layer.weight, t))
    layer.bias.copy_(nd.soft_threshold(layer.bias, t))


def train(lam, prox=None):  # proximal SGD; without a prox, the group penalty in the loss
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)
    ).double()
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    batches = torch.Generator().manual_seed(0)
    for _ in range(steps):
        i = torch.randint(0, len(y_train), (64,), generator=batches)
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(X_train[i]), y_train[i])
        if prox is None:
            loss = loss + lam * nd.l21_norm(neurons(net[0]), axis=1)
        loss.backward()
        opt.step()
        if prox is not None:
            with torch.no_grad():
                prox(net[0], lr * lam)  # the threshold is the step size times lambda
    return net


def accuracy(net):
    with torch.no_grad():
        return (net(X_test).argmax(1) == y_test).double().mean().item()


print(f"no penalty: test accuracy {accuracy(train(0.0, l1_prox)):.3f}")
#> no penalty: test accuracy 0.963
for name, lam, prox in [
    ("group prox", 0.01, group_prox),
    ("L1 prox", 0.002, l1_prox),
    ("group in loss", 0.01, None),  # autograd and plain SGD on loss + lam * sum of norms
]:
    net = train(lam, prox)
    W1, b1, W2, b2 = (p.detach() for p in (net[0].weight, net[0].bias, net[2].weight, net[2].bias))
    keep = (W1 != 0).any(dim=1) | (b1 != 0)  # the neurons that are not exactly 0
    # remove the others: their rows of W1 and b1, their columns of W2
    small = torch.nn.Sequential(
        torch.nn.Linear(64, int(keep.sum())), torch.nn.ReLU(), torch.nn.Linear(int(keep.sum()), 10)
    ).double()
    with torch.no_grad():
        small[0].weight.copy_(W1[keep])
        small[0].bias.copy_(b1[keep])
        small[2].weight.copy_(W2[:, keep])
        small[2].bias.copy_(b2)
        gap = (small(X_test) - net(X_test)).abs().max().item()  # rounding only
    print(
        f"{name}: {int((W1 == 0).sum())} of 4096 weights 0, {int((~keep).sum())} whole neurons,"
        f" {int((W1[keep] == 0).sum())} zeros in the {int(keep.sum())} others\n"
        f"  test accuracy {accuracy(net):.3f}; smallest neuron norm"
        f" {nd.l2_norm(neurons(net[0]), axis=1).min().item():.1e};"
        f" pruned: same outputs {gap < 1e-12}"
    )
    #> group prox: 2496 of 4096 weights 0, 39 whole neurons, 0 zeros in the 25 others
    #>   test accuracy 0.961; smallest neuron norm 0.0e+00; pruned: same outputs True
    #> L1 prox: 2661 of 4096 weights 0, 24 whole neurons, 1125 zeros in the 40 others
    #>   test accuracy 0.954; smallest neuron norm 0.0e+00; pruned: same outputs True
    #> group in loss: 0 of 4096 weights 0, 0 whole neurons, 0 zeros in the 64 others
    #>   test accuracy 0.957; smallest neuron norm 3.6e-04; pruned: same outputs True
# --8<-- [end:pruning]

# --8<-- [start:pruning-inputs]
import torch
from sklearn.datasets import load_digits

import normdocs as nd

torch.set_num_threads(1)  # tiny matrices: one thread is faster
X, y = load_digits(return_X_y=True)
X, y = torch.tensor(X / 16.0), torch.tensor(y)
lr, lam = 0.3, 0.01

torch.manual_seed(0)
net = torch.nn.Sequential(
    torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)
).double()
opt = torch.optim.SGD(net.parameters(), lr=lr)
batches = torch.Generator().manual_seed(0)
W1 = net[0].weight  # shape (64 neurons, 64 pixels): column j holds the weights of pixel j
for _ in range(1000):
    i = torch.randint(0, len(y), (64,), generator=batches)
    opt.zero_grad()
    torch.nn.functional.cross_entropy(net(X[i]), y[i]).backward()
    opt.step()
    with torch.no_grad():  # the group prox on the columns: one group per input pixel
        W1.copy_(nd.group_soft_threshold(W1, lr * lam, axis=0))

used = (W1 != 0).any(dim=0).reshape(8, 8)  # the pixels the network still reads
print(f"{int(used.sum())} of 64 pixels used:")
#> 49 of 64 pixels used:
for row in used:
    print("  " + "".join("x" if u else "." for u in row))
    #>   ..xxxxx.
    #>   .xxxxxx.
    #>   .xxxxxx.
    #>   .xxxxxx.
    #>   .xxxxxx.
    #>   .xxxxxxx
    #>   .xxxxxxx
    #>   ..xxxxxx
with torch.no_grad():
    accuracy = (net(X).argmax(1) == y).double().mean().item()
print(f"training accuracy {accuracy:.3f}")
#> training accuracy 0.936
# --8<-- [end:pruning-inputs]
