"""Examples of the home page docs/index.md: normdocs in thirty seconds."""

# --8<-- [start:thirty-seconds]
import numpy as np
import torch

import normdocs as nd

print(nd.l1_norm([3.0, -4.0]), nd.l2_norm([3.0, -4.0]), nd.linf_norm([3.0, -4.0]))
#> 7.0 5.0 4.0
print(nd.l2_norm(np.array([1e200, 1e200])))  # np.linalg.norm gives inf
#> 1.414213562373095e+200

w = torch.tensor([0.5, -0.05, 2.0], requires_grad=True)
loss = nd.regularized_loss(nd.mse_loss(w, torch.zeros(3)), w, l1=0.1)
loss.backward()
print(loss.item(), w.grad)
#> 1.6725000143051147 tensor([ 0.4333, -0.1333,  1.4333])
print(nd.soft_threshold(w.detach(), 0.1))  # the L1 proximal step: small weights become 0
#> tensor([0.4000, -0.0000, 1.9000])
# --8<-- [end:thirty-seconds]
