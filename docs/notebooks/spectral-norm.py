# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Matrix norms and the spectral norm
#
# A matrix $A \in \mathbb{R}^{m \times n}$ has several useful sizes. We use
#
# $$
# A = \begin{pmatrix} 1 & -2 \\ 3 & 4 \end{pmatrix}
# $$
#
# throughout, and compute each norm with NumPy, PyTorch and normdocs.

# %%
import numpy as np
import torch

import normdocs as nd

A = np.array([[1.0, -2.0], [3.0, 4.0]])
At = torch.tensor(A)

# %% [markdown]
# ## Frobenius norm
#
# The L2 norm of all entries: $\lVert A \rVert_F = \sqrt{\sum_{ij} a_{ij}^2} = \sqrt{30}$.

# %%
print(np.linalg.norm(A, "fro"), torch.linalg.matrix_norm(At, "fro").item(), nd.matrix_norm(A))

# %% [markdown]
# ## Spectral norm
#
# The largest singular value, $\lVert A \rVert_2 = \sigma_{\max}(A) = \max_{\lVert x \rVert_2 = 1} \lVert A x \rVert_2$,
# the most a matrix can stretch a vector. Power iteration on $A^\top A$ finds it
# without a full SVD:

# %%
v = np.ones(2) / np.sqrt(2)
for _ in range(50):
    v = A.T @ (A @ v)
    v /= np.linalg.norm(v)
sigma_max = np.linalg.norm(A @ v)
print(sigma_max, np.linalg.norm(A, 2), nd.matrix_norm(A, 2))
assert np.isclose(sigma_max, nd.matrix_norm(A, 2))

# %% [markdown]
# ## Nuclear norm
#
# The sum of the singular values, $\lVert A \rVert_* = \sum_k \sigma_k$, the convex
# surrogate of the rank.

# %%
s = np.linalg.svd(A, compute_uv=False)
print(s, s.sum(), nd.matrix_norm(A, "nuc"))

# %% [markdown]
# ## Induced 1 and infinity norms
#
# $\lVert A \rVert_1 = \max_j \sum_i |a_{ij}|$ is the largest **column** sum (here
# $|-2| + |4| = 6$), and $\lVert A \rVert_\infty = \max_i \sum_j |a_{ij}|$ the largest
# **row** sum ($|3| + |4| = 7$). Neither is the sum of all $|a_{ij}| = 10$: that is the
# entrywise L1 norm, `nd.l1_norm(A)`.

# %%
print(np.linalg.norm(A, 1), np.linalg.norm(A, np.inf), nd.l1_norm(A))
