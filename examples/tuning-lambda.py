"""Examples of the page docs/guides/tuning-lambda.md."""

# --8<-- [start:compare]
import numpy as np
from sklearn.linear_model import Lasso, LassoCV, LassoLarsIC, LinearRegression, RidgeCV
from sklearn.model_selection import KFold

rng = np.random.default_rng(0)
n, d = 100, 50
w_true = np.zeros(d)
w_true[:5] = [3.0, -2.0, 1.5, 1.0, -1.0]  # 5 of 50 features matter; noise variance 4


def sample(m):
    X = rng.normal(size=(m, d))
    return X, X @ w_true + 2.0 * rng.normal(size=m)


X, y = sample(n)
X_test, y_test = sample(5000)
folds = KFold(5, shuffle=True, random_state=0)

lasso_cv = LassoCV(cv=folds).fit(X, y)  # 100 alphas, from alpha_max down to alpha_max / 1000
mean = lasso_cv.mse_path_.mean(axis=1)
se = lasso_cv.mse_path_.std(axis=1, ddof=1) / np.sqrt(5)  # standard error over the 5 folds
i = mean.argmin()
alpha_1se = lasso_cv.alphas_[mean <= mean[i] + se[i]].max()  # the largest alpha within 1 SE

models = {
    "OLS": LinearRegression(),
    "RidgeCV (LOO)": RidgeCV(alphas=np.logspace(-2, 4, 61)),
    "LassoCV, min": lasso_cv,
    "LassoCV, 1-SE": Lasso(alpha=alpha_1se),
    "LassoLarsIC AIC": LassoLarsIC(criterion="aic"),
    "LassoLarsIC BIC": LassoLarsIC(criterion="bic"),
}
print("model              alpha  nonzero  true kept  test MSE")
#> model              alpha  nonzero  true kept  test MSE
for name, model in models.items():
    model.fit(X, y)
    alpha = getattr(model, "alpha_", getattr(model, "alpha", 0.0))
    nonzero, kept = np.sum(model.coef_ != 0), np.sum(model.coef_[:5] != 0)
    mse = np.mean((model.predict(X_test) - y_test) ** 2)
    print(f"{name:16s} {alpha:7.3f}  {nonzero:7d}  {kept:7d}/5  {mse:8.2f}")
    #> OLS                0.000       50        5/5      8.08
    #> RidgeCV (LOO)     12.589       50        5/5      7.66
    #> LassoCV, min       0.166       19        5/5      5.41
    #> LassoCV, 1-SE      0.384        8        5/5      6.20
    #> LassoLarsIC AIC    0.197       15        5/5      5.44
    #> LassoLarsIC BIC    0.294        9        5/5      5.71
test_mse = [
    np.mean((Lasso(alpha=a).fit(X, y).predict(X_test) - y_test) ** 2) for a in lasso_cv.alphas_
]
j = int(np.argmin(test_mse))
print(f"CV MSE at its minimum: {mean[i]:.2f}")
#> CV MSE at its minimum: 5.08
print(f"the alpha best for the test data: {lasso_cv.alphas_[j]:.3f}, test MSE {test_mse[j]:.2f}")
#> the alpha best for the test data: 0.155, test MSE 5.40
# --8<-- [end:compare]

# --8<-- [start:ridge-loo]
import numpy as np
from sklearn.linear_model import Ridge, RidgeCV

rng = np.random.default_rng(0)
n, d = 100, 50
w_true = np.zeros(d)
w_true[:5] = [3.0, -2.0, 1.5, 1.0, -1.0]
X = rng.normal(size=(n, d))
y = X @ w_true + 2.0 * rng.normal(size=n)

alphas = [1.0, 12.589, 100.0]
ridge_cv = RidgeCV(alphas=alphas, store_cv_results=True).fit(X, y)
# the shortcut: one fit per alpha, with the hat matrix H of the fit (intercept included)
Xc, yc = X - X.mean(axis=0), y - y.mean()
shortcut, brute_force = [], []
for alpha in alphas:
    H = np.ones((n, n)) / n + Xc @ np.linalg.solve(Xc.T @ Xc + alpha * np.eye(d), Xc.T)
    residual = y - (y.mean() + H @ yc)
    shortcut.append(np.mean((residual / (1 - np.diag(H))) ** 2))
    errors = []  # the definition: n fits, each without one sample
    for i in range(n):
        keep = np.arange(n) != i
        model = Ridge(alpha=alpha).fit(X[keep], y[keep])
        errors.append((model.predict(X[i : i + 1])[0] - y[i]) ** 2)
    brute_force.append(np.mean(errors))
print("alpha    RidgeCV  shortcut  100 refits")
#> alpha    RidgeCV  shortcut  100 refits
for alpha, a, b, c in zip(
    alphas, ridge_cv.cv_results_.mean(axis=0), shortcut, brute_force, strict=True
):
    print(f"{alpha:7.3f}  {a:7.4f}  {b:8.4f}  {c:10.4f}")
    #>   1.000   7.8228    7.8228      7.8228
    #>  12.589   6.9649    6.9649      6.9649
    #> 100.000   9.7227    9.7227      9.7227
# --8<-- [end:ridge-loo]

# --8<-- [start:warm-start]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, lasso_path

X, y = load_diabetes(return_X_y=True)
y = y - y.mean()  # X is already centred
alpha_max = np.abs(X.T @ y).max() / len(y)  # the smallest alpha with all coefficients 0
alphas = alpha_max * np.geomspace(1.0, 1e-3, 100)  # LassoCV's default grid

for tol in (1e-4, 1e-8):
    # the path: each alpha starts from the solution at the previous, larger alpha
    _, path, _, warm = lasso_path(X, y, alphas=alphas, tol=tol, max_iter=10**5, return_n_iter=True)
    cold, gap = [], 0.0
    for alpha, w_path in zip(alphas, path.T, strict=True):  # each alpha alone, from w = 0
        lasso = Lasso(alpha=alpha, fit_intercept=False, tol=tol, max_iter=10**5).fit(X, y)
        cold.append(lasso.n_iter_)
        gap = max(gap, np.abs(lasso.coef_ - w_path).max())
    print(
        f"tol {tol:.0e}: epochs warm {sum(warm):5d}, cold {sum(cold):5d}, "
        f"ratio {sum(cold) / sum(warm):.2f}; largest |w| difference {gap:.1e}"
    )
    #> tol 1e-04: epochs warm  3532, cold  8070, ratio 2.28; largest |w| difference 9.8e-02
    #> tol 1e-08: epochs warm 15986, cold 20671, ratio 1.29; largest |w| difference 5.6e-06
# --8<-- [end:warm-start]

# --8<-- [start:raw-units]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import lasso_path
from sklearn.preprocessing import StandardScaler

data = load_diabetes(scaled=False)  # the features in their original units
X, y = data.data, data.target - data.target.mean()
names = np.array(data.feature_names)
print("std:", " ".join(f"{s}={v:.2f}" for s, v in zip(names, X.std(axis=0), strict=True)))
#> std: age=13.09 sex=0.50 bmi=4.41 bp=13.82 s1=34.57 s2=30.38 s3=12.92 s4=1.29 s5=0.52 s6=11.48


def entry_order(X):  # the order in which features leave 0 as alpha decreases
    X = X - X.mean(axis=0)
    alpha_max = np.abs(X.T @ y).max() / len(y)
    _, path, _ = lasso_path(X, y, alphas=alpha_max * np.geomspace(1.0, 1e-4, 400))
    first = [np.flatnonzero(w)[0] if w.any() else len(w) for w in path]
    return " ".join(names[np.argsort(first, kind="stable")])


print("raw units:   ", entry_order(X))
#> raw units:    s1 bp s3 s6 bmi s2 age sex s5 s4
print("standardized:", entry_order(StandardScaler().fit_transform(X)))
#> standardized: bmi s5 bp s3 sex s6 s1 s4 s2 age
# --8<-- [end:raw-units]

# --8<-- [start:invariance]
import numpy as np
from scipy.stats import ortho_group
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, LinearRegression, Ridge
from sklearn.preprocessing import StandardScaler

data = load_diabetes(scaled=False)
X, y = StandardScaler().fit_transform(data.data), data.target
names = np.array(data.feature_names)
rng = np.random.default_rng(0)
scale_age, scale_bmi = np.ones(10), np.ones(10)
scale_age[0], scale_bmi[2] = 1000.0, 0.001  # age x 1000; bmi / 1000
maps = {
    "age x 1000": np.diag(scale_age),
    "bmi / 1000": np.diag(scale_bmi),
    "rotation": ortho_group.rvs(10, random_state=0),
    "invertible": rng.normal(size=(10, 10)),
}
models = {"OLS": LinearRegression(), "Ridge(10)": Ridge(alpha=10.0), "Lasso(1)": Lasso(alpha=1.0)}
print(f"largest change of the 442 predictions (y has std {y.std():.1f}):")
#> largest change of the 442 predictions (y has std 77.0):
print(f"{'':11s}" + "".join(f"{m:>11s}" for m in models))
#>                    OLS  Ridge(10)   Lasso(1)
for map_name, A in maps.items():
    changes = []
    for model in models.values():
        before = model.fit(X, y).predict(X)
        changes.append(np.abs(model.fit(X @ A, y).predict(X @ A) - before).max())
    print(f"{map_name:11s}" + "".join(f"{c:11.1e}" for c in changes))
    #> age x 1000     3.9e-10    1.6e-02    4.4e-01
    #> bmi / 1000     2.3e-11    8.0e+01    8.1e+01
    #> rotation       3.1e-13    6.8e-13    1.0e+01
    #> invertible     9.7e-13    1.9e+01    3.9e+01
for map_name in ("age x 1000", "bmi / 1000"):
    A = maps[map_name]
    kept = names[Lasso(alpha=1.0).fit(X @ A, y).coef_ != 0]
    print(f"Lasso(1) keeps, {map_name}: {' '.join(kept)}")
    #> Lasso(1) keeps, age x 1000: age sex bmi bp s1 s3 s5 s6
    #> Lasso(1) keeps, bmi / 1000: sex bp s1 s3 s5 s6
print(f"Lasso(1) keeps, standardized: {' '.join(names[Lasso(alpha=1.0).fit(X, y).coef_ != 0])}")
#> Lasso(1) keeps, standardized: sex bmi bp s1 s3 s5 s6
# --8<-- [end:invariance]

# --8<-- [start:pipeline]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LassoCV
from sklearn.model_selection import KFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

data = load_diabetes(scaled=False)
names = np.array(data.feature_names)
X_train, X_test, y_train, y_test = train_test_split(
    data.data, data.target, test_size=0.25, random_state=0
)
folds = KFold(5, shuffle=True, random_state=0)
raw = LassoCV(cv=folds).fit(X_train, y_train)
scaled = make_pipeline(StandardScaler(), LassoCV(cv=folds)).fit(X_train, y_train)
for name, model, lasso in (("raw units", raw, raw), ("standardized", scaled, scaled[-1])):
    mse = np.mean((model.predict(X_test) - y_test) ** 2)
    kept = " ".join(names[lasso.coef_ != 0])
    print(f"{name:12s}: alpha {lasso.alpha_:.3f}, test MSE {mse:.0f}, keeps {kept}")
    #> raw units   : alpha 0.587, test MSE 3230, keeps age sex bmi bp s1 s2 s3 s4 s5 s6
    #> standardized: alpha 1.142, test MSE 3197, keeps age sex bmi bp s1 s3 s5 s6
# --8<-- [end:pipeline]

# --8<-- [start:leakage]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.feature_selection import SelectKBest, f_regression
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

folds = KFold(5, shuffle=True, random_state=0)
X, y = load_diabetes(return_X_y=True, scaled=False)


def cv_mse(model, X, y):
    return -cross_val_score(model, X, y, cv=folds, scoring="neg_mean_squared_error").mean()


# (1) a scaler fit on all the data before the split, or on each training fold
leaky = cv_mse(Ridge(alpha=10.0), StandardScaler().fit_transform(X), y)
clean = cv_mse(make_pipeline(StandardScaler(), Ridge(alpha=10.0)), X, y)
print(f"scaler:    fit on all data {leaky:.2f}, in the pipeline {clean:.2f} (CV MSE)")
#> scaler:    fit on all data 2975.83, in the pipeline 2975.72 (CV MSE)

# (2) a step that looks at y: keep the 10 of 2,000 pure-noise features most correlated with y
rng = np.random.default_rng(0)
X, y = rng.normal(size=(50, 2000)), rng.normal(size=50)  # y has variance 1 and no signal
leaky = cv_mse(Ridge(alpha=1.0), SelectKBest(f_regression, k=10).fit_transform(X, y), y)
clean = cv_mse(make_pipeline(SelectKBest(f_regression, k=10), Ridge(alpha=1.0)), X, y)
print(f"selection: fit on all data {leaky:.2f}, in the pipeline {clean:.2f} (CV MSE)")
#> selection: fit on all data 0.34, in the pipeline 1.02 (CV MSE)
# --8<-- [end:leakage]

# --8<-- [start:singular]
import numpy as np

rng = np.random.default_rng(0)
n, d = 20, 50  # fewer samples than features
X, y = rng.normal(size=(n, d)), rng.normal(size=n)

G = X.T @ X  # 50 x 50, built from 20 samples
eigenvalues = np.linalg.eigvalsh(G)
print(f"rank of X^T X: {np.linalg.matrix_rank(G)} of {d}")
#> rank of X^T X: 20 of 50
print(
    f"eigenvalues: {d - n} in [{eigenvalues[0]:.0e}, {eigenvalues[d - n - 1]:.0e}], the rest in "
    f"[{eigenvalues[d - n]:.2f}, {eigenvalues[-1]:.2f}]"
)
#> eigenvalues: 30 in [-4e-14, 3e-14], the rest in [7.20, 132.23]
for alpha in (1.0, 1e-4):
    shifted = np.linalg.eigvalsh(G + alpha * np.eye(d))
    print(
        f"X^T X + {alpha:g} I: smallest eigenvalue {shifted[0]:.4g}, "
        f"condition number {shifted[-1] / shifted[0]:.2e}"
    )
    #> X^T X + 1 I: smallest eigenvalue 1, condition number 1.33e+02
    #> X^T X + 0.0001 I: smallest eigenvalue 0.0001, condition number 1.32e+06
# --8<-- [end:singular]

# --8<-- [start:pinv-numpy]
import numpy as np

rng = np.random.default_rng(0)
n, d = 20, 50
X, y = rng.normal(size=(n, d)), rng.normal(size=n)

w_pinv = np.linalg.pinv(X) @ y
print(" alpha  |w_primal - w_pinv|  |w_dual - w_pinv|")
#>  alpha  |w_primal - w_pinv|  |w_dual - w_pinv|
for alpha in (1.0, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12):
    w_primal = np.linalg.solve(X.T @ X + alpha * np.eye(d), X.T @ y)  # a 50 x 50 system
    w_dual = X.T @ np.linalg.solve(X @ X.T + alpha * np.eye(n), y)  # a 20 x 20 system
    primal, dual = np.linalg.norm(w_primal - w_pinv), np.linalg.norm(w_dual - w_pinv)
    print(f"{alpha:6.0e}  {primal:19.1e}  {dual:17.1e}")
    #>  1e+00              3.1e-02            3.1e-02
    #>  1e-02              3.3e-04            3.3e-04
    #>  1e-04              3.3e-06            3.3e-06
    #>  1e-06              3.3e-08            3.3e-08
    #>  1e-08              4.5e-07            3.3e-10
    #>  1e-10              3.6e-05            3.3e-12
    #>  1e-12              4.2e-03            3.2e-14
# --8<-- [end:pinv-numpy]

# --8<-- [start:pinv-torch]
import numpy as np
import torch

rng = np.random.default_rng(0)
n, d = 20, 50
X, y = rng.normal(size=(n, d)), rng.normal(size=n)
X, y = torch.tensor(X), torch.tensor(y)  # float64

w_pinv = torch.linalg.pinv(X) @ y
print(" alpha  |w_primal - w_pinv|  |w_dual - w_pinv|")
#>  alpha  |w_primal - w_pinv|  |w_dual - w_pinv|
for alpha in (1.0, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12):
    w_primal = torch.linalg.solve(X.T @ X + alpha * torch.eye(d, dtype=X.dtype), X.T @ y)
    w_dual = X.T @ torch.linalg.solve(X @ X.T + alpha * torch.eye(n, dtype=X.dtype), y)
    primal, dual = torch.linalg.norm(w_primal - w_pinv), torch.linalg.norm(w_dual - w_pinv)
    print(f"{alpha:6.0e}  {primal:19.1e}  {dual:17.1e}")
    #>  1e+00              3.1e-02            3.1e-02
    #>  1e-02              3.3e-04            3.3e-04
    #>  1e-04              3.3e-06            3.3e-06
    #>  1e-06              3.3e-08            3.3e-08
    #>  1e-08              5.2e-07            3.3e-10
    #>  1e-10              6.2e-05            3.3e-12
    #>  1e-12              5.0e-03            3.3e-14
# --8<-- [end:pinv-torch]

# --8<-- [start:pinv-normdocs]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 20, 50
X, y = rng.normal(size=(n, d)), rng.normal(size=n)

w_pinv = np.linalg.pinv(X) @ y
print(" alpha  |w_primal - w_pinv|  |w_dual - w_pinv|")
#>  alpha  |w_primal - w_pinv|  |w_dual - w_pinv|
for alpha in (1.0, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12):
    w_primal = np.linalg.solve(X.T @ X + alpha * np.eye(d), X.T @ y)
    w_dual = X.T @ np.linalg.solve(X @ X.T + alpha * np.eye(n), y)
    primal, dual = nd.l2_norm(w_primal - w_pinv), nd.l2_norm(w_dual - w_pinv)
    print(f"{alpha:6.0e}  {primal:19.1e}  {dual:17.1e}")
    #>  1e+00              3.1e-02            3.1e-02
    #>  1e-02              3.3e-04            3.3e-04
    #>  1e-04              3.3e-06            3.3e-06
    #>  1e-06              3.3e-08            3.3e-08
    #>  1e-08              4.5e-07            3.3e-10
    #>  1e-10              3.6e-05            3.3e-12
    #>  1e-12              4.2e-03            3.2e-14
# --8<-- [end:pinv-normdocs]

# --8<-- [start:pinv-rate]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 20, 50
X, y = rng.normal(size=(n, d)), rng.normal(size=n)

U, s, Vt = np.linalg.svd(X, full_matrices=False)  # X = U S V^T, 20 singular values
w_pinv = Vt.T @ ((U.T @ y) / s)  # pinv(X) y = V S^-1 U^T y
# first order in alpha: w(alpha) - w_pinv = -alpha V S^-3 U^T y + O(alpha^2)
slope = nd.l2_norm((U.T @ y) / s**3)
print(f"predicted |w(alpha) - pinv(X) y| / alpha for small alpha: {slope:.4f}")
#> predicted |w(alpha) - pinv(X) y| / alpha for small alpha: 0.0327
for alpha in (1.0, 1e-2, 1e-4, 1e-6):
    w_dual = X.T @ np.linalg.solve(X @ X.T + alpha * np.eye(n), y)
    print(
        f"alpha {alpha:6.0e}: |w(alpha) - pinv(X) y| / alpha = "
        f"{nd.l2_norm(w_dual - w_pinv) / alpha:.4f}"
    )
    #> alpha  1e+00: |w(alpha) - pinv(X) y| / alpha = 0.0305
    #> alpha  1e-02: |w(alpha) - pinv(X) y| / alpha = 0.0327
    #> alpha  1e-04: |w(alpha) - pinv(X) y| / alpha = 0.0327
    #> alpha  1e-06: |w(alpha) - pinv(X) y| / alpha = 0.0327
# --8<-- [end:pinv-rate]

# --8<-- [start:minimum-norm]
import numpy as np

import normdocs as nd

rng = np.random.default_rng(0)
n, d = 20, 50
X, y = rng.normal(size=(n, d)), rng.normal(size=n)

w_pinv = np.linalg.pinv(X) @ y
null = np.linalg.svd(X)[2][n:].T  # 50 x 30: an orthonormal basis of the null space of X
v = null @ rng.normal(size=d - n)  # X v = 0
print(
    f"residual |X w - y|: pinv {nd.l2_norm(X @ w_pinv - y):.0e}, "
    f"pinv + v {nd.l2_norm(X @ (w_pinv + v) - y):.0e}"
)
#> residual |X w - y|: pinv 4e-15, pinv + v 1e-14
print(
    f"|w|^2: pinv {nd.l2_norm(w_pinv) ** 2:.4f}, pinv + v {nd.l2_norm(w_pinv + v) ** 2:.4f}"
    f" = {nd.l2_norm(w_pinv) ** 2:.4f} + |v|^2 {nd.l2_norm(v) ** 2:.4f}"
)
#> |w|^2: pinv 0.3579, pinv + v 27.9953 = 0.3579 + |v|^2 27.6374
w_lstsq = np.linalg.lstsq(X, y)[0]
print(f"np.linalg.lstsq returns pinv(X) y: {np.allclose(w_lstsq, w_pinv)}")
#> np.linalg.lstsq returns pinv(X) y: True

# gradient descent on 1/2 |X w - y|^2: every step X^T (X w - y) lies in the row space of X
lr = 1.0 / np.linalg.norm(X, 2) ** 2
for start_name, w0 in (("0", np.zeros(d)), ("random w0", rng.normal(size=d))):
    w = w0.copy()
    for _ in range(3000):
        w -= lr * X.T @ (X @ w - y)
    null_part = null @ (null.T @ w0)  # the part of w0 that no step changes
    print(
        f"from {start_name:9s}: |w - pinv| = {nd.l2_norm(w - w_pinv):.1e}, "
        f"|w - (pinv + null part of w0)| = {nd.l2_norm(w - w_pinv - null_part):.1e}"
    )
    #> from 0        : |w - pinv| = 1.1e-15, |w - (pinv + null part of w0)| = 1.1e-15
    #> from random w0: |w - pinv| = 7.3e+00, |w - (pinv + null part of w0)| = 1.2e-14
# --8<-- [end:minimum-norm]

# --8<-- [start:logistic-c]
import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(0)
X = rng.normal(size=(200, 2))
score = X @ np.array([1.0, 1.0])
keep = np.abs(score) > 0.5  # a gap around the line x1 + x2 = 0: separable data
X, y = X[keep][:40], (score[keep][:40] > 0).astype(int)

print("     C   ||w||  train accuracy")
#>      C   ||w||  train accuracy
for C in (1e-2, 1.0, 1e2, 1e4, 1e6):  # C = 1 / penalty strength
    model = LogisticRegression(C=C, fit_intercept=False, tol=1e-12, max_iter=10**4).fit(X, y)
    print(f"{C:6.0e}  {np.linalg.norm(model.coef_):6.2f}  {model.score(X, y):14.2f}")
    #>  1e-02    0.19            1.00
    #>  1e+00    2.64            1.00
    #>  1e+02    8.54            1.00
    #>  1e+04   16.76            1.00
    #>  1e+06   26.20            1.00
# --8<-- [end:logistic-c]

# --8<-- [start:logistic-gd]
import numpy as np
from scipy.optimize import minimize

import normdocs as nd

rng = np.random.default_rng(0)
X = rng.normal(size=(200, 2))
score = X @ np.array([1.0, 1.0])
keep = np.abs(score) > 0.5
X, y = X[keep][:40], np.where(score[keep][:40] > 0, 1.0, -1.0)  # labels -1, +1

# the max-margin direction: min |w|^2 / 2 subject to y_i <w, x_i> >= 1 (hard-margin SVM)
margins = {"type": "ineq", "fun": lambda w: y * (X @ w) - 1, "jac": lambda w: y[:, None] * X}
w_svm = minimize(
    lambda w: 0.5 * w @ w,
    np.ones(2),
    jac=lambda w: w,
    constraints=[margins],
    method="SLSQP",
    tol=1e-14,
).x
print(f"|w_svm| = {nd.l2_norm(w_svm):.3f}; |w_svm| ln 10 = {nd.l2_norm(w_svm) * np.log(10):.2f}")
#> |w_svm| = 2.494; |w_svm| ln 10 = 5.74

for lam in (0.0, 0.01):  # mean logistic loss + lam * nd.l2_penalty(w), gradient descent, lr 1
    w, norms = np.zeros(2), []
    for t in range(1, 10**4 + 1):
        p = 1.0 / (1.0 + np.exp(y * (X @ w)))  # sigmoid(-y <w, x>)
        w -= -(X.T @ (y * p)) / len(y) + lam * w  # the gradient of lam * l2_penalty is lam * w
        if t in (10, 100, 1000, 10**4):
            norms.append(nd.l2_norm(w))
    loss = np.mean(np.log1p(np.exp(-y * (X @ w)))) + lam * nd.l2_penalty(w)
    print(
        f"lam = {lam}: |w| after 10, 100, 1000, 10000 steps: "
        f"{' '.join(f'{v:.3f}' for v in norms)}; loss {loss:.2e}"
    )
    #> lam = 0.0: |w| after 10, 100, 1000, 10000 steps: 2.152 4.993 8.837 13.330; loss 4.45e-04
    #> lam = 0.01: |w| after 10, 100, 1000, 10000 steps: 2.059 3.508 3.559 3.559; loss 1.24e-01
# --8<-- [end:logistic-gd]

# --8<-- [start:alpha-conversion]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, Ridge
from sklearn.preprocessing import StandardScaler

X, y = load_diabetes(return_X_y=True)  # columns centred, each of L2 norm 1
Z = StandardScaler().fit_transform(X)  # columns centred, each of standard deviation 1
c = np.sqrt(len(y))
print(f"Z = sqrt(n) X: {np.allclose(Z, c * X)} (sqrt(n) = {c:.2f})")
#> Z = sqrt(n) X: True (sqrt(n) = 21.02)
for name, on_X, on_Z in (
    ("Lasso", Lasso(alpha=0.1), Lasso(alpha=0.1 * c)),
    ("Ridge", Ridge(alpha=0.1), Ridge(alpha=0.1 * c**2)),
):
    gap = np.abs(on_X.fit(X, y).predict(X) - on_Z.fit(Z, y).predict(Z)).max()
    print(
        f"{name}: alpha {on_X.alpha} on X and {on_Z.alpha:.2f} on Z, "
        f"largest prediction difference {gap:.0e}"
    )
    #> Lasso: alpha 0.1 on X and 2.10 on Z, largest prediction difference 6e-14
    #> Ridge: alpha 0.1 on X and 44.20 on Z, largest prediction difference 2e-13
# --8<-- [end:alpha-conversion]

# --8<-- [start:ic-small-n]
import numpy as np
from sklearn.linear_model import LassoLarsIC

rng = np.random.default_rng(0)
X = rng.normal(size=(20, 50))  # fewer samples than features
y = X[:, :3] @ np.array([3.0, -2.0, 1.5]) + 0.5 * rng.normal(size=20)
try:
    LassoLarsIC(criterion="bic").fit(X, y)
except ValueError as error:
    print("ValueError:", str(error).split(". ")[-1])  # its last sentence
    #> ValueError: Provide an estimate of the noise variance in the constructor.
model = LassoLarsIC(criterion="bic", noise_variance=0.25).fit(X, y)  # the true 0.5^2
print(f"with noise_variance=0.25: alpha {model.alpha_:.3f}, nonzero {np.flatnonzero(model.coef_)}")
#> with noise_variance=0.25: alpha 0.157, nonzero [ 0  1  2 11 19 23]
# --8<-- [end:ic-small-n]
