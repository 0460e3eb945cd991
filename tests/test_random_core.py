"""Generator and legacy RandomState core methods against NumPy: values, dtypes, scalar vs
array returns, exceptions, and the generator state after every call (any call order)."""

import warnings

import numoxide
import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from random_helpers import BIT_GENERATORS, SEEDS, both, same_result, same_state

INT_DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]
RANGES = [(0, 1), (0, 2), (0, 100), (-5, 5), (0, 256), (-128, 128), (10, 2**16), (0, 2**32),
          (-(2**31), 2**31), (0, 2**40), (3, 2**63 - 1), (-(2**63), 2**63 - 1), (0, 2**64 - 1)]


def rng(lib, seed=3, bit_generator=None):
    if bit_generator is None:
        return lib.random.default_rng(seed)
    return lib.random.Generator(getattr(lib.random, bit_generator)(seed))


def legacy(lib, seed=3):
    return lib.random.RandomState(seed)


def run_and_compare_states(make, call):
    """`call(gen, lib)` on both libraries' generators from `make(lib)`: the same result or
    the same exception, and the same state afterwards."""
    ours, theirs = make(numoxide), make(numpy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            expected = call(theirs, numpy)
        except Exception as e:  # noqa: BLE001 (the oracle's exception is the expectation)
            with pytest.raises(Exception) as got:
                call(ours, numoxide)
            assert type(got.value).__name__ == type(e).__name__
            assert str(got.value) == str(e)
        else:
            same_result(call(ours, numoxide), expected)
    if hasattr(theirs, "bit_generator"):
        same_state(ours.bit_generator.state, theirs.bit_generator.state)
    else:
        same_state(ours.get_state(), theirs.get_state())
        same_state(ours.get_state(legacy=False), theirs.get_state(legacy=False))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("bit_generator", [None] + BIT_GENERATORS)
def test_random_floats(seed, bit_generator):
    make = lambda m: rng(m, seed, bit_generator)
    run_and_compare_states(make, lambda g, m: g.random())
    run_and_compare_states(make, lambda g, m: g.random(7))
    run_and_compare_states(make, lambda g, m: g.random((2, 3), dtype=m.float32))
    run_and_compare_states(make, lambda g, m: g.random(dtype="f4"))
    run_and_compare_states(make, lambda g, m: g.random(size=()))
    run_and_compare_states(make, lambda g, m: [g.random(3, dtype=m.float32), g.random(2)])


def test_random_out():
    def call(g, m):
        out = m.zeros((3, 4))
        res = g.random(out=out)
        assert res is out
        out32 = m.zeros((2, 2), dtype=m.float32)
        g.random(size=(2, 2), out=out32, dtype=m.float32)
        fortran = m.zeros((3, 2)).T
        g.random(out=fortran)
        return [out, out32, fortran]

    run_and_compare_states(rng, call)
    both(lambda m: rng(m).random(out=m.zeros(3, dtype=m.float32)))
    both(lambda m: rng(m).random(size=4, out=m.zeros(3)))
    both(lambda m: rng(m).random(out=m.zeros((3, 4))[:, ::2]))
    both(lambda m: rng(m).random(5, dtype=m.int64))
    both(lambda m: rng(m).random(-1))


@pytest.mark.parametrize("seed", [0, 1, 42, 2**32 - 1, [1, 2, 3], [2**32 - 1, 0]])
def test_legacy_uniform_family(seed):
    make = lambda m: legacy(m, seed)
    run_and_compare_states(make, lambda r, m: r.rand())
    run_and_compare_states(make, lambda r, m: r.rand(3, 2))
    for name in ["random_sample", "random"]:
        run_and_compare_states(make, lambda r, m, name=name: getattr(r, name)())
        run_and_compare_states(make, lambda r, m, name=name: getattr(r, name)((2, 2)))
    run_and_compare_states(make, lambda r, m: r.tomaxint())
    run_and_compare_states(make, lambda r, m: r.tomaxint(5))


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("low,high", RANGES)
def test_integers_and_randint(dtype, low, high):
    for endpoint in (False, True):
        for size in (None, 9, (2, 3)):
            def call(g, m, size=size, endpoint=endpoint):
                return g.integers(low, high, size=size, dtype=dtype, endpoint=endpoint)

            run_and_compare_states(rng, call)
    for size in (None, 9, (2, 3)):
        def legacy_call(r, m, size=size):
            return r.randint(low, high, size=size, dtype=dtype)

        run_and_compare_states(legacy, legacy_call)


def test_integer_return_types():
    run_and_compare_states(rng, lambda g, m: g.integers(5))
    run_and_compare_states(rng, lambda g, m: g.integers(5, dtype=int))
    run_and_compare_states(rng, lambda g, m: g.integers(2, dtype=bool))
    run_and_compare_states(rng, lambda g, m: g.integers(5, size=()))
    run_and_compare_states(legacy, lambda r, m: r.randint(5))
    run_and_compare_states(legacy, lambda r, m: r.randint(2, dtype=bool))
    run_and_compare_states(legacy, lambda r, m: r.randint(5, dtype=m.int32))
    run_and_compare_states(legacy, lambda r, m: r.random_integers(5))
    run_and_compare_states(legacy, lambda r, m: r.random_integers(3, 9, size=4))
    run_and_compare_states(rng, lambda g, m: g.integers(5.7, size=3))


def test_integers_broadcast():
    lows, highs = [1, 10, 100], [[5], [2000], [3000]]
    run_and_compare_states(rng, lambda g, m: g.integers(lows, highs))
    run_and_compare_states(rng, lambda g, m: g.integers(0, [2, 5, 2**40], dtype=m.uint64))
    run_and_compare_states(rng, lambda g, m: g.integers(m.array([0, 1]), 3, size=(3, 2), dtype=m.uint8))
    run_and_compare_states(legacy, lambda r, m: r.randint(lows, highs, dtype=m.uint16))
    run_and_compare_states(legacy, lambda r, m: r.randint([0, 0, 1], 2, dtype=bool))
    run_and_compare_states(legacy, lambda r, m: r.randint(-5, [[3], [7]], size=(2, 4), dtype=m.int8))


@pytest.mark.parametrize(
    "args",
    [(0, 300, "int8"), (-1, 5, "uint8"), (5, 5, "int64"), (0, 0, "int64"), (6, 5, "int16"),
     (0, 2**64, "uint64"), (-(2**63) - 1, 0, "int64"), (0, 3, "bool"), ([1, 5], 3, "int64"),
     ([0, 0], [0, 1], "int32"), ([0, -1], 5, "uint32"), (0, [300], "uint8")],
)
def test_integer_errors(args):
    low, high, dtype = args
    both(lambda m: rng(m).integers(low, high, dtype=dtype))
    both(lambda m: legacy(m).randint(low, high, dtype=dtype))
    both(lambda m: rng(m).integers(low, high, size=0, dtype=dtype))


def test_size_errors():
    both(lambda m: legacy(m).rand(2.5))
    both(lambda m: rng(m).random((2, "3")))
    both(lambda m: rng(m).integers(5, size=(2, -1)))


def test_integer_dtype_errors():
    both(lambda m: rng(m).integers(5, dtype=m.float64))
    both(lambda m: legacy(m).randint(5, dtype="f8"))
    both(lambda m: rng(m).integers(0))
    both(lambda m: rng(m).integers(-3, endpoint=True))
    both(lambda m: legacy(m).randint(5, size=-2))


@pytest.mark.parametrize("length", [0, 1, 3, 4, 5, 17, -1, -3, -5, -8])
def test_bytes(length):
    run_and_compare_states(rng, lambda g, m: g.bytes(length))
    run_and_compare_states(legacy, lambda r, m: r.bytes(length))


CHOICE_CASES = [
    {"a": 10, "size": None},
    {"a": 10, "size": 5},
    {"a": 10, "size": (2, 3)},
    {"a": 10, "size": ()},
    {"a": [1.5, 2.5, 3.5, 4.5]},
    {"a": [1.5, 2.5, 3.5, 4.5], "size": 3},
    {"a": [1, 2, 3], "size": ()},
    {"a": 10, "size": 5, "replace": False},
    {"a": 10, "size": 10, "replace": False},
    {"a": [7, 8, 9], "replace": False},
    {"a": 20000, "size": 1000, "replace": False},
    {"a": 20000, "size": 100, "replace": False},
    {"a": 4, "size": 6, "p": [0.1, 0.2, 0.3, 0.4]},
    {"a": 4, "p": [0.1, 0.2, 0.3, 0.4]},
    {"a": 4, "size": 3, "replace": False, "p": [0.1, 0.2, 0.3, 0.4]},
    {"a": 5, "size": 2, "replace": False, "p": [0.5, 0.5, 0.0, 0.0, 0.0]},
    {"a": 0, "size": 0},
    {"a": [], "size": 0},
]


@pytest.mark.parametrize("kwargs", CHOICE_CASES)
def test_choice(kwargs):
    run_and_compare_states(rng, lambda g, m: g.choice(**kwargs))
    run_and_compare_states(legacy, lambda r, m: r.choice(**kwargs))


def test_generator_choice_axis_and_shuffle():
    a = lambda m: m.arange(24).reshape(4, 6)
    run_and_compare_states(rng, lambda g, m: g.choice(a(m), 3, axis=1))
    run_and_compare_states(rng, lambda g, m: g.choice(a(m), (2, 2)))
    run_and_compare_states(rng, lambda g, m: g.choice(a(m)))
    run_and_compare_states(rng, lambda g, m: g.choice(a(m), 3, replace=False, axis=-1))
    run_and_compare_states(rng, lambda g, m: g.choice(30, 10, replace=False, shuffle=False))
    run_and_compare_states(rng, lambda g, m: g.choice(20000, 500, replace=False, shuffle=False))


@pytest.mark.parametrize(
    "kwargs",
    [{"a": [[1, 2], [3, 4]]}, {"a": 3, "p": [0.1, 0.1, 0.1]}, {"a": 3, "size": 5, "replace": False},
     {"a": 0}, {"a": -2}, {"a": []}, {"a": 2.5}, {"a": 3, "p": [0.5, 0.5]},
     {"a": 3, "p": [[0.5, 0.5, 0.0]]}, {"a": 2, "p": [1.5, -0.5]}, {"a": 2, "p": [float("nan"), 1.0]},
     {"a": 3, "size": 2, "replace": False, "p": [1.0, 0.0, 0.0]}, {"a": 3, "size": -1},
     {"a": 3, "size": -1, "replace": False}, {"a": 3, "size": -5, "replace": False}],
)
def test_choice_errors(kwargs):
    both(lambda m: rng(m).choice(**kwargs))
    both(lambda m: legacy(m).choice(**kwargs))


def test_shuffle_arrays_and_lists():
    def shuffled(shape, axis=None, dtype="int64"):
        def call(g, m):
            x = m.arange(int(numpy.prod(shape)), dtype=dtype).reshape(shape)
            if axis is None:
                g.shuffle(x)
            else:
                g.shuffle(x, axis=axis)
            return x
        return call

    for shape in [(1,), (10,), (4, 5), (3, 2, 4), (0,), (0, 3)]:
        run_and_compare_states(rng, shuffled(shape))
        run_and_compare_states(legacy, shuffled(shape))
    for dtype in ["int8", "float32", "complex128", "bool"]:
        run_and_compare_states(rng, shuffled((9,), dtype=dtype))
    run_and_compare_states(rng, shuffled((4, 5), axis=1))
    run_and_compare_states(rng, shuffled((3, 2, 4), axis=-1))

    def strided(g, m):
        x = m.arange(20)
        g.shuffle(x[::3])
        return x

    run_and_compare_states(rng, strided)
    run_and_compare_states(legacy, strided)

    def listed(g, m):
        x = list(range(12))
        g.shuffle(x)
        return x

    run_and_compare_states(rng, listed)
    run_and_compare_states(legacy, listed)


def test_shuffle_errors():
    def read_only(m):
        x = m.arange(3)
        x.flags.writeable = False
        rng(m).shuffle(x)

    both(read_only)
    both(lambda m: rng(m).shuffle(m.arange(3), axis=1))
    both(lambda m: rng(m).shuffle([1, 2, 3], axis=1))


def test_permutation():
    run_and_compare_states(rng, lambda g, m: g.permutation(10))
    run_and_compare_states(rng, lambda g, m: g.permutation(0))
    run_and_compare_states(rng, lambda g, m: g.permutation([3.5, 1.5, 2.0]))
    run_and_compare_states(rng, lambda g, m: g.permutation(m.arange(12).reshape(3, 4)))
    run_and_compare_states(rng, lambda g, m: g.permutation(m.arange(12).reshape(3, 4), axis=1))
    run_and_compare_states(legacy, lambda r, m: r.permutation(10))
    run_and_compare_states(legacy, lambda r, m: r.permutation(m.arange(12).reshape(4, 3)))
    run_and_compare_states(legacy, lambda r, m: r.permutation(m.int8(6)))

    def untouched(g, m):
        x = m.arange(5)
        return [g.permutation(x), x]

    run_and_compare_states(rng, untouched)
    run_and_compare_states(legacy, untouched)
    both(lambda m: legacy(m).permutation(m.array(5.0)))
    both(lambda m: rng(m).permutation(m.arange(4), axis=1))


def test_permuted():
    a = lambda m: m.arange(24).reshape(4, 6)
    run_and_compare_states(rng, lambda g, m: g.permuted(a(m)))
    run_and_compare_states(rng, lambda g, m: g.permuted(a(m), axis=0))
    run_and_compare_states(rng, lambda g, m: g.permuted(a(m), axis=1))
    run_and_compare_states(rng, lambda g, m: g.permuted(a(m).T))
    run_and_compare_states(rng, lambda g, m: g.permuted(a(m)[:, ::2]))
    run_and_compare_states(rng, lambda g, m: g.permuted([5, 6, 7, 8]))
    run_and_compare_states(rng, lambda g, m: g.permuted(m.arange(24).reshape(2, 3, 4), axis=1))

    def into(g, m):
        out = m.zeros((4, 6))
        res = g.permuted(a(m), axis=1, out=out)
        assert res is out
        return out

    run_and_compare_states(rng, into)
    both(lambda m: rng(m).permuted(a(m), out=m.zeros((6, 4))))
    both(lambda m: rng(m).permuted(a(m), out=m.zeros((4, 6), dtype=m.int8)))
    both(lambda m: rng(m).permuted(a(m), out=[1]))


def test_generator_plumbing():
    ours = numoxide.random.default_rng(5)
    assert ours.bit_generator is ours.bit_generator
    assert numoxide.random.default_rng(ours) is ours
    bits = numoxide.random.PCG64(5)
    assert numoxide.random.default_rng(bits).bit_generator is bits
    assert str(ours) == "Generator(PCG64)"
    assert repr(ours).startswith("Generator(PCG64) at 0x")
    assert str(numoxide.random.RandomState(1)) == "RandomState(MT19937)"
    both(lambda m: m.random.Generator(5))
    seq = numoxide.random.SeedSequence(8)
    same_state(numoxide.random.default_rng(seq).bit_generator.state,
               numpy.random.default_rng(numpy.random.SeedSequence(8)).bit_generator.state)
    shared = numoxide.random.MT19937(3)
    g, r = numoxide.random.Generator(shared), numoxide.random.RandomState(shared)
    g.random(), r.random_sample()
    n_shared = numpy.random.MT19937(3)
    numpy.random.Generator(n_shared).random(), numpy.random.RandomState(n_shared).random_sample()
    same_state(shared.state, n_shared.state)
    run_and_compare_states(rng, lambda g, m: [c.random(3) for c in g.spawn(3)])
    both(lambda m: rng(m).spawn(-1))


@pytest.mark.parametrize("seed", [0, 1, 42, 2**32 - 1, [1, 2, 3], [0], numpy.uint32(7)])
def test_legacy_seeding_and_state(seed):
    ours, theirs = numoxide.random.RandomState(seed), numpy.random.RandomState(seed)
    same_state(ours.get_state(), theirs.get_state())
    ours.seed(seed)
    theirs.seed(seed)
    same_state(ours.get_state(), theirs.get_state())
    assert ours.get_state(legacy=False)["bit_generator"] == "MT19937"


@pytest.mark.parametrize("bad", [-1, 2**32, 1.5, [1.5], [], [[1, 2], [3, 4]], [2**32], "abc"])
def test_legacy_seed_errors(bad):
    both(lambda m: m.random.RandomState(bad))
    both(lambda m: m.random.RandomState(0).seed(bad))


def test_legacy_set_state_forms():
    def round_trip(form):
        def call(r, m):
            r.rand(5)
            state = r.get_state() if form == "tuple" else r.get_state(legacy=False)
            other = m.random.RandomState(0)
            other.set_state(state)
            return [other.rand(3), other.randint(0, 10, 4)]
        return call

    run_and_compare_states(legacy, round_trip("tuple"))
    run_and_compare_states(legacy, round_trip("dict"))

    def gauss_cached(r, m):
        r.set_state(("MT19937", m.random.RandomState(4).get_state()[1], 10, 1, 0.25))
        return r.rand(2)

    run_and_compare_states(legacy, gauss_cached)
    both(lambda m: legacy(m).set_state(5))
    both(lambda m: legacy(m).set_state({"state": 1}))
    both(lambda m: legacy(m).set_state(("PCG64", 1, 2)))
    both(lambda m: m.random.RandomState(m.random.PCG64(1)).seed(3))


def test_legacy_state_with_other_bit_generators():
    ours = numoxide.random.RandomState(numoxide.random.PCG64(4))
    theirs = numpy.random.RandomState(numpy.random.PCG64(4))
    with pytest.warns(RuntimeWarning, match="get_state and legacy"):
        o = ours.get_state()
    with pytest.warns(RuntimeWarning):
        t = theirs.get_state()
    same_state(o, t)
    same_state(ours.get_state(legacy=False), theirs.get_state(legacy=False))


def test_module_functions():
    module_names = [n for n in dir(numpy.random.RandomState) if not n.startswith("_")]
    ours_names = set(dir(numoxide.random))
    core = {"seed", "get_state", "set_state", "rand", "randint", "random", "random_sample",
            "ranf", "sample", "bytes", "choice", "shuffle", "permutation", "random_integers",
            "tomaxint"}
    assert core <= ours_names
    assert set(module_names) & core <= ours_names

    def sequence(m):
        m.random.seed(42)
        out = [m.random.rand(3), m.random.randint(0, 10, 5), m.random.random(), m.random.bytes(5),
               m.random.ranf(2), m.random.sample((1, 2))]
        state = m.random.get_state()
        out.append(m.random.choice(5, 3))
        m.random.set_state(state)
        out.append(m.random.choice(5, 3))
        x = m.arange(6)
        m.random.shuffle(x)
        out += [x, m.random.permutation(4), m.random.random_sample((2, 2))]
        return out

    same_result(sequence(numoxide), sequence(numpy))
    same_state(numoxide.random.get_state(), numpy.random.get_state())
    assert isinstance(numoxide.random.get_bit_generator(), numoxide.random.MT19937)


CALLS = {
    "random": lambda g, m, n: g.random(n),
    "random32": lambda g, m, n: g.random(n, dtype=m.float32),
    "int8": lambda g, m, n: g.integers(-3, 90, size=n, dtype=m.int8),
    "uint16": lambda g, m, n: g.integers(0, 1000, size=n, dtype=m.uint16),
    "bool": lambda g, m, n: g.integers(0, 2, size=n, dtype=bool),
    "int64": lambda g, m, n: g.integers(0, 2**40 + n, size=n),
    "scalar": lambda g, m, n: g.integers(n + 1),
    "bytes": lambda g, m, n: g.bytes(n),
    "choice": lambda g, m, n: g.choice(n + 1, n, replace=False),
    "perm": lambda g, m, n: g.permutation(n),
}

LEGACY_CALLS = {
    "rand": lambda r, m, n: r.rand(n),
    "randint": lambda r, m, n: r.randint(0, n + 1, size=n),
    "uint8": lambda r, m, n: r.randint(0, 200, size=n, dtype=m.uint8),
    "bool": lambda r, m, n: r.randint(0, 2, size=n, dtype=bool),
    "scalar": lambda r, m, n: r.randint(n + 1),
    "bytes": lambda r, m, n: r.bytes(n),
    "choice": lambda r, m, n: r.choice(n + 1, n, replace=False),
    "perm": lambda r, m, n: r.permutation(n),
    "tomaxint": lambda r, m, n: r.tomaxint(n),
}


@given(
    seed=st.integers(0, 2**64),
    bit_generator=st.sampled_from([None] + BIT_GENERATORS),
    calls=st.lists(st.tuples(st.sampled_from(sorted(CALLS)), st.integers(0, 40)), max_size=8),
)
def test_generator_call_orders(seed, bit_generator, calls):
    make = lambda m: rng(m, seed, bit_generator)
    run_and_compare_states(make, lambda g, m: [CALLS[name](g, m, n) for name, n in calls])


@given(
    seed=st.integers(0, 2**32 - 1),
    calls=st.lists(st.tuples(st.sampled_from(sorted(LEGACY_CALLS)), st.integers(0, 40)), max_size=8),
)
def test_legacy_call_orders(seed, calls):
    make = lambda m: legacy(m, seed)
    run_and_compare_states(make, lambda r, m: [LEGACY_CALLS[name](r, m, n) for name, n in calls])


@pytest.mark.parametrize("draw", [
    lambda m: m.random.default_rng(0).random(10**13),
    lambda m: m.random.default_rng(0).normal(0, 1, size=(10**6, 10**7)),
    lambda m: m.random.RandomState(0).randn(10**6, 10**7),
])
def test_draws_too_large_to_allocate_raise_numpys_memory_error(draw):
    messages = []
    for m in (numoxide, numpy):
        with pytest.raises(MemoryError) as e:
            draw(m)
        messages.append(str(e.value))
    assert messages[0] == messages[1]
