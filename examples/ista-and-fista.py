"""Examples of the page docs/regularization/ista-and-fista.md."""

# --8<-- [start:ista-numpy]
import numpy as np

rng = np.random.default_rng(0)
n, d = 200, 100
C = 0.99 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))  # corr(x_i, x_j) = 0.99^|i-j|
X = rng.normal(size=(n, d)) @ np.linalg.cholesky(C).T
w_true = np.zeros(d)
w_true[::10] = 3.0 * rng.normal(size=10)  # 10 of the 100 features matter
y = X @ w_true + rng.normal(size=n)
alpha = 0.1

L = np.linalg.norm(X, 2) ** 2 / n  # sigma_max(X)^2 / n
w = np.zeros(d)
for k in range(1, 1001):
    v = w - X.T @ (X @ w - y) / n / L  # a gradient step on the smooth part
    w = np.sign(v) * np.maximum(np.abs(v) - alpha / L, 0.0)  # the prox of (alpha / L) ||.||_1
    if k in (10, 100, 1000):
        F = 0.5 * np.mean((y - X @ w) ** 2) + alpha * np.abs(w).sum()
        print(f"k = {k:4d}: F(w_k) = {F:.6f}, {np.count_nonzero(w)} nonzero")
        #> k =   10: F(w_k) = 4.898556, 100 nonzero
        #> k =  100: F(w_k) = 3.119537, 87 nonzero
        #> k = 1000: F(w_k) = 2.711753, 55 nonzero
# --8<-- [end:ista-numpy]

# --8<-- [start:ista-torch]
import numpy as np
import torch

torch.set_num_threads(1)  # tiny matrices: one thread is faster
rng = np.random.default_rng(0)
n, d = 200, 100
C = 0.99 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
X = rng.normal(size=(n, d)) @ np.linalg.cholesky(C).T
w_true = np.zeros(d)
w_true[::10] = 3.0 * rng.normal(size=10)
y = X @ w_true + rng.normal(size=n)
X, y, alpha = torch.from_numpy(X), torch.from_numpy(y), 0.1

L = torch.linalg.matrix_norm(X, ord=2).item() ** 2 / n
w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
for k in range(1, 1001):
    loss = 0.5 * torch.nn.functional.mse_loss(X @ w, y)  # (1/2n) ||y - X w||^2
    (grad,) = torch.autograd.grad(loss, w)  # autograd: only the gradient is needed
    with torch.no_grad():
        w.copy_(torch.nn.functional.softshrink(w - grad / L, lambd=alpha / L))
    if k in (10, 100, 1000):
        with torch.no_grad():
            F = (0.5 * torch.nn.functional.mse_loss(X @ w, y) + alpha * w.abs().sum()).item()
        print(f"k = {k:4d}: F(w_k) = {F:.6f}, {torch.count_nonzero(w).item()} nonzero")
        #> k =   10: F(w_k) = 4.898556, 100 nonzero
        #> k =  100: F(w_k) = 3.119537, 87 nonzero
        #> k = 1000: F(w_k) = 2.711753, 55 nonzero
# --8<-- [end:ista-torch]

# --8<-- [start:ista-normdocs]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 200, 100
C = 0.99 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
X = rng.normal(size=(n, d)) @ np.linalg.cholesky(C).T
w_true = np.zeros(d)
w_true[::10] = 3.0 * rng.normal(size=10)
y = X @ w_true + rng.normal(size=n)
alpha = 0.1


def F(w):  # scikit-learn's Lasso objective
    return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)


L = nd.matrix_norm(X, 2) ** 2 / n
w = np.zeros(d)
for k in range(1, 1001):
    w = nd.soft_threshold(w - X.T @ (X @ w - y) / n / L, alpha / L)
    if k in (10, 100, 1000):
        print(f"k = {k:4d}: F(w_k) = {F(w):.6f}, {int(nd.l0_norm(w))} nonzero")
        #> k =   10: F(w_k) = 4.898556, 100 nonzero
        #> k =  100: F(w_k) = 3.119537, 87 nonzero
        #> k = 1000: F(w_k) = 2.711753, 55 nonzero
# --8<-- [end:ista-normdocs]

# --8<-- [start:rates]
import numpy as np
from sklearn.linear_model import Lasso

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 200, 100
C = 0.99 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
X = rng.normal(size=(n, d)) @ np.linalg.cholesky(C).T
w_true = np.zeros(d)
w_true[::10] = 3.0 * rng.normal(size=10)
y = X @ w_true + rng.normal(size=n)
alpha = 0.1


def F(w):
    return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)


def grad(w):  # the gradient of the smooth part (1/2n) ||y - X w||^2
    return X.T @ (X @ w - y) / n


L = nd.matrix_norm(X, 2) ** 2 / n
reference = Lasso(alpha=alpha, fit_intercept=False, tol=1e-15, max_iter=100_000).fit(X, y)
w_star, F_star = reference.coef_, F(reference.coef_)
eigenvalues = np.linalg.eigvalsh(X.T @ X / n)
print(f"L = {L:.2f} = largest eigenvalue of X^T X / n: {np.isclose(L, eigenvalues[-1])}")
#> L = 76.61 = largest eigenvalue of X^T X / n: True
print(f"condition number of X^T X / n: {eigenvalues[-1] / eigenvalues[0]:.1e}")
#> condition number of X^T X / n: 1.0e+05
print(f"F* = {F_star:.10f} (duality gap {reference.dual_gap_:.0e})")
#> F* = 2.5145381040 (duality gap 2e-14)

ista, fista = [], []
w = np.zeros(d)
for _ in range(1000):  # ISTA
    w = nd.soft_threshold(w - grad(w) / L, alpha / L)
    ista.append(F(w) - F_star)
w = z = np.zeros(d)
t = 1.0
for _ in range(1000):  # FISTA
    w_next = nd.soft_threshold(z - grad(z) / L, alpha / L)  # the prox step, taken at z
    t_next = (1 + np.sqrt(1 + 4 * t**2)) / 2
    z = w_next + (t - 1) / t_next * (w_next - w)  # momentum: extrapolate past w_next
    w, t = w_next, t_next
    fista.append(F(w) - F_star)

R2 = nd.l2_norm(w_star) ** 2  # ||w_0 - w*||^2 with w_0 = 0
print("   k   ISTA gap   its bound   FISTA gap   its bound   ISTA / FISTA")
#>    k   ISTA gap   its bound   FISTA gap   its bound   ISTA / FISTA
for k in (10, 100, 1000):
    bound_ista, bound_fista = L * R2 / (2 * k), 2 * L * R2 / (k + 1) ** 2
    gi, gf = ista[k - 1], fista[k - 1]
    print(f"{k:4d}  {gi:9.3e}  {bound_ista:9.3e}  {gf:10.3e}  {bound_fista:9.3e}  {gi / gf:12.1f}")
    #>   10  2.384e+00  1.631e+02   1.647e+00  5.393e+01           1.4
    #>  100  6.050e-01  1.631e+01   1.495e-01  6.396e-01           4.0
    #> 1000  1.972e-01  1.631e+00   2.460e-05  6.512e-03        8017.2
# --8<-- [end:rates]

# --8<-- [start:strongly-convex]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

import normdocs as nd

X, y = load_diabetes(return_X_y=True)  # 442 x 10, centred columns of unit L2 norm
y = y - y.mean()
n, alpha = len(y), 0.1


def F(w):
    return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)


L = nd.matrix_norm(X, 2) ** 2 / n
w_star = Lasso(alpha=alpha, fit_intercept=False, tol=1e-15, max_iter=100_000).fit(X, y).coef_
F_star, support = F(w_star), w_star != 0
mu = np.linalg.eigvalsh(X[:, support].T @ X[:, support] / n).min()  # curvature on the support
w, gaps, signs_right = np.zeros(10), [], []
for _ in range(400):  # ISTA
    w = nd.soft_threshold(w - X.T @ (X @ w - y) / n / L, alpha / L)
    gaps.append(F(w) - F_star)
    signs_right.append(np.array_equal(np.sign(w), np.sign(w_star)))
last_wrong = max(k for k, right in enumerate(signs_right, start=1) if not right)
print(f"w_k has the zeros and signs of w* from k = {last_wrong + 1} on")
#> w_k has the zeros and signs of w* from k = 121 on
print(f"mu / L on the support = {mu / L:.4f}, (1 - mu / L)^2 = {(1 - mu / L) ** 2:.4f}")
#> mu / L on the support = 0.0722, (1 - mu / L)^2 = 0.8607
for k in (100, 150, 200, 250):
    factor = (gaps[k - 1] / gaps[k - 51]) ** (1 / 50)  # mean factor per step over 50 steps
    print(f"k = {k}: F - F* = {gaps[k - 1]:.2e}, factor per step {factor:.4f}")
    #> k = 100: F - F* = 8.48e-02, factor per step 0.9754
    #> k = 150: F - F* = 1.21e-04, factor per step 0.8772
    #> k = 200: F - F* = 6.70e-08, factor per step 0.8607
    #> k = 250: F - F* = 3.73e-11, factor per step 0.8608
# --8<-- [end:strongly-convex]

# --8<-- [start:not-monotone]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 200, 100
C = 0.99 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
X = rng.normal(size=(n, d)) @ np.linalg.cholesky(C).T
w_true = np.zeros(d)
w_true[::10] = 3.0 * rng.normal(size=10)
y = X @ w_true + rng.normal(size=n)
alpha = 0.1
L = nd.matrix_norm(X, 2) ** 2 / n


def F(w):
    return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)


def prox_step(z):
    return nd.soft_threshold(z - X.T @ (X @ z - y) / n / L, alpha / L)


def fista(steps, restart=False):
    w = z = np.zeros(d)
    t, values = 1.0, [F(w)]
    for _ in range(steps):
        w_next = prox_step(z)
        if restart and F(w_next) > values[-1]:  # the step would increase F:
            t, w_next = 1.0, prox_step(w)  # drop it, restart the momentum at w
        t_next = (1 + np.sqrt(1 + 4 * t**2)) / 2
        z = w_next + (t - 1) / t_next * (w_next - w)
        w, t = w_next, t_next
        values.append(F(w))
    return np.array(values)


w, ista = np.zeros(d), [F(np.zeros(d))]
for _ in range(1000):
    w = prox_step(w)
    ista.append(F(w))
for name, values in [("ISTA", np.array(ista)), ("FISTA", fista(1000))]:
    rises = np.diff(values) > 0
    first = f"the first at k = {rises.argmax() + 1}" if rises.any() else "never"
    print(f"{name:5}: F rises at {rises.sum():3d} of 1000 steps, {first}")
    #> ISTA : F rises at   0 of 1000 steps, never
    #> FISTA: F rises at 245 of 1000 steps, the first at k = 241
values = fista(1000)
print(f"largest rise {np.diff(values).max():.1e}, F(w_1000) = {values[-1]:.8f}")
#> largest rise 6.6e-04, F(w_1000) = 2.51456270
restarted = fista(1000, restart=True)
rises = int((np.diff(restarted) > 0).sum())
print(f"restarted FISTA: F rises at {rises} steps, F(w_1000) = {restarted[-1]:.8f}")
#> restarted FISTA: F rises at 0 steps, F(w_1000) = 2.51453865
# --8<-- [end:not-monotone]

# --8<-- [start:autograd-fista]
import torch
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

import normdocs as nd

torch.set_num_threads(1)
X, y = load_breast_cancer(return_X_y=True)  # 569 tumours, 30 features, 2 classes
X = StandardScaler().fit_transform(X)
n, alpha = len(y), 0.01
Xt, yt = torch.from_numpy(X), torch.from_numpy(y).double()


def loss(w):  # any differentiable loss would do: a network's, here logistic regression's
    return torch.nn.functional.binary_cross_entropy_with_logits(Xt @ w, yt)


def F(w):
    return (loss(w) + alpha * nd.l1_norm(w)).item()


def prox_step(v):  # the gradient comes from autograd; nothing else about the loss is used
    v = v.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(loss(v), v)
    return nd.soft_threshold(v.detach() - g / L, alpha / L)


L = nd.matrix_norm(X, 2) ** 2 / (4 * n)  # the logistic loss has curvature at most 1/4
w = z = torch.zeros(X.shape[1], dtype=torch.float64)
t, F_w = 1.0, F(w)
for _ in range(2000):  # FISTA with restarts
    w_next = prox_step(z)
    if F(w_next) > F_w:
        t, w_next = 1.0, prox_step(w)
    t_next = (1 + (1 + 4 * t**2) ** 0.5) / 2
    z = w_next + (t - 1) / t_next * (w_next - w)
    w, t, F_w = w_next, t_next, F(w_next)

# scikit-learn minimizes C sum(log-loss) + ||w||_1: the same objective for C = 1 / (n alpha)
clf = LogisticRegression(l1_ratio=1.0, C=1 / (n * alpha), fit_intercept=False, solver="liblinear")
clf.set_params(tol=1e-10, random_state=0)  # liblinear visits the coordinates in random order
w_sk = torch.from_numpy(clf.fit(X, y).coef_.ravel())
print(f"F(FISTA) - F(liblinear) = {F(w) - F(w_sk):.1e}")
#> F(FISTA) - F(liblinear) = 6.7e-16
print(f"max |w_FISTA - w_liblinear| = {(w - w_sk).abs().max().item():.1e}")
#> max |w_FISTA - w_liblinear| = 1.6e-06
print("the same zeros:", torch.equal(w == 0, w_sk == 0), f"({int((w == 0).sum())} of 30)")
#> the same zeros: True (19 of 30)
# --8<-- [end:autograd-fista]

# --8<-- [start:momentum]
t = 1.0
for k in range(1, 1001):
    t_next = (1 + (1 + 4 * t**2) ** 0.5) / 2
    if k in (1, 2, 3, 10, 100, 1000):
        momentum = (t - 1) / t_next  # the factor of w_k - w_k-1 in z_k+1
        print(f"k = {k:4d}: t_k = {t:6.2f}, (k+1)/2 = {(k + 1) / 2:5.1f}, momentum {momentum:.4f}")
        #> k =    1: t_k =   1.00, (k+1)/2 =   1.0, momentum 0.0000
        #> k =    2: t_k =   1.62, (k+1)/2 =   1.5, momentum 0.2818
        #> k =    3: t_k =   2.19, (k+1)/2 =   2.0, momentum 0.4340
        #> k =   10: t_k =   5.94, (k+1)/2 =   5.5, momentum 0.7647
        #> k =  100: t_k =  51.48, (k+1)/2 =  50.5, momentum 0.9711
        #> k = 1000: t_k = 502.05, (k+1)/2 = 500.5, momentum 0.9970
    t = t_next
# --8<-- [end:momentum]
