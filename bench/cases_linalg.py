"""Benchmark cases of the linear algebra area: products and numpy.linalg against NumPy with
OpenBLAS. `cases()` yields (name, make) pairs; make(lib) returns a zero-argument callable."""


def _matrix(m, shape, dtype="float64", seed=0, spd=False):
    # Same data for both libraries: built with NumPy-compatible arithmetic from arange.
    n = 1
    for d in shape:
        n *= d
    a = ((m.arange(n, dtype=m.float64) * 7919 + seed) % 1009 / 1009.0 - 0.5).reshape(shape)
    if spd:
        a = a @ a.T + shape[-1] * m.eye(shape[-1])
    return a.astype(dtype)


def cases():
    def product(n, dtype):
        def make(m):
            a, b = _matrix(m, (n, n), dtype), _matrix(m, (n, n), dtype, seed=3)
            return lambda: a @ b
        return f"matmul {dtype} {n}", make

    for dtype in ("float64", "float32"):
        for n in (64, 256, 1024, 2048):
            yield product(n, dtype)

    def einsum(m):
        a, b = _matrix(m, (256, 256)), _matrix(m, (256, 256), seed=3)
        return lambda: m.einsum("ij,jk->ik", a, b)
    yield "einsum ij,jk->ik float64 256", einsum

    def matvec(m):
        a, v = _matrix(m, (2000, 2000)), _matrix(m, (2000,), seed=5)
        return lambda: a @ v
    yield "matvec (2000,2000)@(2000,)", matvec

    def small(m):
        a, b = _matrix(m, (4, 4)), _matrix(m, (4, 4), seed=1)
        return lambda: a @ b
    yield "matmul 4x4", small

    def batch(m):
        a, b = _matrix(m, (1000, 4, 4)), _matrix(m, (1000, 4, 4), seed=1)
        return lambda: a @ b
    yield "matmul batch 1000 x 4x4", batch

    def int_product(m):
        a, b = _matrix(m, (256, 256), "int64"), _matrix(m, (256, 256), "int64", seed=2)
        a, b = (a * 100).astype("int64"), (b * 100).astype("int64")
        return lambda: a @ b
    yield "matmul int64 256", int_product

    def linalg(name, n, fn, spd=False):
        def make(m):
            a = _matrix(m, (n, n), spd=spd) + n * m.eye(n)
            b = _matrix(m, (n,), seed=7)
            return lambda: fn(m, a, b)
        return f"{name} {n}", make

    for n in (256, 1024):
        yield linalg("inv", n, lambda m, a, b: m.linalg.inv(a))
        yield linalg("det", n, lambda m, a, b: m.linalg.det(a))
        yield linalg("solve", n, lambda m, a, b: m.linalg.solve(a, b))
    yield linalg("svd", 256, lambda m, a, b: m.linalg.svd(a))
    yield linalg("eigh", 256, lambda m, a, b: m.linalg.eigh(a), spd=True)

    def normal_equations(m):
        X, y = _matrix(m, (10000, 100)), _matrix(m, (10000,), seed=11)
        return lambda: m.linalg.inv(X.T @ X) @ X.T @ y
    yield "normal equations (10000,100)", normal_equations
