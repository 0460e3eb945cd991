"""A newcomer's tour of NumPy, run on numoxide. Every line prints what NumPy prints."""

import time

import numoxide as np

print("== Creating arrays ==")
a = np.array([1, 2, 3, 4, 5])
print(a)
print(repr(a))
m = np.array([[1.5, 2.0, 3.0], [4.0, 5.0, 6.5]])
print(m)
print("ndim:", m.ndim, "shape:", m.shape, "dtype:", m.dtype, "size:", m.size)
print(repr(np.zeros((2, 3))))
print(repr(np.ones(4, dtype=np.int32)))
print(repr(np.eye(3)))
print(repr(np.arange(0, 10, 2)))
print(repr(np.linspace(0, 1, 5)))
print(repr(np.full((2, 2), 7)))

print("\n== Indexing and slicing ==")
x = np.arange(10)
print(x[0], x[-1], repr(x[2:5]), repr(x[::-2]))
grid = np.arange(12).reshape(3, 4)
print(grid)
print(grid[1, 2], repr(grid[:, 1]), repr(grid[1:, ::2]))
print("rows where the first column exceeds 3:", grid[grid[:, 0] > 3])
view = grid[0]
view[0] = 100
print("a slice is a view; writing to it changes the base:", grid[0, 0])

print("\n== Arithmetic and broadcasting ==")
u = np.array([1.0, 2.0, 3.0])
v = np.array([10.0, 20.0, 30.0])
print(u + v, u * v, v / u, u ** 2, v // 7, v % 7)
print(repr(np.array([[1], [2]]) + np.array([10, 20, 30])))
print(repr(np.array([1, 2, 3], dtype=np.int8) + 1))
print(repr(u > 1.5))

print("\n== Math functions ==")
print(repr(np.sqrt(u)))
print(repr(np.exp(u)))
print(repr(np.log(v)))
print(repr(np.sin(np.array([0.0, np.pi / 2, np.pi]))))
print(repr(np.round(np.array([0.5, 1.5, 2.5, 2.675]), 2)), repr(np.round(np.array([0.5, 1.5, 2.5]))))
print(repr(np.clip(np.array([-1, 5, 10]), 0, 6)))
print(repr(np.floor(np.array([-1.5, 1.5]))), repr(np.ceil(np.array([-1.5, 1.5]))))

print("\n== Statistics ==")
data = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
print("mean:", repr(data.mean()), "median:", repr(np.median(data)))
print("std:", repr(data.std()), "var:", repr(data.var()), "std ddof=1:", repr(data.std(ddof=1)))
print("min/max:", data.min(), data.max(), "argmax:", data.argmax())
print("sum by column:", repr(grid.sum(axis=0)), "by row:", repr(grid.sum(axis=1)))
print("cumsum:", repr(np.cumsum(np.array([1, 2, 3, 4]))))

print("\n== Matrices ==")
A = np.array([[1.0, 2.0], [3.0, 4.0]])
B = np.array([[5.0, 6.0], [7.0, 8.0]])
print("A + B =\n", A + B)
print("A * B (elementwise) =\n", A * B)
print("A.T =\n", A.T)
print(repr(np.arange(6).reshape(2, 3)), repr(np.arange(6).reshape(2, 3).flatten()))
print(repr(np.concatenate([A, B])), repr(np.stack([u, v], axis=1)))

print("\n== Linear algebra ==")
print("A @ B =\n", A @ B)
print("det(A):", repr(np.linalg.det(A)))
print("inv(A) =\n", np.linalg.inv(A))
print("solve(A, [1, 2]):", repr(np.linalg.solve(A, np.array([1.0, 2.0]))))
# Linear regression by the normal equations: the least-squares line through four points.
X = np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0], [1.0, 4.0]])
y = np.array([6.0, 5.0, 7.0, 10.0])
coefficients = np.linalg.inv(X.T @ X) @ X.T @ y
print("intercept and slope:", repr(coefficients))
print("eigenvalues of [[2, 1], [1, 2]]:", repr(np.linalg.eigvalsh(np.array([[2.0, 1.0], [1.0, 2.0]]))))
print("singular values of A:", repr(np.linalg.svd(A, compute_uv=False)))

print("\n== Random numbers ==")
np.random.seed(42)  # the legacy global generator (MT19937), as in most tutorials
print("rand(3):", repr(np.random.rand(3)))
print("randint(0, 10, size=5):", repr(np.random.randint(0, 10, size=5)))
print("normal(0, 1, size=(2, 2)):", repr(np.random.normal(0, 1, size=(2, 2))))
rng = np.random.default_rng(42)  # the recommended Generator (PCG64)
print("rng.normal(size=5):", repr(rng.normal(size=5)))
print("rng.integers(0, 100, size=5):", repr(rng.integers(0, 100, size=5)))
print("rng.choice([1, 2, 3], size=4):", repr(rng.choice(np.array([1, 2, 3]), size=4)))

print("\n== Vectorization ==")
n = 1_000_000
values = np.arange(n, dtype=np.float64)
start = time.perf_counter()
total = 0.0
for i in range(n):
    total += float(i) * 2.0
loop = time.perf_counter() - start
start = time.perf_counter()
vectorized = (values * 2.0).sum()
vec = time.perf_counter() - start
print("same result:", total == vectorized)
print("the vectorized sum is much faster than the Python loop:", vec < loop)
