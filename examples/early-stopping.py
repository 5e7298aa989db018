"""Examples of the page docs/training/early-stopping.md."""

# --8<-- [start:stop-numpy]
import numpy as np

rng = np.random.default_rng(0)
n, d = 40, 30  # fewer samples than a least-squares fit needs to be reliable
scales = np.logspace(0, -1.5, d)  # feature scales from 1 down to 0.03
w_true = rng.normal(size=d)
X, X_val = rng.normal(size=(n, d)) * scales, rng.normal(size=(1000, d)) * scales
y, y_val = X @ w_true + rng.normal(size=n), X_val @ w_true + rng.normal(size=1000)

eps, patience = 0.5, 50  # learning rate; steps without improvement before stopping
w = np.zeros(d)
best_loss, best_step, best_w = np.mean((X_val @ w - y_val) ** 2), 0, w.copy()
print(f"validation MSE at step 0: {best_loss:.4f}")
#> validation MSE at step 0: 2.6717
step = 0
while step < best_step + patience:
    step += 1
    w = w - eps * X.T @ (X @ w - y) / n  # gradient of (1/2n) ||X w - y||^2
    val_loss = np.mean((X_val @ w - y_val) ** 2)
    if val_loss < best_loss:
        best_loss, best_step, best_w = val_loss, step, w.copy()
print(f"best validation MSE {best_loss:.4f} at step {best_step}; stopped at step {step}")
#> best validation MSE 1.5179 at step 79; stopped at step 129
# --8<-- [end:stop-numpy]

# --8<-- [start:stop-torch]
import copy

import numpy as np
import torch

rng = np.random.default_rng(0)
n, d = 40, 30
scales = np.logspace(0, -1.5, d)
w_true = rng.normal(size=d)
X, X_val = rng.normal(size=(n, d)) * scales, rng.normal(size=(1000, d)) * scales
y, y_val = X @ w_true + rng.normal(size=n), X_val @ w_true + rng.normal(size=1000)
X, X_val, y, y_val = map(torch.tensor, (X, X_val, y[:, None], y_val[:, None]))

model = torch.nn.Linear(d, 1, bias=False, dtype=torch.float64)
torch.nn.init.zeros_(model.weight)  # start from w = 0
opt = torch.optim.SGD(model.parameters(), lr=0.5)
patience, step, best_step = 50, 0, 0
with torch.no_grad():
    best_loss = torch.nn.functional.mse_loss(model(X_val), y_val).item()
best_state = copy.deepcopy(model.state_dict())
while step < best_step + patience:
    step += 1
    opt.zero_grad()
    (0.5 * torch.nn.functional.mse_loss(model(X), y)).backward()  # (1/2n) ||X w - y||^2
    opt.step()
    with torch.no_grad():
        val_loss = torch.nn.functional.mse_loss(model(X_val), y_val).item()
    if val_loss < best_loss:
        best_loss, best_step, best_state = val_loss, step, copy.deepcopy(model.state_dict())
model.load_state_dict(best_state)  # restore the best weights
print(f"best validation MSE {best_loss:.4f} at step {best_step}; stopped at step {step}")
#> best validation MSE 1.5179 at step 79; stopped at step 129
# --8<-- [end:stop-torch]

# --8<-- [start:stop-normdocs]
import numpy as np
import torch

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 40, 30
scales = np.logspace(0, -1.5, d)
w_true = rng.normal(size=d)
X, X_val = rng.normal(size=(n, d)) * scales, rng.normal(size=(1000, d)) * scales
y, y_val = X @ w_true + rng.normal(size=n), X_val @ w_true + rng.normal(size=1000)
X, X_val, y, y_val = map(torch.tensor, (X, X_val, y, y_val))

w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
patience, step, best_step = 50, 0, 0
best_loss, best_w = nd.mse_loss(X_val @ w, y_val).item(), w.detach().clone()
while step < best_step + patience:
    step += 1
    (0.5 * nd.mse_loss(X @ w, y)).backward()  # (1/2n) ||X w - y||^2, through autograd
    with torch.no_grad():
        w -= 0.5 * w.grad
        w.grad = None
        val_loss = nd.mse_loss(X_val @ w, y_val).item()
    if val_loss < best_loss:
        best_loss, best_step, best_w = val_loss, step, w.detach().clone()
print(f"best validation MSE {best_loss:.4f} at step {best_step}; stopped at step {step}")
#> best validation MSE 1.5179 at step 79; stopped at step 129
# --8<-- [end:stop-normdocs]

# --8<-- [start:curve]
import numpy as np

rng = np.random.default_rng(0)
n, d = 40, 30
scales = np.logspace(0, -1.5, d)
w_true = rng.normal(size=d)
X, X_val = rng.normal(size=(n, d)) * scales, rng.normal(size=(1000, d)) * scales
y, y_val = X @ w_true + rng.normal(size=n), X_val @ w_true + rng.normal(size=1000)

w, eps = np.zeros(d), 0.5
print("  step  train MSE  validation MSE")
#>   step  train MSE  validation MSE
for step in range(1, 10_001):
    w = w - eps * X.T @ (X @ w - y) / n
    if step in (10, 79, 300, 1000, 10_000):
        train, val = np.mean((X @ w - y) ** 2), np.mean((X_val @ w - y_val) ** 2)
        print(f"{step:6d}  {train:9.4f}  {val:14.4f}")
        #>     10     1.1878          1.7479
        #>     79     0.7040          1.5179
        #>    300     0.5892          1.6534
        #>   1000     0.4707          2.1636
        #>  10000     0.3784          3.2064
w_ols = np.linalg.solve(X.T @ X, X.T @ y)  # where gradient descent goes as step -> infinity
train, val = np.mean((X @ w_ols - y) ** 2), np.mean((X_val @ w_ols - y_val) ** 2)
print(f"    w*  {train:9.4f}  {val:14.4f}")
#>     w*     0.3706          3.6692
# --8<-- [end:curve]

# --8<-- [start:filter]
import numpy as np

rng = np.random.default_rng(0)
n, d = 40, 30
scales = np.logspace(0, -1.5, d)
w_true = rng.normal(size=d)
X = rng.normal(size=(n, d)) * scales
y = X @ w_true + rng.normal(size=n)

H = X.T @ X / n  # the Hessian of (1/2n) ||X w - y||^2
lam, Q = np.linalg.eigh(H)
w_star = np.linalg.solve(H, X.T @ y / n)  # the minimizer, w*
eps, tau = 0.5, 79
w = np.zeros(d)
for _ in range(tau):
    w = w - eps * X.T @ (X @ w - y) / n
# Goodfellow et al. (7.40): Q^T w_tau = [I - (I - eps Lambda)^tau] Q^T w*
w_formula = Q @ ((1 - (1 - eps * lam) ** tau) * (Q.T @ w_star))
print(f"eigenvalues of H: {lam.min():.1e} to {lam.max():.2f}; eps * largest {eps * lam.max():.3f}")
#> eigenvalues of H: 1.3e-04 to 1.43; eps * largest 0.716
# the difference is rounding (about 3e-14; its last digit depends on the CPU's BLAS)
print(f"{tau} steps equal the formula to 1e-12:", np.abs(w - w_formula).max() < 1e-12)
#> 79 steps equal the formula to 1e-12: True
# --8<-- [end:filter]

# --8<-- [start:shrink-factors]
import numpy as np

rng = np.random.default_rng(0)
n, d = 40, 30
scales = np.logspace(0, -1.5, d)
w_true = rng.normal(size=d)
X = rng.normal(size=(n, d)) * scales
y = X @ w_true + rng.normal(size=n)

lam = np.linalg.eigvalsh(X.T @ X / n)[::-1]  # the eigenvalues d_i of H, largest first
eps, tau = 0.5, 79  # the step that early stopping chose
alpha = 1 / (tau * eps)
gd = 1 - (1 - eps * lam) ** tau  # gradient descent's factor on direction i
ridge = lam / (lam + alpha)  # ridge's factor with alpha = 1 / (tau eps)
alpha_i = lam * (1 - gd) / gd  # the alpha whose ridge factor d / (d + alpha) equals gd
print(f"alpha = 1 / (tau eps) = {alpha:.4f}")
#> alpha = 1 / (tau eps) = 0.0253
print("      d_i   d_i tau eps     GD  ridge  GD - ridge  alpha matching GD")
#>       d_i   d_i tau eps     GD  ridge  GD - ridge  alpha matching GD
for i in range(0, d, 3):
    print(
        f"{lam[i]:9.2e}  {lam[i] * tau * eps:12.4g}  {gd[i]:.3f}  {ridge[i]:.3f}"
        f"  {gd[i] - ridge[i]:+10.3f}  {alpha_i[i]:17.2e}"
    )
    #>  1.43e+00         56.53  1.000  0.983      +0.017           0.00e+00
    #>  3.53e-01         13.94  1.000  0.933      +0.067           7.74e-08
    #>  1.89e-01          7.45  1.000  0.882      +0.118           7.54e-05
    #>  9.53e-02         3.765  0.979  0.790      +0.189           2.06e-03
    #>  3.42e-02         1.352  0.744  0.575      +0.169           1.18e-02
    #>  1.84e-02        0.7256  0.518  0.420      +0.097           1.71e-02
    #>  8.12e-03        0.3208  0.275  0.243      +0.032           2.14e-02
    #>  3.14e-03        0.1242  0.117  0.110      +0.006           2.38e-02
    #>  1.04e-03       0.04121  0.040  0.040      +0.001           2.48e-02
    #>  2.61e-04       0.01029  0.010  0.010      +0.000           2.52e-02
# --8<-- [end:shrink-factors]

# --8<-- [start:factor-gap]
import numpy as np

x = np.logspace(-3, 3, 60001)  # x = d tau eps
gd = 1 - np.exp(-x)  # the limit of 1 - (1 - eps d)^tau for eps d -> 0 with x fixed
ridge = x / (1 + x)  # d / (d + alpha) with alpha = 1 / (tau eps)
i = np.argmax(gd - ridge)
print(f"largest gap {gd[i] - ridge[i]:.4f} at d tau eps = {x[i]:.3f}")
#> largest gap 0.2036 at d tau eps = 2.513
for xi in (0.01, 0.1, 1.0, 10.0, 100.0):
    gap_gd, gap_ridge = np.exp(-xi), 1 / (1 + xi)  # 1 - factor: what is left of w*
    print(
        f"x = {xi:6g}: GD {1 - gap_gd:.4f}  ridge {1 - gap_ridge:.4f}"
        f"   1 - GD {gap_gd:.1e}  1 - ridge {gap_ridge:.1e}"
    )
    #> x =   0.01: GD 0.0100  ridge 0.0099   1 - GD 9.9e-01  1 - ridge 9.9e-01
    #> x =    0.1: GD 0.0952  ridge 0.0909   1 - GD 9.0e-01  1 - ridge 9.1e-01
    #> x =      1: GD 0.6321  ridge 0.5000   1 - GD 3.7e-01  1 - ridge 5.0e-01
    #> x =     10: GD 1.0000  ridge 0.9091   1 - GD 4.5e-05  1 - ridge 9.1e-02
    #> x =    100: GD 1.0000  ridge 0.9901   1 - GD 3.7e-44  1 - ridge 9.9e-03
# where each factor rises from 0.1 to 0.9: the width of the transition
for name, x_10, x_90 in (("GD   ", -np.log(0.9), -np.log(0.1)), ("ridge", 0.1 / 0.9, 0.9 / 0.1)):
    print(f"{name}: 0.1 at x = {x_10:.3f}, 0.9 at x = {x_90:.3f}, a factor {x_90 / x_10:.1f} apart")
    #> GD   : 0.1 at x = 0.105, 0.9 at x = 2.303, a factor 21.9 apart
    #> ridge: 0.1 at x = 0.111, 0.9 at x = 9.000, a factor 81.0 apart
# --8<-- [end:factor-gap]

# --8<-- [start:matching-ridge]
import numpy as np
from sklearn.linear_model import Ridge

rng = np.random.default_rng(0)
n, d = 40, 30
scales = np.logspace(0, -1.5, d)
w_true = rng.normal(size=d)
X, X_val = rng.normal(size=(n, d)) * scales, rng.normal(size=(1000, d)) * scales
y, y_val = X @ w_true + rng.normal(size=n), X_val @ w_true + rng.normal(size=1000)


def ridge(alpha):  # minimizes (1/2n) ||X w - y||^2 + (alpha/2) ||w||^2
    return np.linalg.solve(X.T @ X / n + alpha * np.eye(d), X.T @ y / n)


def val_mse(w):
    return np.mean((X_val @ w - y_val) ** 2)


eps, tau = 0.5, 79
w_gd = np.zeros(d)
for _ in range(tau):
    w_gd = w_gd - eps * X.T @ (X @ w_gd - y) / n
alpha = 1 / (tau * eps)
w_ridge = ridge(alpha)
sk = Ridge(alpha=n * alpha, fit_intercept=False).fit(X, y).coef_  # its ||.||^2 is not halved
print(f"scikit-learn Ridge(alpha = n / (tau eps)) is the same: {np.allclose(sk, w_ridge)}")
#> scikit-learn Ridge(alpha = n / (tau eps)) is the same: True
alphas = np.logspace(-5, 1, 601)
best = alphas[np.argmin([val_mse(ridge(a)) for a in alphas])]
print(f"validation MSE, GD stopped at step {tau}: {val_mse(w_gd):.4f}")
#> validation MSE, GD stopped at step 79: 1.5179
print(f"validation MSE, ridge at alpha = 1/(tau eps) = {alpha:.4f}: {val_mse(w_ridge):.4f}")
#> validation MSE, ridge at alpha = 1/(tau eps) = 0.0253: 1.4771
print(f"validation MSE, best ridge, at alpha = {best:.4f}: {val_mse(ridge(best)):.4f}")
#> validation MSE, best ridge, at alpha = 0.0234: 1.4768
w_star = ridge(0.0)
for name, w in (("ridge(1/(tau eps))", w_ridge), ("w*", w_star)):
    print(f"||w_GD - {name}|| / ||w_GD|| = {np.linalg.norm(w_gd - w) / np.linalg.norm(w_gd):.3f}")
    #> ||w_GD - ridge(1/(tau eps))|| / ||w_GD|| = 0.190
    #> ||w_GD - w*|| / ||w_GD|| = 5.762
# --8<-- [end:matching-ridge]

# --8<-- [start:adam]
import numpy as np
import torch

rng = np.random.default_rng(0)
n, d = 40, 30
scales = np.logspace(0, -1.5, d)
w_true = rng.normal(size=d)
X = rng.normal(size=(n, d)) * scales
y = X @ w_true + rng.normal(size=n)
alphas = np.logspace(-6, 1, 701)
ridge_path = np.array([np.linalg.solve(X.T @ X / n + a * np.eye(d), X.T @ y / n) for a in alphas])


def distance_to_path(w):  # to the nearest ridge solution, relative to ||w||
    return np.min(np.linalg.norm(ridge_path - w, axis=1)) / np.linalg.norm(w)


X_t, y_t = torch.tensor(X), torch.tensor(y)
for name, make_opt in (
    ("GD  ", lambda p: torch.optim.SGD(p, lr=0.5)),
    ("Adam", lambda p: torch.optim.Adam(p, lr=0.01)),
):
    w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
    opt, distances = make_opt([w]), {}
    for step in range(1, 1001):
        opt.zero_grad()
        (0.5 * torch.mean((X_t @ w - y_t) ** 2)).backward()
        opt.step()
        if step in (10, 100, 1000):
            distances[step] = distance_to_path(w.detach().numpy())
    print(name, "  ".join(f"step {s}: {dist:.3f}" for s, dist in distances.items()))
    #> GD   step 10: 0.120  step 100: 0.127  step 1000: 0.086
    #> Adam step 10: 0.769  step 100: 0.614  step 1000: 0.180
# --8<-- [end:adam]

# --8<-- [start:start-point]
import numpy as np

rng = np.random.default_rng(0)
n, d = 40, 30
scales = np.logspace(0, -1.5, d)
w_true = rng.normal(size=d)
X = rng.normal(size=(n, d)) * scales
y = X @ w_true + rng.normal(size=n)
w_0 = np.random.default_rng(1).normal(size=d)  # a random initialization, not 0

eps, tau = 0.5, 79
w = w_0.copy()
for _ in range(tau):
    w = w - eps * X.T @ (X @ w - y) / n
alpha, H, b = 1 / (tau * eps), X.T @ X / n, X.T @ y / n
to_zero = np.linalg.solve(H + alpha * np.eye(d), b)  # penalty (alpha/2) ||w||^2
to_w0 = np.linalg.solve(H + alpha * np.eye(d), b + alpha * w_0)  # (alpha/2) ||w - w_0||^2
for name, w_r in (("||w||^2      ", to_zero), ("||w - w_0||^2", to_w0)):
    print(f"ridge with {name}: ||w_GD - w_ridge|| / ||w_GD|| = "
          f"{np.linalg.norm(w - w_r) / np.linalg.norm(w):.3f}")
    #> ridge with ||w||^2      : ||w_GD - w_ridge|| / ||w_GD|| = 0.627
    #> ridge with ||w - w_0||^2: ||w_GD - w_ridge|| / ||w_GD|| = 0.158
# --8<-- [end:start-point]
