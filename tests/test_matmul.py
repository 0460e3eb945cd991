"""The product family against NumPy: matmul/@, dot, vdot, inner, outer, tensordot, kron,
trace, matvec, vecmat, vecdot. Every dtype, 1-d rules, broadcast batches, strided inputs,
result dtypes and error messages."""

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import DTYPES

PRODUCT_DTYPES = DTYPES


def small_values(dtype, shape):
    """Arrays of small integers in any dtype: every product and partial sum is exact in
    every float precision, so results compare bit for bit whatever the summation order."""
    d = numpy.dtype(dtype)
    if d.kind == "b":
        return hnp.arrays(d, shape)
    lo = 0 if d.kind == "u" else -4
    ints = hnp.arrays(numpy.int64, shape, elements=st.integers(lo, 4))
    if d.kind == "c":
        return st.tuples(ints, ints).map(lambda p: (p[0] + 1j * p[1]).astype(d))
    return ints.map(lambda a: a.astype(d))


def wide_values(dtype, shape):
    """Integers over the dtype's whole range: products must wrap exactly as NumPy's."""
    return hnp.arrays(numpy.dtype(dtype), shape)


def check(fn, *arrays, exact=True):
    """fn on numoxide and NumPy: the same result, or the same exception."""
    ours_args = [numoxide.array(a) for a in arrays]
    try:
        theirs = fn(numpy, *arrays)
    except Exception:  # noqa: BLE001 - whatever NumPy raises is the oracle
        same_exception(lambda: fn(numoxide, *ours_args), lambda: fn(numpy, *arrays))
        return
    ours = fn(numoxide, *ours_args)
    if exact:
        # Zeros may carry either sign depending on the order of a sum; values are exact.
        if isinstance(theirs, (numpy.ndarray, numpy.generic)) and numpy.dtype(theirs.dtype).kind in "fc":
            assert_same(ours, theirs, exact=False)
        else:
            assert_same(ours, theirs)
    return ours, theirs


matmul_shapes = st.sampled_from([
    ((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((1, 1), (1, 1)),
    ((4, 2, 3), (3, 5)), ((2, 3), (4, 3, 5)), ((2, 1, 2, 3), (3, 3, 4)), ((0, 3), (3, 2)),
    ((2, 0), (0, 3)), ((3, 0, 2), (2, 2)), ((5,), (2, 5, 3)), ((2, 4, 5), (5,)),
    ((17, 9), (9, 13)), ((30, 30), (30, 30)),
])


@settings(max_examples=250)
@given(st.sampled_from(PRODUCT_DTYPES), st.sampled_from(PRODUCT_DTYPES), matmul_shapes, st.data())
def test_matmul_matches_numpy_for_every_dtype(da, db, shapes, data):
    a = data.draw(small_values(da, shapes[0]))
    b = data.draw(small_values(db, shapes[1]))
    check(lambda m, x, y: m.matmul(x, y), a, b)
    check(lambda m, x, y: x @ y, a, b)


@settings(max_examples=80)
@given(st.sampled_from(["int8", "uint8", "int16", "int32", "int64", "uint64", "bool"]),
       st.sampled_from([((3, 4), (4, 2)), ((2, 3, 5), (5, 3)), ((70, 40), (40, 9))]), st.data())
def test_integer_products_wrap_exactly(dtype, shapes, data):
    a = data.draw(wide_values(dtype, shapes[0]))
    b = data.draw(wide_values(dtype, shapes[1]))
    check(lambda m, x, y: x @ y, a, b)
    check(lambda m, x, y: m.dot(x, y), a, b)


@pytest.mark.parametrize("dtype", ["int64", "int8", "float64", "complex128"])
@pytest.mark.parametrize("shapes", [((1000, 4, 4), (1000, 4, 4)), ((3, 1, 300, 2, 5), (1, 2, 1, 5, 3)),
                                    ((500, 6, 3), (3, 6))])
def test_batches_of_tiny_products_split_over_threads(dtype, shapes):
    """Stacks of many tiny products (split over threads in parts of whole items), broadcast
    batch axes included: exact for integers, within the rounding bound for floats."""
    rng = numpy.random.default_rng(11)
    a, b = (rng.integers(-100, 100, s).astype(dtype) for s in shapes)
    ours = numpy.asarray(numoxide.array(a) @ numoxide.array(b))
    theirs = a @ b
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    if numpy.dtype(dtype).kind in "iu":
        assert numpy.array_equal(ours, theirs)
    else:
        bound = shapes[0][-1] * numpy.finfo(dtype).eps * (numpy.abs(a) @ numpy.abs(b))
        assert numpy.all(numpy.abs(ours - theirs) <= bound)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("n", [1, 4, 19, 64, 130])
def test_float_products_are_accurate(dtype, n):
    rng = numpy.random.default_rng(n)
    a = rng.standard_normal((n, n + 1)).astype(dtype)
    b = rng.standard_normal((n + 1, n - 1 if n > 1 else 1)).astype(dtype)
    if numpy.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal(a.shape).astype(dtype)
        b = b + 1j * rng.standard_normal(b.shape).astype(dtype)
    ours = numoxide.array(a) @ numoxide.array(b)
    theirs = a @ b
    assert str(ours.dtype) == str(theirs.dtype) and ours.shape == theirs.shape
    # The rounding error of a dot product of length k is at most about k * eps * sum |a||b|.
    bound = (n + 1) * numpy.finfo(dtype).eps * (numpy.abs(a) @ numpy.abs(b))
    assert numpy.all(numpy.abs(numpy.asarray(ours) - theirs) <= 2 * bound)


LAYOUTS = ["plain", "a transposed", "b reversed", "b sliced", "b column-major"]


def check_product_in_layout(dtype, m, k, n, layout):
    """An (m, k) @ (k, n) float product with the operands in `layout`, against NumPy within
    the rounding-error bound."""
    rng = numpy.random.default_rng(m * k * n)
    a = rng.standard_normal((k, m) if layout == "a transposed" else (m, k)).astype(dtype)
    b = rng.standard_normal((k, n + 2)).astype(dtype)
    views = {
        "plain": (lambda x: x, lambda y: y[:, :n].copy()),
        "a transposed": (lambda x: x.T, lambda y: y[:, :n].copy()),
        "b reversed": (lambda x: x, lambda y: y[::-1, :n]),
        "b sliced": (lambda x: x, lambda y: y[:, 2:]),
        "b column-major": (lambda x: x, lambda y: y[:, :n].copy(order="F")),
    }
    va, vb = views[layout]
    ours = va(numoxide.array(a)) @ vb(numoxide.array(b))
    theirs = va(a) @ vb(b)
    assert str(ours.dtype) == str(theirs.dtype) and ours.shape == theirs.shape
    bound = k * numpy.finfo(dtype).eps * (numpy.abs(va(a)) @ numpy.abs(vb(b)))
    assert numpy.all(numpy.abs(numpy.asarray(ours) - theirs) <= 2 * bound)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["float32", "float64"]), st.integers(1, 140), st.integers(1, 140),
       st.integers(1, 140), st.sampled_from(LAYOUTS))
def test_small_float_products_in_every_layout(dtype, m, k, n, layout):
    """Products of up to about 128 cubed (the direct register-blocked kernel, split over
    threads from 64 cubed) for every edge of its blocks and the layouts it reads in place."""
    check_product_in_layout(dtype, m, k, n, layout)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("m, k, n", [(300, 260, 270), (530, 2100, 540), (545, 301, 300)])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_large_float_products_in_every_layout(dtype, m, k, n, layout):
    """Products from 256 cubed with both sides from 256 (the packed kernel): edges of its
    tiles and blocks of rows, an inner index longer than one packed stretch (float64), and
    operands it copies from any layout."""
    check_product_in_layout(dtype, m, k, n, layout)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128"])
@pytest.mark.parametrize("shapes", [((3000, 257), (257,)), ((257,), (257, 3000)),
                                    ((61, 35), (35,)), ((2, 1500, 300), (300, 1))])
@pytest.mark.parametrize("fortran", [False, True])
def test_matrix_vector_products_are_accurate(dtype, shapes, fortran):
    """The matrix-vector kernels, for both matrix layouts, against the rounding-error bound."""
    rng = numpy.random.default_rng(3)
    a, b = (rng.standard_normal(s).astype(dtype) for s in shapes)
    ours_a, ours_b = numoxide.array(a), numoxide.array(b)
    if fortran:
        ours_a, ours_b = (x.copy(order="F") for x in (ours_a, ours_b))
    ours, theirs = ours_a @ ours_b, a @ b
    assert str(ours.dtype) == str(theirs.dtype) and ours.shape == theirs.shape
    k = shapes[0][-1]
    bound = k * numpy.finfo(dtype).eps * (numpy.abs(a) @ numpy.abs(b))
    assert numpy.all(numpy.abs(numpy.asarray(ours) - theirs) <= 2 * bound)


def test_float16_accumulates_like_numpy():
    rng = numpy.random.default_rng(1)
    a = rng.standard_normal((9, 33)).astype("float16")
    b = rng.standard_normal((33, 7)).astype("float16")
    assert_same(numoxide.array(a) @ numoxide.array(b), a @ b)


@pytest.mark.parametrize("view", [
    lambda x: x.T, lambda x: x[::2], lambda x: x[:, ::-1], lambda x: x[1:, 1:][::-1, ::2],
])
def test_strided_operands(view):
    a = numpy.arange(48.0).reshape(6, 8)
    b = numpy.arange(48.0).reshape(8, 6) - 20
    va, vb = view(a), view(b)
    if va.shape[-1] != vb.shape[0]:
        vb = vb.T if vb.T.shape[0] == va.shape[-1] else numpy.ones((va.shape[-1], 3))
    na, nb = view(numoxide.array(a)), numoxide.array(vb)
    assert_same(na @ nb, va @ vb, exact=False)
    ia, ib = a.astype(numpy.int32), vb.astype(numpy.int32)
    assert_same(view(numoxide.array(ia)) @ numoxide.array(ib), view(ia) @ ib)


@pytest.mark.parametrize("shapes", [
    ((2, 3), (2, 3)), ((3,), (4,)), ((2, 3, 4), (3, 4, 5)), ((2, 1, 3, 4), (3, 3, 4, 5)),
    ((), (3,)), ((3,), ()), ((2, 3, 4), (3, 4)),
])
def test_matmul_errors(shapes):
    a, b = numpy.ones(shapes[0]), numpy.ones(shapes[1])
    check(lambda m, x, y: m.matmul(x, y), a, b)


def test_matmul_dtype_argument():
    a, b = numpy.arange(6).reshape(2, 3), numpy.arange(3.0)
    check(lambda m, x, y: m.matmul(x, y, dtype=m.float32), a, b)
    check(lambda m, x, y: m.matmul(x, y, dtype=m.int64), a, b)


def test_in_place_matmul():
    def square(m):
        a = m.arange(9.0).reshape(3, 3)
        a @= m.ones((3, 3))
        return a
    assert_same(square(numoxide), square(numpy))
    def grows(m):
        a = m.ones((2, 3))
        a @= m.ones((3, 2))
    same_exception(lambda: grows(numoxide), lambda: grows(numpy))
    def casts(m):
        a = m.ones((3, 3), dtype=m.int64)
        a @= m.ones((3, 3))
    same_exception(lambda: casts(numoxide), lambda: casts(numpy))


def test_matmul_with_lists_and_reflection():
    a = numpy.arange(6.0).reshape(2, 3)
    assert_same(numoxide.array(a) @ [1.0, 2.0, 3.0], a @ [1.0, 2.0, 3.0])
    assert_same([[1, 2]] @ numoxide.array(a), [[1, 2]] @ a)
    assert_same(numoxide.array([1.0, 2.0]) @ numoxide.array([3.0, 4.0]), numpy.array([1.0, 2.0]) @ numpy.array([3.0, 4.0]))


dot_shapes = st.sampled_from([
    ((), ()), ((), (3,)), ((2, 3), ()), ((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)),
    ((2, 3), (3, 4)), ((2, 3, 4), (5, 4, 2)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3)),
    ((2, 3), (2, 3)), ((3,), (4,)), ((0, 3), (3, 0)), ((2, 0), (0,)),
])


@settings(max_examples=200)
@given(st.sampled_from(["bool", "int8", "int64", "uint16", "float32", "float64", "complex128"]),
       st.sampled_from(["int32", "float64", "complex64"]), dot_shapes, st.data())
def test_dot_family(da, db, shapes, data):
    a = data.draw(small_values(da, shapes[0]))
    b = data.draw(small_values(db, shapes[1]))
    check(lambda m, x, y: m.dot(x, y), a, b)
    check(lambda m, x, y: m.inner(x, y.swapaxes(-1, -2) if y.ndim > 1 else y), a, b)
    check(lambda m, x, y: m.outer(x, y), a, b)
    check(lambda m, x, y: m.kron(x, y), a, b)
    check(lambda m, x, y: m.vdot(x, y), a, b)
    if a.ndim > 0:
        check(lambda m, x, y: x.dot(y), a, b)


@settings(max_examples=150)
@given(st.sampled_from(["int16", "float64", "complex128", "bool"]),
       st.sampled_from([
           ((2, 3), (3,)), ((4, 2, 3), (3,)), ((2, 3), (4, 3)), ((3,), (3,)), ((2, 3), (2,)),
           ((3,), (3, 2)), ((4, 3), (2, 1, 3)), ((3,), ()), ((), (3,)), ((2, 3), (3, 3)),
       ]), st.data())
def test_vector_gufuncs(dtype, shapes, data):
    a = data.draw(small_values(dtype, shapes[0]))
    b = data.draw(small_values(dtype, shapes[1]))
    check(lambda m, x, y: m.matvec(x, y), a, b)
    check(lambda m, x, y: m.vecmat(y, x), a, b)
    check(lambda m, x, y: m.vecdot(x, y), a, b)
    check(lambda m, x, y: m.vecdot(y, x), a, b)


@pytest.mark.parametrize("shape_a, shape_b, axes", [
    ((3, 4), (2, 3), 0), ((3, 4, 5), (5, 2), 1), ((3, 4, 5), (4, 5, 2), 2),
    ((3, 4, 5), (4, 3, 5), ([1, 0], [0, 1])), ((3, 4, 5), (2, 5, 4), ([2], [1])),
    ((3, 4, 5), (5, 3), ([0, 2], [1, 0])), ((3, 4), (4, 3), (1, 0)), ((2, 3), (2, 3), 3), ((2, 3), (2, 3), -1),
    ((2, 3), (2, 3), ([5], [0])), ((2, 3), (2, 3), ([0, 1], [0])), ((2, 3), (2, 3), ([0, 0], [0, 0])),
])
def test_tensordot(shape_a, shape_b, axes):
    a = numpy.arange(numpy.prod(shape_a)).reshape(shape_a)
    b = numpy.arange(numpy.prod(shape_b), dtype=float).reshape(shape_b)
    check(lambda m, x, y: m.tensordot(x, y, axes), a, b)


def test_tensordot_mismatch():
    check(lambda m, x, y: m.tensordot(x, y, ([0], [0])), numpy.ones((2, 3)), numpy.ones((3, 2)))


@pytest.mark.filterwarnings("ignore::numpy.exceptions.ComplexWarning")
@settings(max_examples=100)
@given(st.sampled_from(["bool", "int8", "uint32", "float32", "complex64"]),
       st.sampled_from([(3, 3), (2, 4), (4, 2, 3), (2, 3, 4, 5)]),
       st.integers(-2, 2), st.sampled_from([(0, 1), (-1, -2), (0, 2)]), st.data())
def test_trace(dtype, shape, offset, axes, data):
    a = data.draw(small_values(dtype, shape))
    if max(axes) >= a.ndim:
        axes = (0, 1)
    check(lambda m, x: m.trace(x, offset, *axes), a)
    check(lambda m, x: x.trace(offset, *axes), a)
    check(lambda m, x: m.trace(x, dtype=m.float64), a)


@pytest.mark.parametrize("shapes", [
    ((3,), (3,)), ((4, 3), (3,)), ((2, 1, 3), (4, 3)), ((3,), (2,)), ((2,), (3,)), ((5, 2), (2,)),
    ((3,), (4,)), ((), (3,)), ((3, 4), (3, 4)),
])
@pytest.mark.parametrize("dtype", ["int32", "float64", "complex128"])
def test_cross(shapes, dtype):
    import warnings
    a = (numpy.arange(numpy.prod(shapes[0]) or 1)[:int(numpy.prod(shapes[0]))].reshape(shapes[0]) % 5 - 2).astype(dtype)
    b = (numpy.arange(numpy.prod(shapes[1]))[::-1].reshape(shapes[1]) % 7 - 3).astype(dtype)
    axis = 0 if shapes == ((3, 4), (3, 4)) else -1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        check(lambda m, x, y: m.cross(x, y, axis=axis), a, b)
        check(lambda m, x, y: m.cross(x, y, axisa=-1, axisb=-1, axisc=0), a, b)


def recorded_warnings(call):
    """The (category, message) of each warning `call` emits, and its exception type, if any."""
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            call()
            error = None
        except Exception as e:  # noqa: BLE001 - compared with NumPy's
            error = type(e).__name__
    return [(w.category.__name__, str(w.message)) for w in caught], error


@pytest.mark.parametrize("shapes, axes", [
    (((2,), (2,)), {}), (((2,), (3,)), {}), (((3,), (2,)), {}), (((3,), (3,)), {}), (((4,), (2,)), {}),
    (((2, 3), (3, 2)), {"axisa": 0}), (((2, 3), (3, 2)), {"axisa": 5}), (((2, 2), (3, 2)), {"axisc": 9}),
    (((4, 2), (3, 2)), {}),
])
def test_cross_deprecates_2_vectors_as_numpy(shapes, axes):
    a, b = numpy.ones(shapes[0]), numpy.ones(shapes[1])
    ours = recorded_warnings(lambda: numoxide.cross(numoxide.array(a), numoxide.array(b), **axes))
    theirs = recorded_warnings(lambda: numpy.cross(a, b, **axes))
    assert ours == theirs
    if theirs == ([], None):
        return
    # As an error, the warning comes before any later failure.
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        same_exception(lambda: numoxide.cross(numoxide.array(a), numoxide.array(b), **axes),
                       lambda: numpy.cross(a, b, **axes))


@pytest.mark.parametrize("shapes", [((2,), (2,)), ((3, 2), (3, 3)), ((3,), (3,))])
def test_linalg_cross_requires_3_vectors(shapes):
    a, b = numpy.ones(shapes[0]), numpy.ones(shapes[1])
    check(lambda m, x, y: m.linalg.cross(x, y), a, b)


@pytest.mark.parametrize("transposed", [False, True])
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
def test_large_matrix_vector_products_split_over_threads(transposed, dtype):
    """Products big enough to split by rows; small-integer data make every order exact."""
    rng = numpy.random.default_rng(7)
    a = rng.integers(-8, 8, size=(1500, 700)).astype(dtype)
    v = rng.integers(-8, 8, size=700).astype(dtype)
    x = numoxide.array(a.T.copy()).T if transposed else numoxide.array(a)
    assert_same(x @ numoxide.array(v), a @ v)
    w = rng.integers(-8, 8, size=1500).astype(dtype)
    assert_same(numoxide.array(w) @ x, w @ a)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128"])
@pytest.mark.parametrize("shape, gram", [((3000, 300), "X.T @ X"), ((400, 700), "X @ X.T"),
                                         ((2000, 400), "X[::2].T @ X[::2]")])
def test_products_of_a_matrix_with_its_transpose(dtype, shape, gram):
    """A matrix times its own transpose is computed on and above the diagonal and mirrored:
    exactly symmetric, as NumPy's (BLAS syrk) is, and within the rounding-error bound."""
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal(shape).astype(dtype)
    if numpy.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape).astype(dtype)
    ours = numpy.asarray(eval(gram, {"X": numoxide.array(x)}))
    theirs = eval(gram, {"X": x})
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    assert numpy.array_equal(ours, ours.T)
    operand = eval(gram.split(" @ ")[0], {"X": x})
    bound = operand.shape[1] * numpy.finfo(dtype).eps * (numpy.abs(operand) @ numpy.abs(operand.T))
    assert numpy.all(numpy.abs(ours - theirs) <= 2 * bound)
