"""hermitian=True of numoxide.linalg's svd, pinv and matrix_rank against NumPy: singular
values as |eigenvalues| in descending order, U and Vh NumPy's up to each eigenvector's
sign or phase, only the lower triangle read, stacks, dtypes and eigh's errors."""

import numoxide
import numpy
import pytest
from conftest import same_exception
from test_linalg import close, np_of, random_matrix, rtol_for

nla = numoxide.linalg
DTYPES = ["float64", "float32", "complex128", "complex64", "int64", "bool"]
SQUARE_SHAPES = [(1, 1), (2, 2), (4, 4), (7, 7), (20, 20), (3, 5, 5), (2, 1, 3, 3), (0, 0), (0, 4, 4), (2, 0, 0)]


def hermitian_matrix(shape, dtype, seed=0):
    """A random Hermitian (symmetric when real) matrix, or stack of them, of `dtype`."""
    a = random_matrix(shape, dtype, seed)
    return (a + numpy.conj(numpy.swapaxes(a, -1, -2))).astype(dtype)


def low_rank_hermitian(n, rank, dtype, batch=(), seed=0):
    """An n x n Hermitian matrix of the given rank, eigenvalues of both signs."""
    b = random_matrix((*batch, n, rank), dtype, seed).astype(numpy.result_type(dtype, numpy.float64))
    signs = numpy.where(numpy.arange(rank) % 2, -1.0, 1.0)
    return ((b * signs) @ numpy.conj(numpy.swapaxes(b, -1, -2))).astype(dtype)


def isolated(s):
    """Which singular values are apart from their neighbours: only their vectors are unique
    (up to sign or phase); repeated ones span a subspace in any basis."""
    gap = 1e-6 * max(1, abs(s).max(initial=0))
    apart = numpy.ones(s.shape, dtype=bool)
    close_pairs = numpy.diff(s, axis=-1) > -gap
    apart[..., 1:] &= ~close_pairs
    apart[..., :-1] &= ~close_pairs
    return apart


def assert_same_up_to_phases(u, vh, tu, ts, tvh, dtype):
    """U's columns and Vh's rows of isolated singular values (Vh's of nonzero ones) equal
    NumPy's after removing each eigenvector's free sign or phase (taken where NumPy's
    column is largest)."""
    if tu.size == 0:
        return
    u, vh = np_of(u).astype(complex), np_of(vh).astype(complex)
    tu, tvh = tu.astype(complex), tvh.astype(complex)
    largest = numpy.abs(tu).argmax(axis=-2)[..., None, :]
    phase = numpy.take_along_axis(u, largest, -2) / numpy.take_along_axis(tu, largest, -2)
    apart = isolated(ts)[..., None, :]
    tol = rtol_for(dtype) * 100
    numpy.testing.assert_allclose(numpy.where(apart, u, 0), numpy.where(apart, tu * phase, 0), atol=tol)
    # A zero singular value's row of Vh carries the sign of an eigenvalue that is noise.
    nonzero = ts > 1e-6 * max(1, ts.max(initial=0))
    apart_rows = numpy.swapaxes(apart & nonzero[..., None, :], -1, -2)
    phase_rows = numpy.conj(numpy.swapaxes(phase, -1, -2))
    numpy.testing.assert_allclose(numpy.where(apart_rows, vh, 0), numpy.where(apart_rows, tvh * phase_rows, 0), atol=tol)


def check_svd(a, dtype, full_matrices=True):
    tu, ts, tvh = numpy.linalg.svd(a, full_matrices=full_matrices, hermitian=True)
    ours = nla.svd(numoxide.array(a), full_matrices=full_matrices, hermitian=True)
    close(ours.S, ts, dtype, scale=10)
    for got, want in ((ours.U, tu), (ours.Vh, tvh)):
        assert str(got.dtype) == str(want.dtype) and got.shape == want.shape
    assert_same_up_to_phases(ours.U, ours.Vh, tu, ts, tvh, dtype)
    recon = (np_of(ours.U) * np_of(ours.S)[..., None, :]) @ np_of(ours.Vh)
    numpy.testing.assert_allclose(recon, (tu * ts[..., None, :]) @ tvh, atol=rtol_for(dtype) * 100 * max(1, abs(ts).max(initial=0)))
    s_only = nla.svd(numoxide.array(a), compute_uv=False, hermitian=True)
    close(s_only, numpy.linalg.svd(a, compute_uv=False, hermitian=True), dtype, scale=10)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SQUARE_SHAPES)
@pytest.mark.parametrize("full_matrices", [True, False])
def test_svd_of_hermitian_matrices_matches_numpy(dtype, shape, full_matrices):
    check_svd(hermitian_matrix(shape, dtype), dtype, full_matrices)


@pytest.mark.parametrize("dtype", ["float64", "complex128", "float32"])
@pytest.mark.parametrize("shape", [(3, 3), (6, 6), (2, 4, 4)])
def test_svd_of_non_hermitian_input_reads_the_lower_triangle(dtype, shape):
    # NumPy checks nothing: eigh (UPLO='L') takes the lower triangle and the real diagonal.
    check_svd(random_matrix(shape, dtype, seed=3), dtype)


def test_svd_of_tied_moduli_reconstructs():
    # Eigenvalues 2, -2, 1, -1: ties in |w|, whose vectors' order is free (NumPy's own
    # SIMD argsort decides it), so only the values and the factorization are compared.
    a = numpy.diag([1.0, -1.0, 2.0, -2.0])
    u, s, vh = nla.svd(numoxide.array(a), hermitian=True)
    numpy.testing.assert_array_equal(np_of(s), [2.0, 2.0, 1.0, 1.0])
    numpy.testing.assert_allclose((np_of(u) * np_of(s)) @ np_of(vh), a, atol=1e-15)


def test_negative_zero_eigenvalue_flips_vh():
    # copysign(1, -0.0) is -1 in NumPy: the row of Vh for a -0.0 eigenvalue is negated.
    a = numpy.array([[-0.0]])
    tu, ts, tvh = numpy.linalg.svd(a, hermitian=True)
    u, s, vh = nla.svd(numoxide.array(a), hermitian=True)
    assert np_of(s).tolist() == ts.tolist() == [0.0]
    assert (np_of(u) * np_of(vh)).tolist() == (tu * tvh).tolist() == [[-1.0]]


@pytest.mark.parametrize("dtype", DTYPES[:5])
@pytest.mark.parametrize("shape", [(1, 1), (4, 4), (9, 9), (3, 5, 5), (0, 0), (2, 0, 0)])
def test_pinv_of_hermitian_matrices_matches_numpy(dtype, shape):
    a = hermitian_matrix(shape, dtype, seed=1)
    theirs = numpy.linalg.pinv(a, hermitian=True)
    close(nla.pinv(numoxide.array(a), hermitian=True), theirs, dtype, scale=10 * max(1, abs(theirs).max(initial=0)))
    if a.dtype.kind in "fc":
        close(nla.pinv(numoxide.array(a), hermitian=True, rtol=None), numpy.linalg.pinv(a, hermitian=True, rtol=None), dtype, scale=10)


@pytest.mark.parametrize("dtype", ["float64", "complex128", "float32", "complex64"])
@pytest.mark.parametrize("rank", [0, 1, 3, 5])
def test_pinv_and_matrix_rank_of_rank_deficient_hermitian_matrices(dtype, rank):
    a = low_rank_hermitian(6, rank, dtype, batch=(2,), seed=rank)
    theirs = numpy.linalg.pinv(a, hermitian=True, rtol=None)
    ours = nla.pinv(numoxide.array(a), hermitian=True, rtol=None)
    close(ours, theirs, dtype, scale=10 * max(1, abs(theirs).max(initial=0)))
    numpy.testing.assert_array_equal(np_of(nla.matrix_rank(numoxide.array(a), hermitian=True)), numpy.linalg.matrix_rank(a, hermitian=True))
    assert numpy.linalg.matrix_rank(a, hermitian=True).tolist() == [rank, rank]


@pytest.mark.parametrize("a", [
    numpy.eye(4), numpy.zeros((3, 3)), numpy.diag([1.0, -1.0, 0.0]), numpy.ones((2, 3, 3), dtype=numpy.int64),
    numpy.tril(numpy.ones((4, 4))), numpy.ones(3), numpy.zeros(3), numpy.zeros((2, 0, 0)),
])
def test_matrix_rank_hermitian_matches_numpy(a):
    for kwargs in ({}, {"tol": 0.5}, {"rtol": 0.5}):
        ours = nla.matrix_rank(numoxide.array(a), hermitian=True, **kwargs)
        numpy.testing.assert_array_equal(np_of(ours), numpy.linalg.matrix_rank(a, hermitian=True, **kwargs))


@pytest.mark.parametrize("call", [
    lambda la, a: la.svd(a, hermitian=True),
    lambda la, a: la.svd(a, compute_uv=False, hermitian=True),
    lambda la, a: la.pinv(a, hermitian=True),
    lambda la, a: la.matrix_rank(a, hermitian=True),
])
@pytest.mark.parametrize("a", [numpy.ones((2, 3)), numpy.ones((2, 3, 4)), numpy.ones(3), numpy.ones((2, 2), dtype=numpy.float16)])
def test_hermitian_errors_are_eighs(call, a):
    if a.ndim == 1 and call.__code__.co_names[-1] == "matrix_rank":
        return  # matrix_rank answers 1-d input itself.
    same_exception(lambda: call(nla, numoxide.array(a)), lambda: call(numpy.linalg, a))


def test_svdvals_takes_no_hermitian():
    same_exception(lambda: nla.svdvals(numoxide.eye(2), hermitian=True), lambda: numpy.linalg.svdvals(numpy.eye(2), hermitian=True))
