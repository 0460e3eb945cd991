"""numoxide vs NumPy, in one process, interleaved: the ratio of median times per case.

    python bench/compare.py [--quick] [--filter SUBSTRING]

A ratio below 1.0 means numoxide is faster. Each case runs both libraries alternately in
rounds, so load on a shared machine hits both alike; results are medians over the rounds.
Every timed block starts after a settling pause and one untimed call (see `SETTLE`).
"""

import argparse
import importlib
import math
import os
import platform
import statistics
import time

import numoxide
import numpy

# Each area keeps its cases in its own module (bench/cases_<area>.py), exposing `cases()`.
AREAS = ("cases_random", "cases_linalg")


def timer(fn, number):
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


# NumPy's OpenBLAS threads busy-wait about 0.1 s after each call before they sleep (measured:
# 0.105 s of CPU burnt while the caller sleeps). A block timed inside that window shares a core
# with them, so every block starts after this long. The wait spins rather than sleeps, so the
# virtual CPUs stay as awake as during the timing.
SETTLE = 0.12


def settle():
    end = time.perf_counter() + SETTLE
    while time.perf_counter() < end:
        pass


def measure(make, rounds, budget):
    """Median seconds per call of the case built by `make(lib)`, for both libraries."""
    ours, theirs = make(numoxide), make(numpy)
    ours(), theirs()  # warm up (page faults, caches)
    per_call = max(timer(theirs, 1), 1e-7)
    number = max(1, int(budget / rounds / per_call))
    times = {ours: [], theirs: []}
    for r in range(rounds):
        # Each library goes first in alternate rounds, so a drift in load hits both alike.
        for fn in (theirs, ours) if r % 2 == 0 else (ours, theirs):
            settle()
            fn()
            times[fn].append(timer(fn, number))
    return statistics.median(times[ours]), statistics.median(times[theirs])


def cases():
    """(name, make) pairs; make(lib) returns a zero-argument callable."""

    def small_add(m):
        a, b = m.array([1.0, 2.0, 3.0]), m.array([4.0, 5.0, 6.0])
        return lambda: a + b

    def scalar_read(m):
        a = m.array([1.0, 2.0, 3.0])
        return lambda: a[0]

    def int_read(m):
        a = m.array([1, 2, 3])
        return lambda: a[0]

    def slice_view(m):
        a = m.array([1.0, 2.0, 3.0])
        return lambda: a[1:]

    def construct(m):
        return lambda: m.array([1, 2, 3])

    def scalar_math(m):
        x, y = m.float64(1.5), m.float64(2.5)
        return lambda: x * y + x

    def binary(op, n, view=None):
        def make(m):
            a = m.arange(n, dtype=m.float64) * 0.5
            b = m.arange(n, dtype=m.float64) + 1.0
            if view == "strided":
                a, b = m.arange(2 * n, dtype=m.float64)[::2], m.arange(2 * n, dtype=m.float64)[1::2]
            elif view == "half":
                a, b = a[::2], b[::2]
            elif view == "transposed":
                k = math.isqrt(n)
                a = m.arange(k * k, dtype=m.float64).reshape(k, k).T
                b = m.arange(k * k, dtype=m.float64).reshape(k, k).T
            # Half the square roots of a - n / 4 are NaN: the results' events are examined.
            centred = a - n / 4

            def sqrt_with_nans():
                with m.errstate(invalid="ignore"):
                    return m.sqrt(centred)
            return {"add": lambda: a + b, "mul": lambda: a * b, "gt": lambda: a > b,
                    "sqrt": lambda: m.sqrt(b), "exp": lambda: m.exp(a * 1e-6),
                    "sqrt with NaN results": sqrt_with_nans}[op]
        return make

    def reduction(op, n, view=None):
        def make(m):
            a = (m.arange(n, dtype=m.float64) * 0.37) % 11.0
            if view == "strided":
                a = ((m.arange(2 * n, dtype=m.float64) * 0.37) % 11.0)[::2]
            elif view == "half":
                a = a[::2]
            elif view == "transposed":
                k = math.isqrt(n)
                a = ((m.arange(k * k, dtype=m.float64) * 0.37) % 11.0).reshape(k, k).T
            return {"sum": a.sum, "mean": a.mean, "argmax": a.argmax, "std": a.std}[op]
        return make

    yield "a + b, 3 elements", small_add
    yield "a[0]", scalar_read
    yield "a[0] on int64", int_read
    yield "a[1:]", slice_view
    yield "x * y + x, float64 scalars", scalar_math
    yield "np.array([1, 2, 3])", construct
    for n in (10**6, 10**7):
        for op in ("add", "mul", "gt", "sqrt"):
            yield f"{op} 1e{int(math.log10(n))} float64", binary(op, n)
    # Two readings of "a[::2]": 1e7 elements of a 2e7 array (twice the memory of the
    # contiguous case), and every other element of the 1e7 array (the same memory).
    yield "add 1e7 strided (a[::2])", binary("add", 10**7, "strided")
    yield "add a[::2] of the 1e7 array", binary("add", 10**7, "half")
    yield "add 1e7 transposed (b.T)", binary("add", 10**7, "transposed")
    yield "exp 1e6 float64", binary("exp", 10**6)
    yield "sqrt 1e6, half the results NaN", binary("sqrt with NaN results", 10**6)
    for op in ("sum", "mean", "argmax", "std"):
        yield f"{op} 1e7 float64", reduction(op, 10**7)
    for op in ("sum", "argmax"):
        yield f"{op} 1e7 strided (a[::2])", reduction(op, 10**7, "strided")
        yield f"{op} a[::2] of the 1e7 array", reduction(op, 10**7, "half")
        yield f"{op} 1e7 transposed (b.T)", reduction(op, 10**7, "transposed")


def all_cases():
    yield from cases()
    for area in AREAS:
        try:
            module = importlib.import_module(area)
        except ModuleNotFoundError:
            continue
        yield from module.cases()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer rounds, shorter budget")
    parser.add_argument("--filter", default="", help="only cases whose name contains this")
    args = parser.parse_args()
    rounds, budget = (5, 0.3) if args.quick else (11, 1.5)
    print(f"numoxide {numoxide.__version__} vs numpy {numpy.__version__}; "
          f"{platform.machine()}, {os.cpu_count()} cpus; rounds={rounds}")
    print(f"{'case':34} {'numoxide':>12} {'numpy':>12} {'ratio':>7}")
    ratios = []
    for name, make in all_cases():
        if args.filter not in name:
            continue
        ours, theirs = measure(make, rounds, budget)
        ratios.append(ours / theirs)
        print(f"{name:34} {ours * 1e6:10.2f}us {theirs * 1e6:10.2f}us {ours / theirs:7.2f}")
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"{'geometric mean of ratios':34} {'':12} {'':12} {geo:7.2f}")


if __name__ == "__main__":
    main()
