"""out= on the products (matmul, dot, einsum, matvec/vecmat/vecdot) and axes=/axis= on the
gufuncs, against NumPy: the same values written, `out` itself returned, and NumPy's
exceptions for unacceptable outputs and axes."""

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception


def ints(shape, dtype="int64"):
    return (numpy.arange(numpy.prod(shape)).reshape(shape) % 7 - 3).astype(dtype)


# NumPy's iterator messages for outputs whose batch axes do not fit, and those of its
# optimized einsum's last step: we raise the same exception type with our own text.
LOOSE_MESSAGES = ("operands could not be broadcast together", "output operand requires a reduction",
                  "non-broadcastable output operand", "could not broadcast input array")


def run_with_out(fn, inputs, out):
    """fn with out= on both libraries: the same result, written into out and returned as
    out, or the same exception."""
    ours_out = numoxide.array(out)
    try:
        theirs = fn(numpy, *inputs, out=out)
    except Exception as e:  # noqa: BLE001 - whatever NumPy raises is the oracle
        if not str(e).startswith(LOOSE_MESSAGES):
            same_exception(lambda: fn(numoxide, *[numoxide.array(a) for a in inputs], out=ours_out),
                           lambda: fn(numpy, *inputs, out=out))
        else:
            with pytest.raises(type(e)):
                fn(numoxide, *[numoxide.array(a) for a in inputs], out=ours_out)
        return
    ours = fn(numoxide, *[numoxide.array(a) for a in inputs], out=ours_out)
    if isinstance(theirs, numpy.ndarray):
        assert ours is ours_out
    assert_same(ours_out, out)
    assert_same(ours, theirs)


OUTS = [((2, 2), "float64"), ((2, 2), "float32"), ((2, 2), "int64"), ((3, 2), "float64"), ((2, 2, 2), "float64"),
        ((2,), "float64"), ((), "float64"), ((1, 2, 2), "complex128"), ((2, 2), "int32")]


@pytest.mark.parametrize("out_shape, out_dtype", OUTS)
@pytest.mark.parametrize("dtype", ["float64", "int64"])
def test_matmul_out(out_shape, out_dtype, dtype):
    out = numpy.zeros(out_shape, out_dtype)
    run_with_out(lambda m, x, y, out: m.matmul(x, y, out=out), [ints((2, 2), dtype), ints((2, 2), dtype)], out)
    out = numpy.zeros(out_shape, out_dtype)
    run_with_out(lambda m, x, y, out: m.matmul(x, y, out=(out,)), [ints((2, 2), dtype), ints((2, 2), dtype)], out)


@pytest.mark.parametrize("out_shape", [(), (1,), (2,)])
def test_matmul_of_vectors_out(out_shape):
    out = numpy.zeros(out_shape)
    run_with_out(lambda m, x, y, out: m.matmul(x, y, out=out), [ints((2,), "float64"), ints((2,), "float64")], out)


def test_matmul_out_casting_and_dtype():
    a, b = ints((2, 3), "float64"), ints((3, 2), "float64")
    out = numpy.zeros((2, 2), "int64")
    run_with_out(lambda m, x, y, out: m.matmul(x, y, out=out, casting="unsafe"), [a, b], out)
    out = numpy.zeros((2, 2), "float64")
    run_with_out(lambda m, x, y, out: m.matmul(x, y, out=out, dtype=m.float32), [a, b], out)


@pytest.mark.parametrize("name", ["matmul", "dot", "vecdot"])
def test_product_out_rejects_non_arrays_and_read_only(name):
    a = ints((2, 2), "float64")
    same_exception(lambda: getattr(numoxide, name)(numoxide.array(a), numoxide.array(a), out=[1]),
                   lambda: getattr(numpy, name)(a, a, out=[1]))
    theirs_out = numpy.zeros((2, 2) if name != "vecdot" else (2,))
    theirs_out.flags.writeable = False
    ours_out = numoxide.zeros(theirs_out.shape)
    ours_out.flags.writeable = False
    same_exception(lambda: getattr(numoxide, name)(numoxide.array(a), numoxide.array(a), out=ours_out),
                   lambda: getattr(numpy, name)(a, a, out=theirs_out))


@pytest.mark.parametrize("out_shape, out_dtype", OUTS)
@pytest.mark.parametrize("dtype", ["float64", "int64"])
def test_dot_out_is_strict(out_shape, out_dtype, dtype):
    out = numpy.zeros(out_shape, out_dtype)
    run_with_out(lambda m, x, y, out: m.dot(x, y, out=out), [ints((2, 2), dtype), ints((2, 2), dtype)], out)


def test_dot_out_not_c_contiguous_and_0d():
    out = numpy.zeros((2, 2))
    run_with_out(lambda m, x, y, out: m.dot(x, y, out=out.T), [ints((2, 2), "float64")] * 2, out)
    out = numpy.zeros(())
    run_with_out(lambda m, x, y, out: m.dot(x, y, out=out), [ints((3,), "float64")] * 2, out)


# Optimized, NumPy's last step writes `out` by its own rules (matmul's or einsum's), so only
# an exactly fitting `out` is compared there.
@pytest.mark.parametrize("out_shape, out_dtype, optimize",
                         [(*o, False) for o in OUTS] + [((2, 2), "float64", True)])
def test_einsum_out(out_shape, out_dtype, optimize):
    out = numpy.zeros(out_shape, out_dtype)
    run_with_out(lambda m, x, y, z, out: m.einsum("ij,jk,kl->il", x, y, z, out=out, optimize=optimize),
                 [ints((2, 3), "float64"), ints((3, 4), "float64"), ints((4, 2), "float64")], out)


def test_einsum_out_casting_and_scalar_output():
    out = numpy.zeros((2, 2), "float32")
    run_with_out(lambda m, x, y, out: m.einsum("ij,jk", x, y, out=out, casting="same_kind"),
                 [ints((2, 2), "float64")] * 2, out)
    out = numpy.zeros(())
    run_with_out(lambda m, x, y, out: m.einsum("i,i", x, y, out=out), [ints((3,), "float64")] * 2, out)


@pytest.mark.parametrize("name, shapes, out_shape", [
    ("vecdot", [(2, 3), (2, 3)], (2,)), ("vecdot", [(2, 3), (2, 3)], (3,)), ("vecdot", [(2, 3), (3,)], (4, 2)),
    ("matvec", [(2, 3), (3,)], (2,)), ("matvec", [(2, 3), (3,)], (3,)), ("matvec", [(2, 3), (3,)], ()),
    ("vecmat", [(3,), (3, 2)], (2,)), ("vecmat", [(3,), (3, 2)], (5, 2)),
])
@pytest.mark.parametrize("out_dtype", ["float64", "float32", "int64", "complex128"])
def test_vector_products_out(name, shapes, out_shape, out_dtype):
    out = numpy.zeros(out_shape, out_dtype)
    inputs = [ints(s, "float64") for s in shapes]
    run_with_out(lambda m, x, y, out: getattr(m, name)(x, y, out=out), inputs, out)


@pytest.mark.parametrize("name, shapes, kwargs", [
    ("vecdot", [(2, 3), (2, 3)], {"axis": 0}),
    ("vecdot", [(2, 3), (2, 3)], {"axis": -2}),
    ("vecdot", [(2, 3), (2, 3)], {"axis": 2}),
    ("vecdot", [(2, 3), (3, 2)], {"axes": [0, 1]}),
    ("vecdot", [(2, 3), (3, 2)], {"axes": [(0,), (1,), ()]}),
    ("vecdot", [(2, 3), (3, 2)], {"axes": [0, 1, 0]}),
    ("vecdot", [(2, 3), (3, 2)], {"axes": [0]}),
    ("vecdot", [(2, 3), (3, 2)], {"axes": [(0, 1), 1]}),
    ("vecdot", [(2, 3), (3, 2)], {"axes": [5, 1]}),
    ("vecdot", [(2, 3), (2, 3)], {"axis": 0, "axes": [0, 0]}),
    ("matvec", [(3, 4, 2), (4,)], {"axes": [(0, 1), 0, 0]}),
    ("matvec", [(3, 4, 2), (4,)], {"axes": [(1, 0), (0,), (1,)]}),
    ("matvec", [(3, 4, 2), (4,)], {"axis": 0}),
    ("matvec", [(3, 4, 2), (4,)], {"axes": [(0, 1), 0]}),
    ("vecmat", [(4, 2), (5, 4, 3)], {"axes": [0, (1, 2), 0]}),
    ("vecmat", [(4, 2), (4, 3, 2)], {"axes": [0, (0, 1), (1,)]}),
    ("matmul", [(3, 4, 2), (4, 5, 2)], {"axes": [(0, 1), (0, 1), (0, 1)]}),
    ("matmul", [(3, 4, 2), (4, 5, 2)], {"axes": [(0, 1), (0, 1), (1, 2)]}),
    ("matmul", [(3, 4), (4, 5)], {"axis": 0}),
])
def test_core_axes(name, shapes, kwargs):
    inputs = [ints(s, "int64") for s in shapes]
    try:
        theirs = getattr(numpy, name)(*inputs, **kwargs)
    except Exception as e:  # noqa: BLE001 - whatever NumPy raises is the oracle
        if str(e).startswith(LOOSE_MESSAGES):
            # NumPy names the operands' original shapes; we name them with core axes moved.
            with pytest.raises(type(e)):
                getattr(numoxide, name)(*[numoxide.array(a) for a in inputs], **kwargs)
            return
        same_exception(lambda: getattr(numoxide, name)(*[numoxide.array(a) for a in inputs], **kwargs),
                       lambda: getattr(numpy, name)(*inputs, **kwargs))
        return
    assert_same(getattr(numoxide, name)(*[numoxide.array(a) for a in inputs], **kwargs), theirs)


@pytest.mark.parametrize("axis", [0, 1, -1, -2])
def test_linalg_vecdot_axis(axis):
    a, b = ints((2, 2), "float64"), ints((2, 2), "complex128") * (1 + 2j)
    assert_same(numoxide.linalg.vecdot(numoxide.array(a), numoxide.array(b), axis=axis),
                numpy.linalg.vecdot(a, b, axis=axis))
