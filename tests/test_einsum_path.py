"""einsum_path and einsum(optimize=...) against NumPy: the same paths (greedy, optimal,
memory limits, explicit), the same printed report, the same results and errors."""

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception


def random_expression(rng, terms):
    """A random contraction of `terms` operands over a few labels, with their shapes."""
    letters = "abcdefgAB"
    sizes = {c: int(rng.randint(1, 6)) for c in letters}
    inputs = ["".join(rng.choice(list(letters), size=rng.randint(1, 4), replace=False)) for _ in range(terms)]
    used = sorted(set("".join(inputs)))
    output = "".join(c for c in used if rng.rand() < 0.3)
    shapes = [tuple(sizes[c] for c in term) for term in inputs]
    return ",".join(inputs) + "->" + output, shapes


EXPRESSIONS = [random_expression(numpy.random.RandomState(seed), 3 + seed % 4) for seed in range(40)] + [
    ("ij,jk,kl->il", [(2, 2), (2, 5), (5, 2)]),
    ("ea,fb,abcd,gc,hd->efgh", [(10, 10), (10, 10), (10, 10, 10, 10), (10, 10), (10, 10)]),
    ("ij,jk,kl", [(2, 3), (3, 4), (4, 5)]),
    ("ij,kl,mn->ijklmn", [(2, 2), (2, 2), (2, 2)]),
    ("i,i,i", [(3,), (3,), (3,)]),
    ("ij,jk", [(2, 3), (3, 4)]),
    ("ii->i", [(3, 3)]),
    ("ab,Bc,cA->aA", [(2, 3), (3, 4), (4, 2)]),
    ("ij,j,jk->ik", [(2, 1), (3,), (3, 4)]),
]

STRATEGIES = ["greedy", True, False, None, "optimal", ("greedy", 8), ("optimal", 8), ("greedy", 0), ("optimal", 30.5)]


def operands(shapes, dtype="float64"):
    rng = numpy.random.RandomState(0)
    return [(rng.standard_normal(s) * 4).astype(dtype) for s in shapes]


def feasible(expressions, strategies):
    """(subscripts, shapes, optimize) triples, leaving out exhaustive searches over more than
    five operands, whose cost is factorial."""
    return [(subscripts, shapes, optimize) for subscripts, shapes in expressions for optimize in strategies
            if not (optimize == "optimal" or isinstance(optimize, tuple) and optimize[0] == "optimal")
            or len(shapes) <= 5]


@pytest.mark.parametrize("subscripts, shapes, optimize", feasible(EXPRESSIONS, STRATEGIES))
def test_path_and_report_match_numpy(subscripts, shapes, optimize):
    arrays = operands(shapes)
    theirs = numpy.einsum_path(subscripts, *arrays, optimize=optimize)
    ours = numoxide.einsum_path(subscripts, *[numoxide.array(a) for a in arrays], optimize=optimize)
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]


def test_default_is_greedy_and_sublists_use_numpy_symbols():
    a, b, c = operands([(2, 3), (3, 4), (4, 5)])
    theirs = numpy.einsum_path(a, [0, 1], b, [1, 27], c, [27, 3], [0, 3])
    ours = numoxide.einsum_path(numoxide.array(a), [0, 1], numoxide.array(b), [1, 27], numoxide.array(c), [27, 3], [0, 3])
    assert ours == theirs


def test_ellipsis_paths_match_numpy():
    # NumPy picks the ellipsis symbols in set order (varies by process): compare paths only.
    arrays = operands([(2, 3, 4), (4, 5), (5, 3)])
    theirs = numpy.einsum_path("...ij,jk,kl->...il", *arrays, optimize="optimal")
    ours = numoxide.einsum_path("...ij,jk,kl->...il", *[numoxide.array(a) for a in arrays], optimize="optimal")
    assert ours[0] == theirs[0]


def test_explicit_path_is_returned_as_given():
    arrays = operands([(2, 3), (3, 4), (4, 5)])
    path = ["einsum_path", (1, 2), [0, 1]]
    theirs = numpy.einsum_path("ij,jk,kl", *arrays, optimize=path)
    ours = numoxide.einsum_path("ij,jk,kl", *[numoxide.array(a) for a in arrays], optimize=path)
    assert ours == theirs


@pytest.mark.parametrize("subscripts, shapes, optimize", [
    ("ij,jk,kl", [(2, 3), (3, 4), (4, 5)], ["einsum_path", (0, 1)]),
    ("ij,jk,kl", [(2, 3), (3, 4), (4, 5)], ["einsum_path", (0, 5), (0, 1)]),
    ("ij,jk,kl", [(2, 3), (3, 4), (4, 5)], 3),
    ("ij,jk,kl", [(2, 3), (3, 4), (4, 5)], ("greedy", "big")),
    ("ij,jk,kl", [(2, 3), (4, 4), (4, 5)], "greedy"),
    ("ij,jk,kl", [(2, 3), (3, 4)], "greedy"),
    ("ij,jk,k$", [(2, 3), (3, 4), (4, 5)], "greedy"),
    ("ij->i->j", [(2, 3)], "greedy"),
    ("ij,jk->ii", [(2, 3), (3, 4)], "greedy"),
    ("ij,jk->x", [(2, 3), (3, 4)], "greedy"),
    ("ijk,jk->i", [(2, 3), (3, 4)], "greedy"),
    ("i..j,jk", [(2, 3), (3, 4)], "greedy"),
    ("...ijk,jk", [(2, 3), (3, 4)], "greedy"),
])
def test_errors_match_numpy(subscripts, shapes, optimize):
    arrays = operands(shapes)
    same_exception(lambda: numoxide.einsum_path(subscripts, *[numoxide.array(a) for a in arrays], optimize=optimize),
                   lambda: numpy.einsum_path(subscripts, *arrays, optimize=optimize))


def test_unknown_path_name_is_a_key_error_only_when_a_search_is_needed():
    arrays = [numoxide.ones((2, 2))] * 3
    with pytest.raises(KeyError):
        numoxide.einsum_path("ij,jk,kl", *arrays, optimize="fastest")
    assert numoxide.einsum_path("ij,jk", *arrays[:2], optimize="fastest")[0] == ["einsum_path", (0, 1)]


@pytest.mark.parametrize("subscripts, shapes, optimize", feasible(
    EXPRESSIONS[::3] + [("...ij,jk,kl->...il", [(2, 3, 4), (4, 5), (5, 3)])],
    [True, "optimal", ("greedy", 8)]))
@pytest.mark.parametrize("dtype", ["float64", "int64", "complex128"])
def test_optimized_einsum_matches_numpy(subscripts, shapes, optimize, dtype):
    arrays = operands(shapes, dtype)
    theirs = numpy.asarray(numpy.einsum(subscripts, *arrays, optimize=optimize))
    ours = numoxide.asarray(numoxide.einsum(subscripts, *[numoxide.array(a) for a in arrays], optimize=optimize))
    assert_same(ours, theirs, exact=dtype == "int64")


def test_optimized_einsum_with_explicit_path_and_dtype():
    arrays = operands([(2, 3), (3, 4), (4, 5)], "float32")
    path = numpy.einsum_path("ij,jk,kl->il", *arrays, optimize="optimal")[0]
    theirs = numpy.einsum("ij,jk,kl->il", *arrays, optimize=path, dtype="float64")
    ours = numoxide.einsum("ij,jk,kl->il", *[numoxide.array(a) for a in arrays], optimize=path, dtype="float64")
    numpy.testing.assert_allclose(numpy.asarray(ours), theirs, rtol=1e-12)
    assert str(ours.dtype) == str(theirs.dtype)


def test_optimized_einsum_rejects_an_incomplete_path():
    arrays = operands([(2, 3), (3, 4), (4, 5)])
    same_exception(lambda: numoxide.einsum("ij,jk,kl", *[numoxide.array(a) for a in arrays], optimize=["einsum_path", (0, 1)]),
                   lambda: numpy.einsum("ij,jk,kl", *arrays, optimize=["einsum_path", (0, 1)]))
