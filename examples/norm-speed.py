"""Examples of the page docs/performance/norm-speed.md: the fastest correct way to compute a norm.

No timings are printed here (they change from run to run); the page's numbers come from
scripts/bench.py. What is printed is what makes a way correct or not.
"""

# --8<-- [start:l1-numpy]
import numpy as np
from scipy.linalg import blas

x = np.random.default_rng(0).standard_normal(1_000_000)

l1 = blas.dasum(x)  # BLAS: one read of x, no temporary (float64, contiguous, real)
print(np.isclose(l1, np.abs(x).sum(), rtol=1e-12, atol=0))
#> True
# --8<-- [end:l1-numpy]

# --8<-- [start:l1-chunked]
import numpy as np


def l1_norm(x, chunk=32_768):
    """sum(|x|) reading x once: |chunk| goes to a small buffer that stays in the cache."""
    x = np.ravel(x)  # a view when x is contiguous
    buf = np.empty(min(chunk, x.size), dtype=x.dtype)
    total = 0.0
    for i in range(0, x.size, chunk):
        part = x[i : i + chunk]
        total += float(np.abs(part, out=buf[: part.size]).sum())
    return total


x = np.random.default_rng(0).standard_normal(1_000_000)
print(np.isclose(l1_norm(x), np.abs(x).sum(), rtol=1e-12, atol=0))
#> True
# --8<-- [end:l1-chunked]

# --8<-- [start:l1-torch]
import torch

t = torch.randn(1_000_000, generator=torch.Generator().manual_seed(0))
l1 = torch.linalg.vector_norm(t, 1)  # one pass, no temporary; float32 accumulation
print(torch.isclose(l1, t.double().abs().sum().float(), rtol=1e-3))
#> tensor(True)
# --8<-- [end:l1-torch]

# --8<-- [start:l1-normdocs]
import numpy as np
import torch

import normdocs as nd

x = np.random.default_rng(0).standard_normal(1_000_000)
print(np.isclose(nd.l1_norm(x), np.abs(x).sum(), rtol=1e-12, atol=0))
#> True
t = torch.from_numpy(x).float()
print(torch.isclose(nd.l1_norm(t), t.double().abs().sum().float()))
#> tensor(True)
# --8<-- [end:l1-normdocs]

# --8<-- [start:torch-accuracy]
import torch

import normdocs as nd

t = torch.randn(10_000_000, generator=torch.Generator().manual_seed(0))
exact = t.double().abs().sum().item()  # in float64: exact to 1e-15


def error(value):
    return abs(value.item() - exact) / exact


print(error(torch.linalg.vector_norm(t, 1)) > 1e-4)  # one running float32 sum
#> True
print(error(nd.l1_norm(t)) < 1e-5)  # norms of rows, then the norm of those
#> True
# --8<-- [end:torch-accuracy]

# --8<-- [start:linf-numpy]
import numpy as np

x = np.random.default_rng(0).standard_normal(1_000_000)
x[123] = -9.0

linf = np.maximum(x.max(), -x.min())  # two reads of x, no temporary; NaN propagates
print(linf, np.abs(x).max())
#> 9.0 9.0
# --8<-- [end:linf-numpy]

# --8<-- [start:linf-bits]
import numpy as np


def linf_norm(x, chunk=131_072):
    """max(|x|) of a float64 array: integer maxima of its bits, each chunk read twice while
    it is in the cache. x >= 0 grows with its bits read as int64; x <= -0.0 grows (in |x|)
    with its bits read as uint64; a NaN's bits lie above inf's, so a NaN comes out."""
    x = np.ravel(x)  # a view when x is contiguous
    signed, unsigned = x.view(np.int64), x.view(np.uint64)
    high, low = -1, 0
    for i in range(0, x.size, chunk):
        high = max(high, int(signed[i : i + chunk].max()))
        low = max(low, int(unsigned[i : i + chunk].max()))
    bits = max(high, low - 2**63)  # the larger magnitude of the two sides
    return np.int64(bits).view(np.float64)


x = np.random.default_rng(0).standard_normal(1_000_000)
x[123] = -9.0
print(linf_norm(x), np.abs(x).max())
#> 9.0 9.0
x[456] = -np.nan  # a NaN with its sign bit set
print(linf_norm(x))
#> nan
# --8<-- [end:linf-bits]

# --8<-- [start:linf-idamax]
import numpy as np
from scipy.linalg import blas

x = np.array([1.0, -2.0, np.nan])
print(np.abs(x).max(), np.maximum(x.max(), -x.min()))
#> nan nan
print(abs(x[blas.idamax(x)]))  # BLAS's index of the largest |x_i| skips this NaN
#> 2.0
# --8<-- [end:linf-idamax]

# --8<-- [start:linf-torch]
import math

import torch

t = torch.randn(1_000_000, generator=torch.Generator().manual_seed(0))
lo, hi = torch.aminmax(t)  # one pass for both
linf = torch.maximum(hi, -lo)
print(torch.equal(linf, torch.linalg.vector_norm(t, math.inf)))
#> True
# --8<-- [end:linf-torch]

# --8<-- [start:linf-normdocs]
import math

import numpy as np
import torch

import normdocs as nd

x = np.random.default_rng(0).standard_normal(1_000_000)
print(nd.linf_norm(x) == np.abs(x).max())
#> True
t = torch.from_numpy(x).float()
print(torch.equal(nd.linf_norm(t), torch.linalg.vector_norm(t, math.inf)))
#> True
print(nd.linf_norm(np.array([1.0, -2.0, np.nan])))
#> nan
# --8<-- [end:linf-normdocs]

# --8<-- [start:l2-numpy]
import numpy as np
from scipy.linalg import blas

x = np.array([1e200, 1e200])
with np.errstate(over="ignore"):
    print(np.linalg.norm(x))  # the sum of squares overflows
    #> inf
print(blas.dnrm2(x))  # BLAS nrm2 scales as it goes: safe, but slower
#> 1.414213562373095e+200
# --8<-- [end:l2-numpy]

# --8<-- [start:l2-scipy]
import numpy as np
import scipy.linalg

print(scipy.linalg.norm(np.array([1e200, 1e200])))
#> 1.414213562373095e+200
try:
    scipy.linalg.norm(np.array([1.0, np.nan]))
except ValueError as exc:  # check_finite=True: NaN and inf raise
    print("ValueError:", exc)
    #> ValueError: array must not contain infs or NaNs
# --8<-- [end:l2-scipy]

# --8<-- [start:l2-torch]
import torch

t = torch.tensor([3e20, 4e20])  # float32: the squares overflow
print(torch.linalg.vector_norm(t))
#> tensor(inf)
# --8<-- [end:l2-torch]

# --8<-- [start:l2-normdocs]
import numpy as np
import torch

import normdocs as nd

x = np.random.default_rng(0).standard_normal(1_000_000)
print(nd.l2_norm(x) == np.linalg.norm(x))  # the fast path is NumPy's own
#> True
print(nd.l2_norm(np.array([1e200, 1e200])), nd.l2_norm(np.array([1e-200, 1e-200])))
#> 1.414213562373095e+200 1.414213562373095e-200
print(nd.l2_norm(torch.tensor([3e20, 4e20])))
#> tensor(5.0000e+20)
# --8<-- [end:l2-normdocs]

# --8<-- [start:penalty]
import torch

import normdocs as nd

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Linear(64, 1))
nd.l2_penalty(model).backward()  # gradient of (1/2)||w||^2 is w, written once
print(all(torch.equal(p.grad, p.detach()) for p in model.parameters()))
#> True
# --8<-- [end:penalty]
