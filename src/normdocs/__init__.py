"""normdocs: norms, losses, penalties and proximal operators for deep learning.

Every function accepts a NumPy array, a PyTorch tensor (autograd kept), any
Array API array, or a nested list / Python scalar (treated as NumPy), and
returns an object of the input's library.
"""

from normdocs._options import options
from normdocs.losses import huber_loss, l1_loss, mse_loss, smooth_l1_loss
from normdocs.norms import (
    l0_norm,
    l1_norm,
    l2_norm,
    l21_norm,
    linf_norm,
    matrix_norm,
    vector_norm,
)
from normdocs.penalties import elastic_net_penalty, l1_penalty, l2_penalty, regularized_loss
from normdocs.projections import project_l1_ball, project_l2_ball, project_linf_ball
from normdocs.prox import group_soft_threshold, soft_threshold
from normdocs.similarity import cosine_similarity, normalize
from normdocs.training import clip_grad_norm_, max_norm_

__all__ = [
    "clip_grad_norm_",
    "cosine_similarity",
    "elastic_net_penalty",
    "group_soft_threshold",
    "huber_loss",
    "l0_norm",
    "l1_loss",
    "l1_norm",
    "l1_penalty",
    "l2_norm",
    "l2_penalty",
    "l21_norm",
    "linf_norm",
    "matrix_norm",
    "max_norm_",
    "mse_loss",
    "normalize",
    "options",
    "project_l1_ball",
    "project_l2_ball",
    "project_linf_ball",
    "regularized_loss",
    "smooth_l1_loss",
    "soft_threshold",
    "vector_norm",
]

__version__ = "0.1.0"
