"""Examples of the page docs/norms/norms-out-of-core.md: the L2 norm of a 256 MiB Dask array
made chunk by chunk on demand, in one pass and a few chunks of memory; how chunk norms
combine; the rechunk rule of spectral and nuclear norms."""

# --8<-- [start:lazy]
import dask.array as da
import numpy as np
from dask.utils import key_split

import normdocs as nd

N_CHUNKS, CHUNK = 16, 2**21  # 16 chunks of 2 Mi float64 values: 16 MiB each, 256 MiB in all


def make_chunk(block_id):
    """Chunk i of the array, made only when a task needs it: its own seeded generator."""
    return np.random.default_rng([0, block_id[0]]).standard_normal(CHUNK)


x = da.map_blocks(make_chunk, chunks=((CHUNK,) * N_CHUNKS,), dtype=np.float64)
print(x.shape, x.numblocks, f"{x.nbytes / 2**20:.0f} MiB")
#> (33554432,) (16,) 256 MiB

norm = nd.l2_norm(x)  # builds a graph of tasks; nothing is made or read yet
print(type(norm).__module__, norm.shape, norm.dtype)
#> dask.array.core () float64
for name, layer in norm.dask.layers.items():  # the task graph, layer by layer
    print(f"{len(layer):3} {key_split(name)}")
#>  16 make_chunk
#>  16 chunk_norm
#>   4 chunk_norm-partial
#>   1 chunk_norm-aggregate
# --8<-- [end:lazy]

# --8<-- [start:numpy]
import tracemalloc

import numpy as np

N_CHUNKS, CHUNK = 16, 2**21


def make_chunk(block_id):
    return np.random.default_rng([0, block_id[0]]).standard_normal(CHUNK)


tracemalloc.start()
x = np.concatenate([make_chunk((i,)) for i in range(N_CHUNKS)])  # all 256 MiB in memory
norm = np.linalg.norm(x)
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(f"{norm:.6f}")
#> 5792.906377
print("peak memory at least the whole array (256 MiB):", peak >= x.nbytes)
#> peak memory at least the whole array (256 MiB): True
# --8<-- [end:numpy]

# --8<-- [start:dask]
import tracemalloc

import dask.array as da
import numpy as np

N_CHUNKS, CHUNK = 16, 2**21


def make_chunk(block_id):
    return np.random.default_rng([0, block_id[0]]).standard_normal(CHUNK)


x = da.map_blocks(make_chunk, chunks=((CHUNK,) * N_CHUNKS,), dtype=np.float64)
tracemalloc.start()
norm = da.linalg.norm(x).compute(num_workers=2)  # sqrt(sum(|x|**2)), chunk by chunk
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(f"{norm:.6f}")
#> 5792.906377
print("peak memory below 6 chunks (96 MiB):", peak < 6 * CHUNK * 8)
#> peak memory below 6 chunks (96 MiB): True
# --8<-- [end:dask]

# --8<-- [start:normdocs]
import math
import tracemalloc

import dask.array as da
import numpy as np

import normdocs as nd

N_CHUNKS, CHUNK = 16, 2**21


made = []  # the chunks made, in the order the tasks asked for them


def make_chunk(block_id):
    made.append(block_id[0])
    return np.random.default_rng([0, block_id[0]]).standard_normal(CHUNK)


x = da.map_blocks(make_chunk, chunks=((CHUNK,) * N_CHUNKS,), dtype=np.float64)
tracemalloc.start()
norm = nd.l2_norm(x).compute(num_workers=2)  # one pass: each chunk made, read once, dropped
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(f"{norm:.6f}")
#> 5792.906377
print("chunks made:", len(made), "distinct:", len(set(made)))
#> chunks made: 16 distinct: 16
print("peak memory below 4 chunks (64 MiB):", peak < 4 * CHUNK * 8)
#> peak memory below 4 chunks (64 MiB): True

# the reference: float64 sums of squares of the same chunks, added exactly by math.fsum
chunks = (make_chunk((i,)) for i in range(N_CHUNKS))
reference = math.sqrt(math.fsum(float(np.dot(c, c)) for c in chunks))
print("relative difference below 1e-14:", abs(norm - reference) / reference < 1e-14)
#> relative difference below 1e-14: True
# --8<-- [end:normdocs]

# --8<-- [start:two-pass]
import tracemalloc

import dask.array as da
import numpy as np

N_CHUNKS, CHUNK = 16, 2**21


def make_chunk(block_id):
    return np.random.default_rng([0, block_id[0]]).standard_normal(CHUNK)


x = da.map_blocks(make_chunk, chunks=((CHUNK,) * N_CHUNKS,), dtype=np.float64)
m = abs(x).max()  # the textbook overflow guard: scale by the largest entry first...
norm = m * da.sqrt(((x / m) ** 2).sum())  # ...but x / m can start only once m is known
tracemalloc.start()
value = norm.compute(num_workers=2)
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(f"{value:.6f}")
#> 5792.906377
print("peak memory at least the whole array (256 MiB):", peak >= x.nbytes)
#> peak memory at least the whole array (256 MiB): True
# --8<-- [end:two-pass]

# --8<-- [start:combine]
import math

import numpy as np

x = np.random.default_rng(0).standard_normal(10)
pieces = [x[:3], x[3:7], x[7:]]  # three chunks of one vector

for p in (1, 2, 3, math.inf):
    whole = np.linalg.vector_norm(x, ord=p)
    of_norms = np.linalg.vector_norm([np.linalg.vector_norm(c, ord=p) for c in pieces], ord=p)
    print(f"p={p}: {whole:.6f} {of_norms:.6f}")
#> p=1: 6.120660 6.120660
#> p=2: 2.359239 2.359239
#> p=3: 1.808067 1.808067
#> p=inf: 1.304000 1.304000
sum_of_squares = sum(float(np.sum(c * c)) for c in pieces)  # p = 2, as sums of squares
print(f"{math.sqrt(sum_of_squares):.6f}")
#> 2.359239
print(np.count_nonzero(x), sum(np.count_nonzero(c) for c in pieces))  # ord=0: counts add
#> 10 10
# --8<-- [end:combine]

# --8<-- [start:overflow]
import dask.array as da
import numpy as np

import normdocs as nd

x = np.array([1e200, 1e200, 1e200, 1e200])
with np.errstate(over="ignore"):
    print(np.sqrt(np.sum(x * x)))  # each square is 1e400: inf in float64
#> inf

chunked = da.from_array(x, chunks=2)
with np.errstate(over="ignore"):  # in this thread: compute it here, not in Dask's workers
    print(da.linalg.norm(chunked).compute(scheduler="synchronous"))  # sqrt(sum(|x|**2))
#> inf
norm = nd.l2_norm(chunked).compute()  # each chunk's norm scaled, then the norm of the norms
print(f"{norm:.6e}")
#> 2.000000e+200
# --8<-- [end:overflow]

# --8<-- [start:rechunk]
import math
import textwrap

import dask.array as da
import numpy as np

import normdocs as nd

A = np.random.default_rng(0).standard_normal((2000, 300))
chunked = da.from_array(A, chunks=(500, 100))  # 4 x 3 chunks: cut along both axes

for ord in ("fro", 1, math.inf):  # sums and maxima: any chunks
    print(ord, np.isclose(nd.matrix_norm(chunked, ord).compute(), np.linalg.norm(A, ord)))
#> fro True
#> 1 True
#> inf True

try:
    nd.matrix_norm(chunked, 2)
except ValueError as error:
    print(textwrap.fill(str(error), 88))
#> matrix_norm(A, ord=2) needs singular values, which Dask computes for a matrix chunked
#> along at most one of its two axes, or for a stack of matrices whose chunks each hold
#> whole matrices; `A` of shape (2000, 300) is chunked along both of its axes (4 x 3 chunks
#> over the last two axes): rechunk it so that one axis is whole: A.rechunk({-1: -1}) (each
#> chunk holds whole rows) or A.rechunk({-2: -1}) (whole columns)

rows = chunked.rechunk({-1: -1})  # 4 chunks of 500 whole rows
print(rows.numblocks)
#> (4, 1)
for ord in (2, "nuc"):
    print(ord, np.isclose(nd.matrix_norm(rows, ord).compute(), np.linalg.norm(A, ord)))
#> 2 True
#> nuc True
# --8<-- [end:rechunk]
