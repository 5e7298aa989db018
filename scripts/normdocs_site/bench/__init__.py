r"""Benchmark normdocs against NumPy, SciPy and PyTorch; write every number as JSON.

The Performance page (``docs/performance/norm-speed.md``) is built from the JSON this writes
(``docs/performance/bench.json``, committed, measured on one machine): ``python
scripts/bench.py`` (see :mod:`~normdocs_site.bench.cli` for the options).

How it measures, so that the numbers are ratios that mean something on a busy machine:

- every method of a case runs on the same data, and before any timing its result is compared
  with an exact reference (float64 ``math.fsum``); a method that disagrees is reported
  (``agrees: false``) and the run exits 1;
- every method also runs on edge inputs (overflow, underflow, NaN, inf); ``correct`` means it
  gives the right answer on all of them (``np.linalg.norm`` overflows, BLAS ``idamax`` skips
  NaN, ...). Only correct methods are candidates for "the fastest correct way";
- the methods are timed interleaved, in a new random order in every round, in one process, with
  the garbage collector off; a fast call is repeated to last about 2 ms per sample. Each time
  is the median over the rounds; a ratio is the median over the rounds of the quotient of
  two times measured in the same round.

One module per job:

- :mod:`~normdocs_site.bench.schema`: the JSON document as types, its version, ``load`` (which
  checks both) and ``paired_ratio``, the one ratio of two methods; the Performance hook and
  the figure script read the file through it;
- :mod:`~normdocs_site.bench.cases`: the cases, their methods, exact references and edge
  inputs, and the sizes of a full and a quick run;
- :mod:`~normdocs_site.bench.targets`: the targets of the issue, and whether a run meets them;
- :mod:`~normdocs_site.bench.harness`: correctness, interleaved timing, the machine, thread
  limits;
- :mod:`~normdocs_site.bench.site`: timing the site (clean strict builds, ``mkdocs serve``);
- :mod:`~normdocs_site.bench.cli`: the command line (``scripts/bench.py``,
  ``python -m normdocs_site.bench``).
"""
