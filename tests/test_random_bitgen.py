"""Bit generators and SeedSequence against NumPy: seeding, raw streams, state dicts,
advance/jumped/spawn, and state round trips."""

import numoxide
import numpy
import pytest
from random_helpers import BIT_GENERATORS, SEEDS, both, same_state


def make(lib, name, seed):
    return getattr(lib.random, name)(seed)


@pytest.mark.parametrize("name", BIT_GENERATORS)
@pytest.mark.parametrize("seed", SEEDS)
def test_seeded_state_and_raw_stream(name, seed):
    ours, theirs = make(numoxide, name, seed), make(numpy, name, seed)
    same_state(ours.state, theirs.state)
    both(lambda m: make(m, name, seed).random_raw(7))
    both(lambda m: make(m, name, seed).random_raw((2, 3)))
    assert ours.random_raw() == theirs.random_raw()
    assert ours.random_raw(output=False) is theirs.random_raw(output=False) is None
    same_state(ours.state, theirs.state)


@pytest.mark.parametrize("name", BIT_GENERATORS)
def test_seed_sequence_argument_and_spawn_keys(name):
    for key in [(), (0,), (3, 4), (2**40,)]:
        seq = lambda m, key=key: m.random.SeedSequence(12345, spawn_key=key)
        same_state(make(numoxide, name, seq(numoxide)).state, make(numpy, name, seq(numpy)).state)


@pytest.mark.parametrize("name", BIT_GENERATORS)
def test_state_round_trip_through_the_other_library(name):
    ours, theirs = make(numoxide, name, 7), make(numpy, name, 7)
    numoxide.random.Generator(ours).random(3, dtype=numoxide.float32)  # leaves a cached half
    numpy.random.Generator(theirs).random(3, dtype=numpy.float32)
    same_state(ours.state, theirs.state)
    fresh = make(numoxide, name, 0)
    fresh.state = theirs.state  # NumPy's arrays are accepted
    assert fresh.random_raw(5).tolist() == theirs.random_raw(5).tolist()
    again = make(numpy, name, 0)
    again.state = {
        k: (numpy.asarray(v) if isinstance(v, numoxide.ndarray) else v) for k, v in ours.state.items()
    }


@pytest.mark.parametrize("name", BIT_GENERATORS)
def test_state_setter_errors(name):
    both(lambda m: setattr(make(m, name, 1), "state", [1, 2]))
    both(lambda m: setattr(make(m, name, 1), "state", {"bit_generator": "Other"}))


def test_mt19937_accepts_the_legacy_tuple():
    def call(m):
        g = m.random.MT19937(3)
        g.state = m.random.RandomState(9).get_state()
        return g.random_raw(4)

    both(call)
    both(lambda m: setattr(m.random.MT19937(3), "state", ("PCG64", 1, 2)))


@pytest.mark.parametrize("name", ["PCG64", "PCG64DXSM", "Philox"])
@pytest.mark.parametrize("delta", [0, 1, 5, 1000, 2**64 + 3, 2**127, -1, 2**300 + 9])
def test_advance(name, delta):
    def call(m):
        g = make(m, name, 11)
        g.random_raw(3)
        assert g.advance(delta) is g
        return g.random_raw(5)

    both(call)
    ours = make(numoxide, name, 11).advance(delta)
    theirs = make(numpy, name, 11).advance(delta)
    same_state(ours.state, theirs.state)


@pytest.mark.parametrize("name", ["PCG64", "PCG64DXSM", "Philox"])
@pytest.mark.parametrize("jumps", [1, 2, 7, 2**65])
def test_jumped(name, jumps):
    ours = make(numoxide, name, 5).jumped(jumps)
    theirs = make(numpy, name, 5).jumped(jumps)
    same_state(ours.state, theirs.state)
    assert type(ours).__name__ == name
    assert isinstance(ours.seed_seq, numoxide.random.SeedSequence)
    same_state(make(numoxide, name, 5).jumped().state, make(numpy, name, 5).jumped().state)


@pytest.mark.parametrize("jumps", [None, 1, 2, 0, -1])
@pytest.mark.parametrize("seed", [0, 12345])
def test_mt19937_jumped(seed, jumps):
    def call(m):
        g = m.random.MT19937(seed)
        g.random_raw(700)
        j = g.jumped() if jumps is None else g.jumped(jumps)
        return j

    ours, theirs = call(numoxide), call(numpy)
    same_state(ours.state, theirs.state)
    assert ours.random_raw(5).tolist() == theirs.random_raw(5).tolist()


def test_philox_key_and_counter():
    both(lambda m: m.random.Philox(key=2**100 + 5, counter=7).random_raw(6))
    both(lambda m: m.random.Philox(key=[1, 2], counter=[1, 2, 3, 2**62]).random_raw(9))
    both(lambda m: m.random.Philox(1, key=2))
    both(lambda m: m.random.Philox(key=2**128))
    both(lambda m: m.random.Philox(key=[1, 2, 3]))
    assert numoxide.random.Philox(key=3).seed_seq is None


@pytest.mark.parametrize("name", BIT_GENERATORS)
def test_spawn(name):
    def call(m):
        g = make(m, name, 21)
        kids = g.spawn(3)
        more = g.spawn(2)
        assert [k.seed_seq.spawn_key for k in kids + more] == [(i,) for i in range(5)]
        assert g.seed_seq.n_children_spawned == 5
        return [k.random_raw(3) for k in kids + more]

    both(call)
    both(lambda m: make(m, name, 21).spawn(-1))


def test_base_class_cannot_be_instantiated():
    both(lambda m: m.random.BitGenerator(1))


@pytest.mark.parametrize("seed", SEEDS + [range(5), numpy.uint32(9), [[1, 2], [3]]])
def test_seed_sequence(seed):
    ours, theirs = numoxide.random.SeedSequence(seed), numpy.random.SeedSequence(seed)
    assert ours.entropy == theirs.entropy
    assert ours.pool.tolist() == theirs.pool.tolist()
    assert ours.state == theirs.state
    both(lambda m: m.random.SeedSequence(seed).generate_state(9))
    both(lambda m: m.random.SeedSequence(seed).generate_state(3, m.uint64))
    both(lambda m: m.random.SeedSequence(seed).generate_state(3, "uint64"))


def test_seed_sequence_spawn_pool_size_and_repr():
    def call(m):
        root = m.random.SeedSequence([5, 6], spawn_key=(1, 2), pool_size=8)
        kids = root.spawn(3)
        assert [k.spawn_key for k in kids] == [(1, 2, 0), (1, 2, 1), (1, 2, 2)]
        assert root.n_children_spawned == 3
        return [k.generate_state(4) for k in kids]

    both(call)
    for kwargs in [{}, {"spawn_key": (3,)}, {"pool_size": 6, "n_children_spawned": 2}]:
        assert repr(numoxide.random.SeedSequence(7, **kwargs)) == repr(
            numpy.random.SeedSequence(7, **kwargs)
        )


@pytest.mark.parametrize("bad", [-1, 1.5, [1.5], "123", "0x1f", object(), [-3]])
def test_seed_sequence_errors(bad):
    both(lambda m: m.random.SeedSequence(bad))
    both(lambda m: m.random.PCG64(bad))
    both(lambda m: m.random.default_rng(bad))


def test_seed_sequence_argument_errors():
    both(lambda m: m.random.SeedSequence(1, pool_size=2))
    both(lambda m: m.random.SeedSequence(1).generate_state(2, m.float64))
    both(lambda m: m.random.SeedSequence(1).spawn(-1))


def test_unseeded_generators_differ():
    assert numoxide.random.PCG64().random_raw() != numoxide.random.PCG64().random_raw()
    assert isinstance(numoxide.random.SeedSequence().entropy, int)
