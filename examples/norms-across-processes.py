"""Examples of the page docs/training/norms-across-processes.md."""

# --8<-- [start:combine-numpy]
import numpy as np

if __name__ == "__main__":  # (see the note on the page: spawned processes import this file)
    rng = np.random.default_rng(0)
    x = rng.normal(size=10)
    shards = [x[0:4], x[4:4], x[4:7], x[7:10]]  # four "ranks"; rank 1 holds nothing

    for p in (1, 2, 3):
        local = [np.sum(np.abs(s) ** p) ** (1 / p) for s in shards]  # each rank's own norm
        combined = sum(n**p for n in local) ** (1 / p)  # what an all_reduce SUM of n**p gives
        print(f"p={p}: from the shards {combined:.6f}, whole vector {np.linalg.norm(x, p):.6f}")
        #> p=1: from the shards 6.120660, whole vector 6.120660
        #> p=2: from the shards 2.359239, whole vector 2.359239
        #> p=3: from the shards 1.808067, whole vector 1.808067
    peak = max(np.max(np.abs(s), initial=0.0) for s in shards)  # an all_reduce MAX
    print(f"p=inf: from the shards {peak:.6f}, whole vector {np.linalg.norm(x, np.inf):.6f}")
    #> p=inf: from the shards 1.304000, whole vector 1.304000
    count = sum(np.count_nonzero(s) for s in shards)  # an all_reduce SUM of counts
    print(f"p=0: from the shards {count}, whole vector {np.count_nonzero(x)}")
    #> p=0: from the shards 10, whole vector 10
# --8<-- [end:combine-numpy]

# --8<-- [start:combine-torch]
import math
import os
import tempfile

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

BOUNDS = [0, 4, 4, 7, 10]  # rank r holds x[BOUNDS[r]:BOUNDS[r + 1]]; rank 1 holds nothing


def run_plain(rank, world, store, results):
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=world)
    x = torch.from_numpy(np.random.default_rng(0).normal(size=10))  # the same x on every rank
    local = x[BOUNDS[rank] : BOUNDS[rank + 1]]  # this rank's shard
    sum_sq = local.square().sum()  # local sum of squares
    dist.all_reduce(sum_sq, op=dist.ReduceOp.SUM)
    peak = local.abs().max() if local.numel() else torch.zeros((), dtype=x.dtype)
    dist.all_reduce(peak, op=dist.ReduceOp.MAX)
    nan_peak = torch.tensor(math.nan if rank == world - 1 else 1.0)  # a NaN on the last rank
    dist.all_reduce(nan_peak, op=dist.ReduceOp.MAX)
    results.put((rank, float(sum_sq.sqrt()), float(peak), float(nan_peak)))
    dist.destroy_process_group()


if __name__ == "__main__":
    world = 4
    results = mp.get_context("spawn").SimpleQueue()
    with tempfile.TemporaryDirectory() as tmp:
        mp.spawn(run_plain, args=(world, os.path.join(tmp, "store"), results), nprocs=world)
    for rank, l2, linf, nan_linf in sorted(results.get() for _ in range(world)):
        print(f"rank {rank}: L2 {l2:.6f}, Linf {linf:.6f}, Linf with a NaN {nan_linf}")
        #> rank 0: L2 2.359239, Linf 1.304000, Linf with a NaN 1.0
        #> rank 1: L2 2.359239, Linf 1.304000, Linf with a NaN 1.0
        #> rank 2: L2 2.359239, Linf 1.304000, Linf with a NaN 1.0
        #> rank 3: L2 2.359239, Linf 1.304000, Linf with a NaN 1.0
    results.close()
# --8<-- [end:combine-torch]

# --8<-- [start:combine-normdocs]
import math
import os
import tempfile

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from normdocs.distributed import vector_norm

BOUNDS = [0, 4, 4, 7, 10]  # rank r holds x[BOUNDS[r]:BOUNDS[r + 1]]; rank 1 holds nothing


def run_normdocs(rank, world, store, results):
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=world)
    calls = []  # count the collectives: wrap torch.distributed.all_reduce
    all_reduce = dist.all_reduce

    def counted(*args, **kwargs):
        calls.append(kwargs.get("op", dist.ReduceOp.SUM))
        return all_reduce(*args, **kwargs)

    dist.all_reduce = counted
    x = torch.from_numpy(np.random.default_rng(0).normal(size=10))
    local = x[BOUNDS[rank] : BOUNDS[rank + 1]]
    norms = [float(vector_norm(local, p)) for p in (1, 2, 3, math.inf, 0)]
    dist.all_reduce = all_reduce
    huge = float(vector_norm(torch.tensor([1e200], dtype=torch.float64)))  # 1e200 on each rank
    nan = float(vector_norm(torch.tensor([math.nan if rank == world - 1 else 1.0]), math.inf))
    results.put((rank, norms, huge, nan, len(calls)))
    dist.destroy_process_group()


if __name__ == "__main__":
    world = 4
    results = mp.get_context("spawn").SimpleQueue()
    with tempfile.TemporaryDirectory() as tmp:
        mp.spawn(run_normdocs, args=(world, os.path.join(tmp, "store"), results), nprocs=world)
    rows = sorted(results.get() for _ in range(world))
    results.close()
    for rank, norms, huge, nan, _ in rows:  # ord 1, 2, 3, inf, 0 | 1e200 shards | a NaN
        print(f"rank {rank}:", " ".join(f"{n:.6f}" for n in norms), f"| {huge:.6e} | {nan}")
        #> rank 0: 6.120660 2.359239 1.808067 1.304000 10.000000 | 2.000000e+200 | nan
        #> rank 1: 6.120660 2.359239 1.808067 1.304000 10.000000 | 2.000000e+200 | nan
        #> rank 2: 6.120660 2.359239 1.808067 1.304000 10.000000 | 2.000000e+200 | nan
        #> rank 3: 6.120660 2.359239 1.808067 1.304000 10.000000 | 2.000000e+200 | nan
    print("all_reduce calls for the 5 norms, per rank:", [row[4] for row in rows])
    #> all_reduce calls for the 5 norms, per rank: [5, 5, 5, 5]
# --8<-- [end:combine-normdocs]

# --8<-- [start:naive-overflow]
import numpy as np

if __name__ == "__main__":
    local = np.array([1e200, 1e200])  # the local L2 norms of two ranks, each representable
    with np.errstate(over="ignore"):
        naive = np.sqrt(np.sum(local**2))  # all_reduce SUM of squares: 1e400 overflows
    m = local.max()  # all ranks agree on the largest local norm...
    safe = m * np.sqrt(np.sum((local / m) ** 2))  # ...and sum squares of norms divided by it
    print(f"naive {naive}, scaled {safe:.6e}, exact {np.sqrt(2) * 1e200:.6e}")
    #> naive inf, scaled 1.414214e+200, exact 1.414214e+200

    local32 = np.array([3e20, 4e20], dtype=np.float32)
    with np.errstate(over="ignore"):
        naive32 = np.sqrt(np.sum(local32**2))  # 9e40 is beyond float32's 3.4e38
    wide = np.sqrt(np.sum(local32.astype(np.float64) ** 2))  # squares of float32 fit in float64
    print(f"float32: naive {naive32}, in float64 {wide:.6e}")
    #> float32: naive inf, in float64 5.000000e+20

    tiny = np.array([1e-200, 1e-200])
    print(f"underflow: naive {np.sqrt(np.sum(tiny**2))}, scaled {tiny.max() * np.sqrt(2):.6e}")
    #> underflow: naive 0.0, scaled 1.414214e-200
# --8<-- [end:naive-overflow]

# --8<-- [start:fsdp-clipping]
import os
import tempfile

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

import normdocs as nd

SCALES = [1.3, 5.0]  # rank 0's gradients are small, rank 1's large


def gradient_shard(rank):  # this rank's shard of the gradient (4 entries)
    return torch.from_numpy(SCALES[rank] * np.random.default_rng(rank).normal(size=4))


def run_clipping(rank, world, store, results):
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=world)
    by_global = torch.nn.Parameter(torch.zeros(4, dtype=torch.float64))
    by_global.grad = gradient_shard(rank)
    total = nd.clip_grad_norm_([by_global], max_norm=1.0, group=dist.group.WORLD)
    by_local = torch.nn.Parameter(torch.zeros(4, dtype=torch.float64))
    by_local.grad = gradient_shard(rank)
    local_total = nd.clip_grad_norm_([by_local], max_norm=1.0)  # no group: this rank only
    clipped = (by_global.grad.tolist(), by_local.grad.tolist())
    results.put((rank, float(total), float(local_total), clipped))
    dist.destroy_process_group()


if __name__ == "__main__":
    world = 2
    results = mp.get_context("spawn").SimpleQueue()
    with tempfile.TemporaryDirectory() as tmp:
        mp.spawn(run_clipping, args=(world, os.path.join(tmp, "store"), results), nprocs=world)
    rows = sorted(results.get() for _ in range(world))
    results.close()
    for rank, total, local_total, (by_global, by_local) in rows:
        factors = [c[0] / float(gradient_shard(rank)[0]) for c in (by_global, by_local)]
        print(
            f"rank {rank}: returned {total:.4f} (local {local_total:.4f}), "
            f"factor {factors[0]:.4f} (global) or {factors[1]:.4f} (local)"
        )
        #> rank 0: returned 8.1127 (local 0.8763), factor 0.1233 (global) or 1.0000 (local)
        #> rank 1: returned 8.1127 (local 8.0652), factor 0.1233 (global) or 0.1240 (local)

    # the reference: the whole gradient in one process, clipped by torch
    whole = torch.nn.Parameter(torch.zeros(4 * world, dtype=torch.float64))
    whole.grad = torch.cat([gradient_shard(r) for r in range(world)])
    original = whole.grad.clone()
    torch.nn.utils.clip_grad_norm_([whole], max_norm=1.0)
    for name, i in (("global", 0), ("local", 1)):
        clipped = torch.tensor([v for row in rows for v in row[3][i]], dtype=torch.float64)
        cos = torch.nn.functional.cosine_similarity(clipped, original, dim=0)
        same = torch.allclose(clipped, whole.grad, rtol=1e-14, atol=0)
        print(f"by the {name} norm: norm {clipped.norm():.4f}, cosine {cos:.4f}, torch's: {same}")
        #> by the global norm: norm 1.0000, cosine 1.0000, torch's: True
        #> by the local norm: norm 1.3296, cosine 0.8189, torch's: False
# --8<-- [end:fsdp-clipping]
