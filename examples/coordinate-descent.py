"""Examples of the page docs/regularization/coordinate-descent.md."""

# --8<-- [start:one-coordinate]
import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.datasets import load_diabetes

import normdocs as nd

X, y = load_diabetes(return_X_y=True)
y = y - y.mean()
n, alpha = len(y), 0.5
rng = np.random.default_rng(0)
w = rng.normal(scale=10.0, size=10)  # any point


def F(w):
    return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)


exact, numeric = np.zeros(10), np.zeros(10)
for j in range(10):
    r_j = y - X @ w + X[:, j] * w[j]  # the partial residual: the fit without feature j
    exact[j] = nd.soft_threshold(X[:, j] @ r_j / n, alpha) / (X[:, j] @ X[:, j] / n)

    def F_j(v, j=j):  # F as a function of w_j alone, the others fixed
        u = w.copy()
        u[j] = v
        return F(u)

    numeric[j] = minimize_scalar(F_j, bounds=(-2e3, 2e3), options={"xatol": 1e-9}).x
print("closed form:", np.round(exact, 2) + 0.0)
#> closed form: [  87.25    0.    737.22  499.33  118.82   65.86 -414.3   492.92  698.56
#>   398.8 ]
print("numerical:  ", np.round(numeric, 2) + 0.0)
#> numerical:   [  87.25    0.    737.22  499.33  118.82   65.86 -414.3   492.92  698.56
#>   398.8 ]
print(f"largest difference: {np.abs(exact - numeric).max():.0e}")
#> largest difference: 2e-05
# --8<-- [end:one-coordinate]

# --8<-- [start:cd-numpy]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

import normdocs as nd


def duality_gap(X, y, w, alpha):  # P(w) - D(theta), theta the scaled residual
    n = len(y)
    r = y - X @ w
    theta = r / max(n * alpha, nd.linf_norm(X.T @ r))  # dual feasible: ||X^T theta||_inf <= 1
    primal = 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)
    dual = alpha * theta @ y - 0.5 * n * alpha**2 * theta @ theta
    return primal - dual


def coordinate_descent(X, y, alpha, tol=1e-4, max_sweeps=1000):
    """Cyclic coordinate descent for the lasso, with scikit-learn's stopping rule."""
    n, d = X.shape
    w, r = np.zeros(d), y.copy()  # r = y - X w, kept up to date
    col_sq = np.sum(X**2, axis=0) / n  # x_j^T x_j / n
    for sweep in range(1, max_sweeps + 1):
        largest_step = largest_w = 0.0
        for j in range(d):
            old = w[j]
            rho = X[:, j] @ r / n + col_sq[j] * old  # x_j^T r_j / n, r_j = r + x_j w_j
            w[j] = nd.soft_threshold(rho, alpha) / col_sq[j]
            if w[j] != old:
                r -= (w[j] - old) * X[:, j]
            largest_step = max(largest_step, abs(w[j] - old))
            largest_w = max(largest_w, abs(w[j]))
        small_steps = largest_w == 0 or largest_step <= tol * largest_w
        if small_steps and duality_gap(X, y, w, alpha) <= tol * (y @ y) / n:  # then the gap
            return w, sweep
    return w, max_sweeps


X, y = load_diabetes(return_X_y=True)
y = y - y.mean()
alpha = 0.1
print("    tol  sweeps  n_iter_  max |w - coef_|  our gap    dual_gap_")
#>     tol  sweeps  n_iter_  max |w - coef_|  our gap    dual_gap_
for tol in (1e-4, 1e-8, 1e-12):
    w, sweeps = coordinate_descent(X, y, alpha, tol)
    lasso = Lasso(alpha=alpha, fit_intercept=False, tol=tol).fit(X, y)
    gap = duality_gap(X, y, w, alpha)
    diff = np.abs(w - lasso.coef_).max()
    row = f"{tol:7.0e}  {sweeps:6d}  {lasso.n_iter_:7d}  {diff:15.1e}"
    print(f"{row}  {gap:.3e}  {lasso.dual_gap_:.3e}")
    #>   1e-04      21       21          2.3e-13  5.041e-02  5.041e-02
    #>   1e-08      33       33          1.1e-13  2.356e-06  2.356e-06
    #>   1e-12      44       44          1.1e-13  4.350e-10  4.341e-10
# --8<-- [end:cd-numpy]

# --8<-- [start:duality-gap]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

import normdocs as nd

X, y = load_diabetes(return_X_y=True)
y = y - y.mean()
n, d, alpha = *X.shape, 0.1


def primal(w):
    return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)


def dual(theta):
    return alpha * theta @ y - 0.5 * n * alpha**2 * theta @ theta


def dual_point(w):  # the residual, scaled into the dual feasible set
    r = y - X @ w
    return r / max(n * alpha, nd.linf_norm(X.T @ r))


w_star = Lasso(alpha=alpha, fit_intercept=False, tol=1e-15, max_iter=100_000).fit(X, y).coef_
print(f"at w*: P = {primal(w_star):.10f}, D = {dual(dual_point(w_star)):.10f}")
#> at w*: P = 1629.0545425789, D = 1629.0545425789

w, r = np.zeros(d), y.copy()
col_sq = np.sum(X**2, axis=0) / n
print("sweep   P(w) - P*   gap P(w) - D(theta)")
#> sweep   P(w) - P*   gap P(w) - D(theta)
for sweep in range(1, 31):
    for j in range(d):  # one sweep of cyclic coordinate descent
        old = w[j]
        w[j] = nd.soft_threshold(X[:, j] @ r / n + col_sq[j] * old, alpha) / col_sq[j]
        r -= (w[j] - old) * X[:, j]
    if sweep in (1, 5, 10, 20, 30):
        subopt, gap = primal(w) - primal(w_star), primal(w) - dual(dual_point(w))
        print(f"{sweep:5d}  {subopt:10.3e}  {gap:10.3e}")
        #>     1   2.503e+02   1.482e+03
        #>     5   5.256e-01   5.343e+01
        #>    10   1.626e-01   2.311e+01
        #>    20   9.004e-06   1.398e-01
        #>    30   9.095e-13   3.949e-05
# --8<-- [end:duality-gap]

# --8<-- [start:tol]
import warnings

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso

import normdocs as nd

X, y = load_diabetes(return_X_y=True)
y = y - y.mean()
n, alpha = len(y), 0.1


def F(w):
    return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)


w_star = Lasso(alpha=alpha, fit_intercept=False, tol=1e-15, max_iter=100_000).fit(X, y).coef_
print(f"largest |w*_j| = {np.abs(w_star).max():.2f}")
#> largest |w*_j| = 517.22
print("   tol  n_iter_  tol ||y||^2/n  dual_gap_  F - F*     max |w - w*|")
#>    tol  n_iter_  tol ||y||^2/n  dual_gap_  F - F*     max |w - w*|
for tol in (1e-4, 1e-6, 1e-8):
    lasso = Lasso(alpha=alpha, fit_intercept=False, tol=tol).fit(X, y)
    subopt, err = F(lasso.coef_) - F(w_star), np.abs(lasso.coef_ - w_star).max()
    print(
        f"{tol:6.0e}  {lasso.n_iter_:7d}  {tol * (y @ y) / n:13.3e}  {lasso.dual_gap_:9.3e}"
        f"  {subopt:9.3e}  {err:.1e}"
    )
    #>  1e-04       21      5.930e-01  5.041e-02  1.244e-06  2.9e-02
    #>  1e-06       25      5.930e-03  7.887e-04  2.769e-10  5.3e-04
    #>  1e-08       33      5.930e-05  2.356e-06  0.000e+00  1.4e-06

# on the correlated problem of the FISTA examples, the default max_iter=1000 is too few
rng = np.random.default_rng(0)
n, d = 200, 100
C = 0.99 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
X = rng.normal(size=(n, d)) @ np.linalg.cholesky(C).T
w_true = np.zeros(d)
w_true[::10] = 3.0 * rng.normal(size=10)
y = X @ w_true + rng.normal(size=n)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    lasso = Lasso(alpha=0.1, fit_intercept=False, tol=1e-8).fit(X, y)
warned = any(issubclass(c.category, ConvergenceWarning) for c in caught)
print(f"tol=1e-8: n_iter_ = {lasso.n_iter_}, ConvergenceWarning: {warned}")
#> tol=1e-8: n_iter_ = 1000, ConvergenceWarning: True
# --8<-- [end:tol]

# --8<-- [start:active-set]
import math

import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 100, 500  # more features than samples; 10 of them matter
X = np.asfortranarray(rng.normal(size=(n, d)))  # Fortran order: each column is contiguous
w_true = np.zeros(d)
w_true[:10] = rng.choice([-2.0, 2.0], size=10)
y = X @ w_true + 0.5 * rng.normal(size=n)
alpha = 0.2
col_sq = np.sum(X**2, axis=0) / n


def soft(z, t):  # nd.soft_threshold for one Python float, without its checks: fast in a loop
    return math.copysign(max(abs(z) - t, 0.0), z)


same = all(soft(z, 0.3) == nd.soft_threshold(z, 0.3) for z in (-2.0, -0.1, 0.0, 0.2, 1.5))
print("soft == nd.soft_threshold:", same)
#> soft == nd.soft_threshold: True


def duality_gap(X, w, r):  # of the lasso on the columns X (w: their coefficients)
    theta = r / max(n * alpha, nd.linf_norm(X.T @ r))
    primal = 0.5 * r @ r / n + alpha * nd.l1_norm(w)
    return primal - (alpha * theta @ y - 0.5 * n * alpha**2 * theta @ theta)


tol = 1e-8 * 0.5 * (y @ y) / n  # stop at a gap of 1e-8 F(0)
counts = {"updates": 0, "changes": 0}


def sweep(w, r, features):
    for j in features:
        old = w[j]
        w[j] = soft(X[:, j] @ r / n + col_sq[j] * old, alpha) / col_sq[j]  # one dot product
        counts["updates"] += 1
        if w[j] != old:  # only then is the residual updated: a second O(n) operation
            r -= (w[j] - old) * X[:, j]
            counts["changes"] += 1


w, r = np.zeros(d), y.copy()  # plain cyclic sweeps over all 500 features
sweeps = 0
while sweeps == 0 or duality_gap(X, w, r) > tol:
    sweep(w, r, range(d))
    sweeps += 1
updates, changes = counts["updates"], counts["changes"]
print(f"all features: {sweeps} sweeps, {updates} updates, {changes} of them changed w_j")
#> all features: 30 sweeps, 15000 updates, 839 of them changed w_j
print(f"{np.count_nonzero(w)} nonzero coefficients at the end")
#> 18 nonzero coefficients at the end
w_plain = w.copy()

counts = {"updates": 0, "changes": 0}
w, r = np.zeros(d), y.copy()  # active set: a full sweep, then sweeps over the nonzero w_j only
full = 0
while True:
    sweep(w, r, range(d))
    full += 1
    if duality_gap(X, w, r) <= tol:
        break
    active = np.flatnonzero(w)
    while duality_gap(X[:, active], w[active], r) > tol:  # the lasso on the active features
        sweep(w, r, active)
print(f"active set: {full} full sweeps, {counts['updates']} updates in all")
#> active set: 3 full sweeps, 4462 updates in all
print(f"the same solution: max |difference| = {np.abs(w - w_plain).max():.0e}")
#> the same solution: max |difference| = 4e-08
# --8<-- [end:active-set]

# --8<-- [start:screening]
import math

import numpy as np
from sklearn.linear_model import Lasso

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 100, 500
X = np.asfortranarray(rng.normal(size=(n, d)))
w_true = np.zeros(d)
w_true[:10] = rng.choice([-2.0, 2.0], size=10)
y = X @ w_true + 0.5 * rng.normal(size=n)
alpha = 0.2
col_sq, col_norm = np.sum(X**2, axis=0) / n, nd.l2_norm(X, axis=0)
w_star = Lasso(alpha=alpha, fit_intercept=False, tol=1e-15, max_iter=100_000).fit(X, y).coef_


def soft(z, t):  # nd.soft_threshold for one Python float
    return math.copysign(max(abs(z) - t, 0.0), z)


w, r = np.zeros(d), y.copy()
print("sweep  duality gap  radius   certified 0  of them nonzero in w*")
#> sweep  duality gap  radius   certified 0  of them nonzero in w*
for sweep in range(1, 31):
    for j in range(d):
        old = w[j]
        w[j] = soft(X[:, j] @ r / n + col_sq[j] * old, alpha) / col_sq[j]
        r -= (w[j] - old) * X[:, j]
    theta = r / max(n * alpha, nd.linf_norm(X.T @ r))  # a dual feasible point
    primal = 0.5 * r @ r / n + alpha * nd.l1_norm(w)
    gap = primal - (alpha * theta @ y - 0.5 * n * alpha**2 * theta @ theta)
    radius = math.sqrt(2 * gap / n) / alpha  # ||theta - theta*|| <= radius
    safe = np.abs(X.T @ theta) + col_norm * radius < 1  # then |x_j^T theta*| < 1: w*_j = 0
    if sweep in (5, 10, 12, 13, 15, 20, 30):
        wrong = np.count_nonzero(w_star[safe])
        print(f"{sweep:5d}  {gap:11.2e}  {radius:7.4f}  {safe.sum():11d}  {wrong:21d}")
        #>     5     8.17e-01   0.6393            0                      0
        #>    10     1.06e-01   0.2303            0                      0
        #>    12     3.36e-02   0.1296            0                      0
        #>    13     1.75e-02   0.0936           64                      0
        #>    15     4.31e-03   0.0464          368                      0
        #>    20     1.43e-04   0.0085          471                      0
        #>    30     1.56e-07   0.0003          480                      0
print(f"w* has {np.count_nonzero(w_star == 0)} zeros")
#> w* has 482 zeros
print(f"column norms ||x_j|| from {col_norm.min():.1f} to {col_norm.max():.1f}")
#> column norms ||x_j|| from 7.9 to 12.8
# --8<-- [end:screening]

# --8<-- [start:warm-start]
import math

import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 100, 500
X = np.asfortranarray(rng.normal(size=(n, d)))
w_true = np.zeros(d)
w_true[:10] = rng.choice([-2.0, 2.0], size=10)
y = X @ w_true + 0.5 * rng.normal(size=n)
col_sq = np.sum(X**2, axis=0) / n
tol = 1e-6 * 0.5 * (y @ y) / n  # a gap of 1e-6 F(0) at every alpha


def soft(z, t):  # nd.soft_threshold for one Python float
    return math.copysign(max(abs(z) - t, 0.0), z)


def duality_gap(X, w, r, alpha):
    theta = r / max(n * alpha, nd.linf_norm(X.T @ r))
    primal = 0.5 * r @ r / n + alpha * nd.l1_norm(w)
    return primal - (alpha * theta @ y - 0.5 * n * alpha**2 * theta @ theta)


def lasso(alpha, w, active_set):  # coordinate descent from w; returns w and the updates
    w, r = w.copy(), y - X @ w
    updates = 0

    def sweep(features):
        nonlocal updates
        for j in features:
            old = w[j]
            w[j] = soft(X[:, j] @ r / n + col_sq[j] * old, alpha) / col_sq[j]
            r[:] -= (w[j] - old) * X[:, j]
        updates += len(features)

    while True:
        sweep(range(d))
        if duality_gap(X, w, r, alpha) <= tol:
            return w, updates
        if active_set:
            active = np.flatnonzero(w)
            while duality_gap(X[:, active], w[active], r, alpha) > tol:
                sweep(active)


alpha_max = nd.linf_norm(X.T @ y) / n  # w = 0 for every alpha >= alpha_max
alphas = alpha_max * np.geomspace(1.0, 0.05, 20)
print("strategy           cold starts  warm starts  (coordinate updates, 20 alphas)")
#> strategy           cold starts  warm starts  (coordinate updates, 20 alphas)
for active_set in (False, True):
    cold = sum(lasso(a, np.zeros(d), active_set)[1] for a in alphas)
    w, warm = np.zeros(d), 0
    for a in alphas:  # from the largest alpha down, each solve starts at the previous w
        w, updates = lasso(a, w, active_set)
        warm += updates
    name = "active set" if active_set else "all features"
    print(f"{name:17}  {cold:11d}  {warm:11d}")
    #> all features            143000       104500
    #> active set               49367        22919
# --8<-- [end:warm-start]

# --8<-- [start:passes]
import math

import numpy as np
from sklearn.datasets import load_diabetes

import normdocs as nd


def soft(z, t):  # nd.soft_threshold for one Python float
    return math.copysign(max(abs(z) - t, 0.0), z)


def correlated():  # the problem of the FISTA examples
    rng = np.random.default_rng(0)
    n, d = 200, 100
    C = 0.99 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
    X = rng.normal(size=(n, d)) @ np.linalg.cholesky(C).T
    w_true = np.zeros(d)
    w_true[::10] = 3.0 * rng.normal(size=10)
    return X, X @ w_true + rng.normal(size=n)


def passes(X, y, alpha, limit=10_000):
    n, d = X.shape
    L, tol = nd.matrix_norm(X, 2) ** 2 / n, 1e-6 * 0.5 * (y @ y) / n

    def F(w):
        return 0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w)

    def gap(w):
        r = y - X @ w
        theta = r / max(n * alpha, nd.linf_norm(X.T @ r))
        return F(w) - (alpha * theta @ y - 0.5 * n * alpha**2 * theta @ theta)

    def prox_step(z):
        return nd.soft_threshold(z - X.T @ (X @ z - y) / n / L, alpha / L)

    def ista():
        w = np.zeros(d)
        for k in range(1, limit + 1):
            w = prox_step(w)
            if gap(w) <= tol:
                return k
        return f"> {limit}"

    def fista(restart):
        w = z = np.zeros(d)
        t, F_w = 1.0, F(w)
        for k in range(1, limit + 1):
            w_next = prox_step(z)
            if restart and F(w_next) > F_w:
                t, w_next = 1.0, prox_step(w)
            t_next = (1 + np.sqrt(1 + 4 * t**2)) / 2
            z = w_next + (t - 1) / t_next * (w_next - w)
            w, t, F_w = w_next, t_next, F(w_next)
            if gap(w) <= tol:
                return k
        return f"> {limit}"

    def coordinate_descent():
        w, r = np.zeros(d), y.copy()
        Xf, col_sq = np.asfortranarray(X), np.sum(X**2, axis=0) / n
        for k in range(1, limit + 1):
            for j in range(d):
                old = w[j]
                w[j] = soft(Xf[:, j] @ r / n + col_sq[j] * old, alpha) / col_sq[j]
                r -= (w[j] - old) * Xf[:, j]
            if gap(w) <= tol:
                return k
        return f"> {limit}"

    return {
        "ISTA": ista(),
        "FISTA": fista(restart=False),
        "FISTA, restarts": fista(restart=True),
        "coordinate descent": coordinate_descent(),
    }


X, y = load_diabetes(return_X_y=True)
problems = {"diabetes": (X, y - y.mean()), "correlated": correlated()}
results = {name: passes(X, y, alpha=0.1) for name, (X, y) in problems.items()}
print(f"to a gap of 1e-6 F(0)  {'diabetes':>10}  {'correlated':>10}")
#> to a gap of 1e-6 F(0)    diabetes  correlated
for method in results["diabetes"]:
    print(f"{method:21}  {results['diabetes'][method]:>10}  {results['correlated'][method]:>10}")
    #> ISTA                          214     > 10000
    #> FISTA                         120        5629
    #> FISTA, restarts                53        1415
    #> coordinate descent             24         682
# --8<-- [end:passes]

# --8<-- [start:orthogonal]
import numpy as np
from sklearn.linear_model import Lasso

import normdocs as nd

rng = np.random.default_rng(0)
n = 100
Q, _ = np.linalg.qr(rng.normal(size=(n, 5)))
X = np.sqrt(n) * Q  # X^T X / n = I
y = X @ np.array([2.0, -1.0, 0.5, 0.05, 0.0]) + 0.1 * rng.normal(size=n)
alpha = 0.1
lasso = Lasso(alpha=alpha, fit_intercept=False).fit(X, y)
print("n_iter_ =", lasso.n_iter_)
#> n_iter_ = 2
print("Lasso            ", np.round(lasso.coef_, 4) + 0.0)
#> Lasso             [ 1.9067 -0.9093  0.405   0.      0.    ]
print("S(X^T y / n, alpha)", np.round(nd.soft_threshold(X.T @ y / n, alpha), 4) + 0.0)
#> S(X^T y / n, alpha) [ 1.9067 -0.9093  0.405   0.      0.    ]
# --8<-- [end:orthogonal]
