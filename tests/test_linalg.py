"""numoxide.linalg against NumPy: dtypes and shapes exactly, values within tight
tolerances, factorizations by reconstruction and invariants, stacks, errors and messages."""

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception
from hypothesis import given, settings
from hypothesis import strategies as st

nla = numoxide.linalg
LINALG_DTYPES = ["float32", "float64", "complex64", "complex128", "int64", "int8", "bool"]


def rtol_for(dtype):
    return 2e-4 if numpy.dtype(dtype) in (numpy.float32, numpy.complex64) else 1e-10


def random_matrix(shape, dtype, seed=0, spd=False):
    rng = numpy.random.default_rng(seed)
    a = rng.standard_normal(shape)
    if numpy.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    if numpy.dtype(dtype).kind in "iub":
        a = rng.integers(-3, 4, shape) if dtype != "bool" else rng.integers(0, 2, shape)
    if spd:
        a = a @ numpy.conj(numpy.swapaxes(a, -1, -2)) + shape[-1] * numpy.eye(shape[-1])
    return numpy.asarray(a).astype(dtype)


def close(ours, theirs, dtype, scale=1.0):
    """Same type, dtype and shape; values within a tolerance for the precision."""
    if isinstance(theirs, numpy.generic):
        assert isinstance(ours, numoxide.generic), type(ours)
        assert type(ours).__name__ == type(theirs).__name__
    else:
        assert isinstance(ours, numoxide.ndarray), type(ours)
        assert ours.shape == theirs.shape
    got = numpy.asarray(numoxide.array(ours) if isinstance(ours, numoxide.generic) else ours)
    assert str(got.dtype) == str(numpy.asarray(theirs).dtype)
    tol = rtol_for(dtype)
    numpy.testing.assert_allclose(got, theirs, rtol=tol, atol=tol * scale)


def np_of(x):
    return numpy.asarray(x)


shapes_square = st.sampled_from([(1, 1), (2, 2), (3, 3), (5, 5), (2, 3, 3), (2, 1, 4, 4), (0, 3, 3), (12, 12)])


@settings(max_examples=60)
@given(st.sampled_from(LINALG_DTYPES), shapes_square, st.integers(0, 1000))
def test_det_slogdet_inv_match_numpy(dtype, shape, seed):
    a = random_matrix(shape, dtype, seed)
    x = numoxide.array(a)
    try:
        theirs = numpy.linalg.det(a)
    except numpy.linalg.LinAlgError:
        return
    close(nla.det(x), theirs, dtype, scale=abs(numpy.asarray(theirs)).max(initial=1))
    sign, logdet = nla.slogdet(x)
    tsign, tlogdet = numpy.linalg.slogdet(a)
    close(sign, tsign, dtype)
    close(logdet, tlogdet, dtype, scale=10)
    try:
        tinv = numpy.linalg.inv(a)
    except numpy.linalg.LinAlgError:
        same_exception(lambda: nla.inv(x), lambda: numpy.linalg.inv(a))
        return
    ours = nla.inv(x)
    assert str(ours.dtype) == str(tinv.dtype) and ours.shape == tinv.shape
    # Inverses of ill-conditioned matrices agree only to cond * eps: check A @ inv(A) = I.
    eye = numpy.broadcast_to(numpy.eye(shape[-1]), shape)
    numpy.testing.assert_allclose(a.astype(tinv.dtype) @ np_of(ours), eye, atol=rtol_for(dtype) * 1e3 * max(1, numpy.linalg.cond(a.astype(complex)).max() if a.size else 1))


@pytest.mark.parametrize("name", ["det", "slogdet", "inv", "cholesky", "eigvals", "eigvalsh", "pinv", "svdvals"])
def test_empty_matrices(name):
    a = numpy.ones((0, 0))
    theirs = getattr(numpy.linalg, name)(a)
    ours = getattr(nla, name)(numoxide.array(a))
    if isinstance(theirs, tuple):
        for o, t in zip(ours, theirs):
            assert_same(o, t)
    else:
        assert_same(ours, theirs)
    assert_same(nla.solve(numoxide.ones((0, 0)), numoxide.ones(0)), numpy.linalg.solve(a, numpy.ones(0)))


def test_det_rounds_like_numpy():
    assert_same(nla.det(numoxide.array([[1, 2], [3, 4]])), numpy.linalg.det(numpy.array([[1, 2], [3, 4]])))
    assert nla.det([[1, 2], [3, 4]]) == -2.0000000000000004


@pytest.mark.parametrize("a", [
    numpy.ones((3, 3)), numpy.zeros((2, 2)), numpy.ones((3, 4)), numpy.ones(3), numpy.ones((2, 3, 3)),
    numpy.ones((2, 2), numpy.float16),
])
def test_inverse_errors(a):
    same_exception(lambda: nla.inv(numoxide.array(a)), lambda: numpy.linalg.inv(a))
    if a.ndim < 2 or a.shape[-1] != a.shape[-2] or a.dtype == numpy.float16:
        same_exception(lambda: nla.det(numoxide.array(a)), lambda: numpy.linalg.det(a))


def test_singular_det_is_zero():
    for a in ([[1.0, 2.0], [2.0, 4.0]], numpy.zeros((3, 3))):
        assert_same(nla.det(numoxide.array(a)), numpy.linalg.det(numpy.array(a)))
        ours, theirs = nla.slogdet(numoxide.array(a)), numpy.linalg.slogdet(numpy.array(a))
        assert_same(ours.sign, theirs.sign)
        assert_same(ours.logabsdet, theirs.logabsdet)


@settings(max_examples=60)
@given(st.sampled_from(LINALG_DTYPES[:5]), st.sampled_from([
    ((3, 3), (3,)), ((3, 3), (3, 2)), ((2, 3, 3), (3,)), ((2, 3, 3), (2, 3, 1)), ((2, 3, 3), (3, 4)),
    ((4, 1, 2, 2), (3, 2, 5)), ((3, 3), (4,)), ((3, 3), (2, 3)), ((2, 3, 3), (3, 3, 1)), ((3, 3), ()),
    ((3, 4), (3,)),
]), st.integers(0, 100))
def test_solve_matches_numpy(dtype, shapes, seed):
    a = random_matrix(shapes[0], dtype, seed) + 3 * numpy.eye(shapes[0][-2], shapes[0][-1]).astype(dtype)
    b = random_matrix(shapes[1], dtype, seed + 1)
    try:
        theirs = numpy.linalg.solve(a, b)
    except Exception:  # noqa: BLE001 - whatever NumPy raises is the oracle
        same_exception(lambda: nla.solve(numoxide.array(a), numoxide.array(b)), lambda: numpy.linalg.solve(a, b))
        return
    close(nla.solve(numoxide.array(a), numoxide.array(b)), theirs, dtype, scale=10)


def test_solve_singular():
    same_exception(lambda: nla.solve(numoxide.ones((2, 2)), numoxide.ones(2)),
                   lambda: numpy.linalg.solve(numpy.ones((2, 2)), numpy.ones(2)))


@pytest.mark.parametrize("dtype", LINALG_DTYPES[:4])
@pytest.mark.parametrize("shape", [(1, 1), (4, 4), (2, 3, 3), (0, 2, 2), (0, 0)])
def test_cholesky_reconstructs(dtype, shape):
    a = random_matrix(shape, dtype, spd=True)
    theirs = numpy.linalg.cholesky(a)
    for upper in (False, True):
        ours = nla.cholesky(numoxide.array(a), upper=upper)
        close(ours, numpy.linalg.cholesky(a, upper=upper), dtype, scale=10)
    assert str(ours.dtype) == str(theirs.dtype)


def test_cholesky_not_positive_definite():
    same_exception(lambda: nla.cholesky(-numoxide.eye(3)), lambda: numpy.linalg.cholesky(-numpy.eye(3)))


def adjoint(x):
    return numpy.conj(numpy.swapaxes(x, -1, -2))


@pytest.mark.parametrize("dtype", LINALG_DTYPES[:5])
@pytest.mark.parametrize("shape", [(4, 4), (5, 3), (3, 5), (2, 4, 3), (0, 3), (3, 0), (0, 0)])
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
def test_qr_reconstructs(dtype, shape, mode):
    a = random_matrix(shape, dtype)
    theirs = numpy.linalg.qr(a, mode=mode)
    ours = nla.qr(numoxide.array(a), mode=mode)
    tol = rtol_for(dtype) * 10
    if mode == "r":
        assert ours.shape == theirs.shape and str(ours.dtype) == str(theirs.dtype)
        # R is unique up to the signs of its rows.
        numpy.testing.assert_allclose(numpy.abs(np_of(ours)), numpy.abs(theirs), atol=tol)
        return
    q, r = np_of(ours.Q), np_of(ours.R)
    assert q.shape == theirs.Q.shape and r.shape == theirs.R.shape
    assert q.dtype == theirs.Q.dtype and r.dtype == theirs.R.dtype
    numpy.testing.assert_allclose(q @ r, a, atol=tol)
    numpy.testing.assert_allclose(adjoint(q) @ q, numpy.broadcast_to(numpy.eye(q.shape[-1]), q.shape[:-2] + (q.shape[-1],) * 2), atol=tol)
    assert numpy.all(numpy.tril(r, -1) == 0)


def test_qr_bad_mode():
    same_exception(lambda: nla.qr(numoxide.eye(2), mode="bogus"), lambda: numpy.linalg.qr(numpy.eye(2), mode="bogus"))


@pytest.mark.parametrize("dtype", LINALG_DTYPES[:5])
@pytest.mark.parametrize("shape", [(1, 1), (4, 4), (2, 5, 5), (0, 0)])
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh(dtype, shape, uplo):
    a = random_matrix(shape, dtype)
    w, v = numpy.linalg.eigh(a, UPLO=uplo)
    ours = nla.eigh(numoxide.array(a), UPLO=uplo)
    close(ours.eigenvalues, w, dtype, scale=10)
    close(nla.eigvalsh(numoxide.array(a), UPLO=uplo), w, dtype, scale=10)
    vv = np_of(ours.eigenvectors)
    assert vv.dtype == v.dtype and vv.shape == v.shape
    # The eigenvectors of the triangle read: A_h v = v diag(w).
    tri = numpy.tril(a) if uplo == "L" else numpy.triu(a)
    herm = tri + adjoint(tri) - numpy.eye(shape[-1]) * numpy.diagonal(a, axis1=-2, axis2=-1)[..., None, :].real if shape[-1] else a
    numpy.testing.assert_allclose(herm.astype(vv.dtype) @ vv, vv * w[..., None, :], atol=rtol_for(dtype) * 100)


@pytest.mark.parametrize("dtype", LINALG_DTYPES[:5])
@pytest.mark.parametrize("shape", [(4, 4), (5, 3), (3, 5), (2, 4, 3), (1, 1), (3, 0), (0, 2), (0, 0)])
@pytest.mark.parametrize("full", [True, False])
def test_svd(dtype, shape, full):
    a = random_matrix(shape, dtype)
    u, s, vh = numpy.linalg.svd(a, full_matrices=full)
    ours = nla.svd(numoxide.array(a), full_matrices=full)
    close(ours.S, s, dtype, scale=10)
    close(nla.svd(numoxide.array(a), compute_uv=False), s, dtype, scale=10)
    close(nla.svdvals(numoxide.array(a)), s, dtype, scale=10)
    ou, ovh = np_of(ours.U), np_of(ours.Vh)
    assert ou.shape == u.shape and ovh.shape == vh.shape and ou.dtype == u.dtype
    k = s.shape[-1]
    recon = (ou[..., :, :k] * np_of(ours.S)[..., None, :]) @ ovh[..., :k, :]
    numpy.testing.assert_allclose(recon, a, atol=rtol_for(dtype) * 100)


@pytest.mark.parametrize("dtype", LINALG_DTYPES[:5])
@pytest.mark.parametrize("shape", [(1, 1), (4, 4), (2, 3, 3), (0, 0)])
def test_eig(dtype, shape):
    # Defective matrices (a repeated eigenvalue with one eigenvector) have eigenvalues only
    # defined to sqrt(eps); LAPACK and faer then differ, so use well separated ones.
    seed = 0
    while True:
        a = random_matrix(shape, dtype, seed)
        w = numpy.sort_complex(numpy.linalg.eigvals(a).reshape(-1, shape[-1])) if a.size else numpy.zeros((1, 0))
        if w.shape[-1] < 2 or numpy.abs(numpy.diff(w, axis=-1)).min() > 1e-3:
            break
        seed += 1
    w, v = numpy.linalg.eig(a)
    ours = nla.eig(numoxide.array(a))
    ow, ov = np_of(ours.eigenvalues), np_of(ours.eigenvectors)
    assert ow.dtype == w.dtype and ov.dtype == v.dtype and ow.shape == w.shape
    numpy.testing.assert_allclose(numpy.sort_complex(ow), numpy.sort_complex(w), atol=rtol_for(dtype) * 100)
    numpy.testing.assert_allclose(a @ ov, ov * ow[..., None, :], atol=rtol_for(dtype) * 100)
    numpy.testing.assert_allclose(numpy.linalg.norm(ov, axis=-2), 1, atol=rtol_for(dtype) * 10)
    assert str(nla.eigvals(numoxide.array(a)).dtype) == str(numpy.linalg.eigvals(a).dtype)


def test_eig_of_symmetric_real_matrix_is_real():
    a = numpy.array([[2.0, 1.0], [1.0, 2.0]])
    ours = nla.eig(numoxide.array(a))
    assert str(ours.eigenvalues.dtype) == "float64"
    rot = numpy.array([[0.0, -1.0], [1.0, 0.0]])
    assert str(nla.eigvals(numoxide.array(rot)).dtype) == "complex128"


NORM_CASES = [
    ((5,), None, None), ((5,), 1, None), ((5,), numpy.inf, None), ((5,), -numpy.inf, None),
    ((5,), 0, None), ((5,), 3, None), ((5,), -1.5, None), ((3, 4), None, None), ((3, 4), "fro", None),
    ((3, 4), "nuc", None), ((3, 4), 1, None), ((3, 4), -1, None), ((3, 4), 2, None), ((3, 4), -2, None),
    ((3, 4), numpy.inf, None), ((3, 4), -numpy.inf, None), ((2, 3, 4), None, (1, 2)),
    ((2, 3, 4), 2, -1), ((2, 3, 4), "fro", (0, 2)), ((2, 3, 4), 1, (2, 0)), ((3, 4), "fro", 0),
    ((2, 3, 4), None, None), ((2, 3, 4), 1, None), ((3, 4), 3, None), ((3, 4), None, (0, 0)),
    ((5,), "fro", None),
]


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128", "int64", "bool"])
@pytest.mark.parametrize("shape, ord, axis", NORM_CASES)
@pytest.mark.parametrize("keepdims", [False, True])
def test_norm(dtype, shape, ord, axis, keepdims):
    a = random_matrix(shape, dtype)
    try:
        theirs = numpy.linalg.norm(a, ord, axis, keepdims)
    except Exception:  # noqa: BLE001 - whatever NumPy raises is the oracle
        same_exception(lambda: nla.norm(numoxide.array(a), ord, axis, keepdims), lambda: numpy.linalg.norm(a, ord, axis, keepdims))
        return
    close(nla.norm(numoxide.array(a), ord, axis, keepdims), theirs, dtype, scale=10)


@pytest.mark.parametrize("ord", [2, 1, numpy.inf, 0, 3.5])
@pytest.mark.parametrize("axis", [None, 0, (0, 1), (-1, 0)])
def test_vector_and_matrix_norm(ord, axis):
    a = random_matrix((3, 4, 2), "float64")
    close(nla.vector_norm(numoxide.array(a), ord=ord, axis=axis, keepdims=True),
          numpy.linalg.vector_norm(a, ord=ord, axis=axis, keepdims=True), "float64", scale=10)
    close(nla.vector_norm(numoxide.array(a), ord=ord, axis=axis),
          numpy.linalg.vector_norm(a, ord=ord, axis=axis), "float64", scale=10)
    if ord in (1, numpy.inf, 2):
        close(nla.matrix_norm(numoxide.array(a), ord=ord), numpy.linalg.matrix_norm(a, ord=ord), "float64", scale=10)
    close(nla.matrix_norm(numoxide.array(a)), numpy.linalg.matrix_norm(a), "float64", scale=10)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int64"])
@pytest.mark.parametrize("p", [None, 2, -2, 1, -1, numpy.inf, "fro", "nuc"])
def test_cond(dtype, p):
    a = random_matrix((3, 3), dtype, seed=3)
    close(nla.cond(numoxide.array(a), p), numpy.linalg.cond(a, p), dtype, scale=100)
    stack = random_matrix((2, 4, 4), dtype, seed=4)
    close(nla.cond(numoxide.array(stack), p), numpy.linalg.cond(stack, p), dtype, scale=100)


def test_cond_of_singular_matrix_is_inf():
    assert_same(nla.cond(numoxide.ones((2, 2)), "fro"), numpy.linalg.cond(numpy.ones((2, 2)), "fro"))


@pytest.mark.parametrize("a", [
    numpy.eye(4), numpy.ones((3, 5)), numpy.zeros((2, 2)), numpy.arange(24.0).reshape(2, 3, 4),
    numpy.ones(3), numpy.zeros(3), numpy.zeros((2, 0, 0)), numpy.zeros((2, 3, 0)),
])
def test_matrix_rank(a):
    ours, theirs = nla.matrix_rank(numoxide.array(a)), numpy.linalg.matrix_rank(a)
    assert numpy.array_equal(np_of(ours), theirs)
    assert numpy.array_equal(np_of(nla.matrix_rank(numoxide.array(a), tol=0.5)), numpy.linalg.matrix_rank(a, tol=0.5))


@pytest.mark.parametrize("dtype", LINALG_DTYPES[:5])
@pytest.mark.parametrize("shape", [(4, 4), (5, 3), (3, 5), (2, 4, 3), (0, 3)])
def test_pinv(dtype, shape):
    a = random_matrix(shape, dtype)
    close(nla.pinv(numoxide.array(a)), numpy.linalg.pinv(a), dtype, scale=10)
    if a.dtype.kind in "iub":
        same_exception(lambda: nla.pinv(numoxide.array(a), rtol=None), lambda: numpy.linalg.pinv(a, rtol=None))
    else:
        close(nla.pinv(numoxide.array(a), rtol=None), numpy.linalg.pinv(a, rtol=None), dtype, scale=10)


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "int64"])
@pytest.mark.parametrize("shapes", [((6, 3), (6,)), ((6, 3), (6, 2)), ((3, 6), (3,)), ((4, 4), (4, 1))])
def test_lstsq(dtype, shapes):
    a = random_matrix(shapes[0], dtype)
    b = random_matrix(shapes[1], dtype, seed=9)
    x, res, rank, s = numpy.linalg.lstsq(a, b)
    ox, ores, orank, os_ = nla.lstsq(numoxide.array(a), numoxide.array(b))
    close(ox, x, dtype, scale=10)
    close(ores, res, dtype, scale=10)
    assert_same(orank, rank)
    close(os_, s, dtype, scale=10)


def test_lstsq_errors():
    same_exception(lambda: nla.lstsq(numoxide.ones((3, 2)), numoxide.ones(4)),
                   lambda: numpy.linalg.lstsq(numpy.ones((3, 2)), numpy.ones(4)))
    same_exception(lambda: nla.lstsq(numoxide.ones((2, 3, 2)), numoxide.ones(3)),
                   lambda: numpy.linalg.lstsq(numpy.ones((2, 3, 2)), numpy.ones(3)))


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 8, -1, -3])
@pytest.mark.parametrize("dtype", ["int64", "float64", "complex128"])
def test_matrix_power(n, dtype):
    a = numpy.array([[1, 1], [1, 0]], dtype=dtype)
    ours, theirs = nla.matrix_power(numoxide.array(a), n), numpy.linalg.matrix_power(a, n)
    if theirs.dtype.kind in "iu":
        assert_same(ours, theirs)
    else:
        close(ours, theirs, dtype, scale=100)


def test_matrix_power_errors():
    same_exception(lambda: nla.matrix_power(numoxide.ones((2, 3)), 2), lambda: numpy.linalg.matrix_power(numpy.ones((2, 3)), 2))
    same_exception(lambda: nla.matrix_power(numoxide.eye(2), 1.5), lambda: numpy.linalg.matrix_power(numpy.eye(2), 1.5))


@pytest.mark.parametrize("shapes", [
    [(2, 3), (3, 4)], [(3,), (3, 4), (4,)], [(10, 2), (2, 30), (30, 5), (5, 1)],
    [(3,), (3, 4), (4, 5), (5, 2)], [(2, 3), (3, 4), (4,)], [(2, 3)],
])
def test_multi_dot(shapes):
    arrays = [numpy.arange(numpy.prod(s)).reshape(s) % 7 - 3.0 for s in shapes]
    try:
        theirs = numpy.linalg.multi_dot(arrays)
    except Exception:  # noqa: BLE001 - whatever NumPy raises is the oracle
        same_exception(lambda: nla.multi_dot([numoxide.array(a) for a in arrays]), lambda: numpy.linalg.multi_dot(arrays))
        return
    assert_same(nla.multi_dot([numoxide.array(a) for a in arrays]), theirs, exact=False)


def test_tensorinv_and_tensorsolve():
    a = numpy.eye(24).reshape(4, 6, 8, 3) * 2 + 0.1
    close(nla.tensorinv(numoxide.array(a), ind=2), numpy.linalg.tensorinv(a, ind=2), "float64", scale=10)
    a = numpy.eye(6).reshape(6, 2, 3) + 0.25
    b = numpy.arange(6.0)
    close(nla.tensorsolve(numoxide.array(a), numoxide.array(b)), numpy.linalg.tensorsolve(a, b), "float64", scale=10)


def test_matrix_transpose():
    a = numpy.arange(24).reshape(2, 3, 4)
    assert_same(nla.matrix_transpose(numoxide.array(a)), numpy.linalg.matrix_transpose(a))
    same_exception(lambda: nla.matrix_transpose(numoxide.ones(3)), lambda: numpy.linalg.matrix_transpose(numpy.ones(3)))


def test_linalg_error_is_a_value_error():
    assert issubclass(nla.LinAlgError, ValueError)
    with pytest.raises(nla.LinAlgError, match="Singular matrix"):
        nla.inv(numoxide.zeros((2, 2)))


def test_normal_equations_regression():
    rng = numpy.random.default_rng(0)
    X = rng.standard_normal((200, 5))
    y = X @ numpy.arange(1.0, 6.0) + 0.01 * rng.standard_normal(200)
    nX, ny = numoxide.array(X), numoxide.array(y)
    ours = nla.inv(nX.T @ nX) @ nX.T @ ny
    theirs = numpy.linalg.inv(X.T @ X) @ X.T @ y
    close(ours, theirs, "float64")


@pytest.mark.parametrize("name", ["eig", "eigvals"])
@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_eig_refuses_non_finite_input(name, bad):
    a = [[1.0, bad], [3.0, 4.0]]
    same_exception(lambda: getattr(numoxide.linalg, name)(numoxide.array(a)),
                   lambda: getattr(numpy.linalg, name)(numpy.array(a)))
