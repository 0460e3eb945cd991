"""numoxide's einsum('ij,jk->ik') against its own matmul, interleaved in one process (the
issue's target compares the two, which bench/compare.py times at different moments).

    python bench/einsum_vs_matmul.py
"""

import statistics
import time

import numoxide as np
from cases_linalg import _matrix


def median_time(fn, number=20, rounds=11):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def main():
    a, b = _matrix(np, (256, 256)), _matrix(np, (256, 256), seed=3)
    cases = {"matmul": lambda: a @ b, "einsum": lambda: np.einsum("ij,jk->ik", a, b)}
    medians = {name: [] for name in cases}
    for _ in range(3):
        for name, fn in cases.items():
            medians[name].append(median_time(fn))
    mm, es = (statistics.median(medians[n]) for n in ("matmul", "einsum"))
    print(f"float64 256: matmul {mm * 1e6:.1f} us, einsum {es * 1e6:.1f} us, ratio {es / mm:.2f}")


if __name__ == "__main__":
    main()
