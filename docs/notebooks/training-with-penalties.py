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
# # Training with none, L1, L2 and AdamW
#
# A small PyTorch network on scikit-learn's breast-cancer data (569 tumours, 30
# features, shipped with scikit-learn), trained four ways:
#
# - **none**: Adam and the cross-entropy alone;
# - **L1**: Adam on $L(w) + \lambda_1 \lVert w \rVert_1$, written with `nd.regularized_loss`;
# - **L2**: Adam on $L(w) + \lambda_2 \tfrac12 \lVert w \rVert_2^2$, the same as `Adam(weight_decay=λ)`;
# - **AdamW**: Adam with *decoupled* weight decay, $w \leftarrow w - \eta\lambda w$ outside the adaptive step.
#
# Only weight matrices are penalized; biases are not.

# %%
import numpy as np
import torch
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

import normdocs as nd

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
mean, std = X_train.mean(0), X_train.std(0)
X_train, X_test = (torch.tensor((a - mean) / std, dtype=torch.float32) for a in (X_train, X_test))
y_train, y_test = (torch.tensor(a, dtype=torch.float32) for a in (y_train, y_test))
print(X_train.shape, X_test.shape)

# %%
def make_model():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(30, 64), torch.nn.ReLU(), torch.nn.Linear(64, 1))


def train(kind, lam, epochs=300):
    model = make_model()
    weights = [p for p in model.parameters() if p.ndim > 1]
    biases = [p for p in model.parameters() if p.ndim <= 1]
    if kind == "AdamW":
        opt = torch.optim.AdamW(
            [{"params": weights, "weight_decay": lam}, {"params": biases, "weight_decay": 0.0}],
            lr=1e-2,
        )
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    l1 = lam if kind == "L1" else 0.0
    l2 = lam if kind == "L2" else 0.0
    for _ in range(epochs):
        opt.zero_grad()
        logits = model(X_train).squeeze(1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y_train)
        nd.regularized_loss(loss, weights, l1=l1, l2=l2).backward()
        opt.step()
    with torch.no_grad():
        test_acc = ((model(X_test).squeeze(1) > 0).float() == y_test).float().mean().item()
        train_acc = ((model(X_train).squeeze(1) > 0).float() == y_train).float().mean().item()
        w = torch.cat([p.detach().ravel() for p in weights])
    return train_acc, test_acc, w


runs = {
    "none": train("none", 0.0),
    "L1": train("L1", 1e-3),
    "L2": train("L2", 1e-2),
    "AdamW": train("AdamW", 1e-1),
}
print(f"{'':6s} {'train':>6s} {'test':>6s} {'||w||_2':>8s} {'|w| < 1e-3':>11s}")
for name, (tr, te, w) in runs.items():
    small = int((w.abs() < 1e-3).sum())
    print(f"{name:6s} {tr:6.3f} {te:6.3f} {nd.l2_norm(w).item():8.2f} {small:11d}")

# %% [markdown]
# ## What to read in the table
#
# - Without a penalty the network fits the training set perfectly; the penalties
#   trade a little training accuracy for smaller weights.
# - **L1 with Adam does not give exact zeros.** Adam's steps are roughly $\pm\eta$
#   whatever the gradient's size, so small weights keep jumping around zero; they
#   only end up *small*. Exact zeros need a proximal step, and soft-thresholding
#   by `lr * lam` after `opt.step()` is one only for plain SGD without momentum, not
#   for Adam (see [L1 and sparsity](../../regularization/l1-sparsity/#in-pytorch-a-penalty-in-the-loss-does-not-give-zeros),
#   which shows both).
# - **L2 inside Adam and AdamW's decay are different methods**: with L2 the decay
#   term is divided by Adam's running gradient scale, so weights with large
#   gradients are barely decayed; AdamW decays all weights at the same rate. The
#   page [L2 and weight decay](../../regularization/l2-weight-decay/#adams-weight_decay-is-not-adamws)
#   compares the two on one model with the same $\lambda$.
#
# ## The distribution of the weights
#
# Quantiles of $|w|$ for each run: L1 and L2 move the whole distribution towards
# zero; none of the runs has exact zeros.

# %%
qs = [0.1, 0.5, 0.9]
print(f"{'':6s} " + " ".join(f"{'q' + str(q):>8s}" for q in qs) + f" {'exact 0':>8s}")
for name, (_, _, w) in runs.items():
    quantiles = np.quantile(w.abs().numpy(), qs)
    print(f"{name:6s} " + " ".join(f"{v:8.4f}" for v in quantiles) + f" {int((w == 0).sum()):8d}")
