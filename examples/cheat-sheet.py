"""The table of docs/guides/cheat-sheet.md, and the check that every call in it agrees.

`ROWS` is the table itself: scripts/hooks/cheat_sheet.py runs the `check` section at
build time and renders `ROWS` into the page. The section evaluates every NumPy, PyTorch
and normdocs call on the same data and stops on the first row whose results differ.
"""

# --8<-- [start:check]
import numpy as np
import torch
import torch.nn.functional as F

import normdocs as nd

# (what, formula in TeX, NumPy, PyTorch, normdocs)
ROWS = [
    ("L1 norm", r"\sum_i \lvert x_i \rvert",
     "np.linalg.norm(x, 1)", "torch.linalg.vector_norm(x, 1)", "nd.l1_norm(x)"),
    ("L2 norm", r"\sqrt{\sum_i x_i^2}",
     "np.linalg.norm(x)", "torch.linalg.vector_norm(x)", "nd.l2_norm(x)"),
    ("Lp norm, p = 3", r"\big(\sum_i \lvert x_i \rvert^p\big)^{1/p}",
     "np.linalg.norm(x, 3)", "torch.linalg.vector_norm(x, 3)", "nd.vector_norm(x, 3)"),
    ("L-infinity norm", r"\max_i \lvert x_i \rvert",
     "np.linalg.norm(x, np.inf)", "torch.linalg.vector_norm(x, float('inf'))", "nd.linf_norm(x)"),
    ("L0 (not a norm)", r"\#\{i : x_i \ne 0\}",
     "np.count_nonzero(x)", "torch.count_nonzero(x)", "nd.l0_norm(x)"),
    ("Frobenius norm", r"\sqrt{\sum_{ij} a_{ij}^2}",
     "np.linalg.norm(A, 'fro')", "torch.linalg.matrix_norm(A)", "nd.matrix_norm(A)"),
    ("spectral norm", r"\sigma_{\max}(A)",
     "np.linalg.norm(A, 2)", "torch.linalg.matrix_norm(A, 2)", "nd.matrix_norm(A, 2)"),
    ("nuclear norm", r"\sum_k \sigma_k(A)",
     "np.linalg.norm(A, 'nuc')", "torch.linalg.matrix_norm(A, 'nuc')", "nd.matrix_norm(A, 'nuc')"),
    ("induced 1-norm (max column sum)", r"\max_j \sum_i \lvert a_{ij} \rvert",
     "np.linalg.norm(A, 1)", "torch.linalg.matrix_norm(A, 1)", "nd.matrix_norm(A, 1)"),
    ("induced inf-norm (max row sum)", r"\max_i \sum_j \lvert a_{ij} \rvert",
     "np.linalg.norm(A, np.inf)", "torch.linalg.matrix_norm(A, float('inf'))",
     "nd.matrix_norm(A, float('inf'))"),
    ("entrywise L1 norm", r"\sum_{ij} \lvert a_{ij} \rvert",
     "np.abs(A).sum()", "A.abs().sum()", "nd.l1_norm(A)"),
    ("L2,1 norm (groups = rows)", r"\sum_i \lVert a_{i,:} \rVert_2",
     "np.linalg.norm(A, axis=1).sum()", "torch.linalg.vector_norm(A, dim=1).sum()",
     "nd.l21_norm(A, axis=1)"),
    ("MSE loss", r"\frac1n \lVert \hat y - y \rVert_2^2",
     "np.mean((pred - target) ** 2)", "F.mse_loss(pred, target)", "nd.mse_loss(pred, target)"),
    ("MAE (L1) loss", r"\frac1n \lVert \hat y - y \rVert_1",
     "np.mean(np.abs(pred - target))", "F.l1_loss(pred, target)", "nd.l1_loss(pred, target)"),
    ("Huber loss, delta = 1",
     r"\frac1n \sum_i \begin{cases} \frac12 r_i^2 & \lvert r_i \rvert < 1 \\"
     r" \lvert r_i \rvert - \frac12 & \text{else} \end{cases}",
     "np.mean(np.where(np.abs(pred - target) < 1, 0.5 * (pred - target) ** 2,"
     " np.abs(pred - target) - 0.5))",
     "F.huber_loss(pred, target, delta=1.0)", "nd.huber_loss(pred, target, delta=1.0)"),
    ("smooth L1 loss, beta = 0.5 (Huber / beta)",
     r"\frac1n \sum_i \begin{cases} \frac12 r_i^2 / \beta & \lvert r_i \rvert < \beta \\"
     r" \lvert r_i \rvert - \frac12 \beta & \text{else} \end{cases}",
     "np.mean(np.where(np.abs(pred - target) < 0.5, (pred - target) ** 2,"
     " np.abs(pred - target) - 0.25))",
     "F.smooth_l1_loss(pred, target, beta=0.5)", "nd.smooth_l1_loss(pred, target, beta=0.5)"),
    ("L1 penalty", r"\lVert w \rVert_1",
     "np.abs(w).sum()", "w.abs().sum()", "nd.l1_penalty(w)"),
    ("L2 penalty (weight decay)", r"\tfrac12 \lVert w \rVert_2^2",
     "0.5 * np.sum(w**2)", "0.5 * w.pow(2).sum()", "nd.l2_penalty(w)"),
    ("elastic net, l1_ratio = 0.5", r"\tfrac12 \lVert w \rVert_1 + \tfrac14 \lVert w \rVert_2^2",
     "0.5 * np.abs(w).sum() + 0.25 * np.sum(w**2)", "0.5 * w.abs().sum() + 0.25 * w.pow(2).sum()",
     "nd.elastic_net_penalty(w, l1_ratio=0.5)"),
    ("soft-thresholding (L1 prox)", r"\operatorname{sign}(x) \max(\lvert x \rvert - t, 0)",
     "np.sign(x) * np.maximum(np.abs(x) - t, 0)", "F.softshrink(x, t)", "nd.soft_threshold(x, t)"),
    ("group soft-thresholding (L2,1 prox, groups = rows)",
     r"a_{i,:} \max(1 - t / \lVert a_{i,:} \rVert_2, 0)",
     "A * np.maximum(1 - t / np.linalg.norm(A, axis=1, keepdims=True), 0)",
     "A * torch.clamp(1 - t / torch.linalg.vector_norm(A, dim=1, keepdim=True), min=0)",
     "nd.group_soft_threshold(A, t, axis=1)"),
    ("projection onto the L2 ball, radius 1", r"x \min(1, 1 / \lVert x \rVert_2)",
     "x * min(1, 1 / np.linalg.norm(x))", "x * torch.clamp(1 / torch.linalg.vector_norm(x), max=1)",
     "nd.project_l2_ball(x, 1.0)"),
    ("projection onto the L1 ball, radius 1, of x outside it; u: the sorted |x_i|, largest first",
     r"\operatorname{sign}(x) \max(\lvert x \rvert - \theta, 0),"
     r" \ \theta = \max_k \tfrac1k \big(\textstyle\sum_{i \le k} u_i - 1\big)",
     "np.sign(x) * np.maximum(np.abs(x) - np.max((np.cumsum(np.sort(np.abs(x))[::-1]) - 1)"
     " / np.arange(1, x.size + 1)), 0)",
     "torch.sign(x) * torch.clamp(x.abs() - ((x.abs().sort(descending=True).values.cumsum(0)"
     " - 1) / torch.arange(1, x.numel() + 1)).max(), min=0)",
     "nd.project_l1_ball(x, 1.0)"),
    ("projection onto the L-infinity ball, radius t", r"\operatorname{clip}(x_i, -t, t)",
     "np.clip(x, -t, t)", "torch.clamp(x, -t, t)", "nd.project_linf_ball(x, t)"),
    ("L2 normalization", r"x / \max(\lVert x \rVert_2, \varepsilon)",
     "x / np.linalg.norm(x)", "F.normalize(x, dim=0)", "nd.normalize(x)"),
    ("cosine similarity", r"\langle x, y \rangle / (\lVert x \rVert_2 \lVert y \rVert_2)",
     "pred @ target / (np.linalg.norm(pred) * np.linalg.norm(target))",
     "F.cosine_similarity(pred, target, dim=0)", "nd.cosine_similarity(pred, target)"),
]

rng = np.random.default_rng(0)
data = {
    "x": rng.normal(size=8),
    "A": rng.normal(size=(4, 3)),
    "pred": rng.normal(size=10) * 2,
    "target": rng.normal(size=10),
    "w": rng.normal(size=(3, 5)),
    "t": 0.5,
}
data["x"][2] = 0.0  # so that L0 counts something
libs = {"np": np, "torch": torch, "F": F, "nd": nd}
numpy_env = {**libs, **data}
torch_data = {k: torch.tensor(v) if isinstance(v, np.ndarray) else v for k, v in data.items()}
torch_env = {**libs, **torch_data}

for what, _, numpy_call, torch_call, normdocs_call in ROWS:
    reference = np.asarray(eval(numpy_call, numpy_env), dtype=float)
    calls = ((torch_call, torch_env), (normdocs_call, numpy_env), (normdocs_call, torch_env))
    for call, env in calls:
        result = eval(call, env)
        result = result.numpy() if isinstance(result, torch.Tensor) else np.asarray(result)
        assert np.allclose(result.astype(float), reference, rtol=1e-12), (what, call)
print(f"{len(ROWS)} rows: NumPy, PyTorch and normdocs agree on every one")
#> 26 rows: NumPy, PyTorch and normdocs agree on every one
# --8<-- [end:check]
