"""normdocs: norms, losses, penalties and proximal operators for deep learning.

Every function accepts a NumPy array, a PyTorch tensor (autograd kept), any
Array API array, or a nested list / Python scalar (treated as NumPy), and
returns an object of the input's library.
"""

from normdocs._options import options
from normdocs.losses import huber_loss, l1_loss, mse_loss
from normdocs.norms import l0_norm, l1_norm, l2_norm, linf_norm, matrix_norm, vector_norm
from normdocs.penalties import elastic_net_penalty, l1_penalty, l2_penalty, regularized_loss
from normdocs.prox import soft_threshold

__all__ = [
    "elastic_net_penalty",
    "huber_loss",
    "l0_norm",
    "l1_loss",
    "l1_norm",
    "l1_penalty",
    "l2_norm",
    "l2_penalty",
    "linf_norm",
    "matrix_norm",
    "mse_loss",
    "options",
    "regularized_loss",
    "soft_threshold",
    "vector_norm",
]

__version__ = "0.1.0"
