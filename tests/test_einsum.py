"""einsum against NumPy: explicit and implicit outputs, ellipses, traces and diagonals,
broadcasting, dtypes, the sublist form and errors."""

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception

CASES = [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("ii", [(3, 3)]), ("ii->i", [(3, 3)]),
    ("ij->ji", [(2, 3)]), ("ij->", [(2, 3)]), ("ij->j", [(2, 3)]), ("i,i", [(3,), (3,)]),
    ("i,j->ij", [(2,), (3,)]), ("bij,bjk->bik", [(4, 2, 3), (4, 3, 5)]), ("...ij,...jk", [(2, 2, 3), (3, 4)]),
    ("...j,j->...", [(2, 2, 3), (3,)]), ("ij,ij->i", [(3, 4), (3, 4)]), ("ijk,jil->kl", [(3, 4, 5), (4, 3, 2)]),
    ("ba", [(2, 3)]), ("Ba,aB", [(2, 2), (2, 2)]), ("iij->j", [(3, 3, 2)]), ("i,i,i->", [(3,), (3,), (3,)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]), ("ij,jk", [(2, 3), (1, 4)]), ("i...->...", [(3, 2, 2)]),
    ("ij", [(2, 3), (2, 3)]), ("ij,jk", [(2, 3)]), ("ijk", [(2, 3)]),
    ("i", [(2, 3)]), ("ii", [(2, 3)]), ("ij->x", [(2, 3)]), ("ij->ii", [(2, 3)]), ("i1", [(2, 3)]),
    ("i.j", [(2, 3)]), ("...i->i", [(2, 3)]), ("i, i", [(3,), (3,)]), ("", [()]), ("->", [()]),
    (",->", [(), ()]), ("i,->i", [(3,), ()]),
]


@pytest.mark.parametrize("subscripts, shapes", CASES)
@pytest.mark.parametrize("dtype", ["int8", "int64", "float64", "complex128", "bool"])
def test_einsum_matches_numpy(subscripts, shapes, dtype):
    arrays = [(numpy.arange(numpy.prod(s, dtype=int)).reshape(s) % 5 - 2).astype(dtype) for s in shapes]
    try:
        theirs = numpy.einsum(subscripts, *arrays)
    except Exception:  # noqa: BLE001 - whatever NumPy raises is the oracle
        same_exception(lambda: numoxide.einsum(subscripts, *[numoxide.array(a) for a in arrays]),
                       lambda: numpy.einsum(subscripts, *arrays))
        return
    ours = numoxide.einsum(subscripts, *[numoxide.array(a) for a in arrays])
    assert_same(ours, theirs, exact=numpy.dtype(dtype).kind not in "fc")


def test_einsum_size_mismatch_is_a_value_error():
    # NumPy words it as its iterator's broadcast error; ours names the label.
    with pytest.raises(ValueError):
        numoxide.einsum("ij,jk", numoxide.ones((2, 3)), numoxide.ones((4, 4)))


def test_einsum_float_products_agree_with_matmul():
    rng = numpy.random.default_rng(0)
    a, b = rng.standard_normal((30, 40)), rng.standard_normal((40, 20))
    assert_same(numoxide.einsum("ij,jk->ik", numoxide.array(a), numoxide.array(b)), numpy.einsum("ij,jk->ik", a, b), exact=False)


def test_einsum_dtype_and_sublists():
    a = numpy.arange(6).reshape(2, 3)
    assert_same(numoxide.einsum("ij->", numoxide.array(a), dtype=numoxide.float64), numpy.einsum("ij->", a, dtype=numpy.float64))
    same_exception(lambda: numoxide.einsum("ij->", numoxide.array(a), dtype=numoxide.float32),
                   lambda: numpy.einsum("ij->", a, dtype=numpy.float32))
    na = numoxide.array(a)
    assert_same(numoxide.einsum(na, [0, 1], na, [0, 1], [1]), numpy.einsum(a, [0, 1], a, [0, 1], [1]))
    assert_same(numoxide.einsum(na, [Ellipsis, 1]), numpy.einsum(a, [Ellipsis, 1]))


def test_einsum_transpose_is_a_writeable_view():
    a = numoxide.arange(6).reshape(2, 3)
    t = numoxide.einsum("ij->ji", a)
    assert t.flags.writeable
    assert numoxide.shares_memory(t, a)


def test_sublist_integers_are_numpy_symbols():
    # 0-25 are 'A'-'Z' and 26-51 'a'-'z': the implicit output sorts them in that order.
    a = numpy.arange(6).reshape(2, 3)
    for sub in ([27, 0], [0, 27], [51, 25]):
        assert_same(numoxide.einsum(numoxide.array(a), sub), numpy.einsum(a, sub))
