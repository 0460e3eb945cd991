"""Random number cases for bench/compare.py: each make(lib) returns a zero-argument callable."""


def cases():
    """(name, make) pairs; make(lib) returns a zero-argument callable."""

    def generator_random(m):
        rng = m.random.default_rng(0)
        return lambda: rng.random(10**6)

    def generator_integers(m):
        rng = m.random.default_rng(0)
        return lambda: rng.integers(0, 100, 10**6)

    def legacy_rand(m):
        state = m.random.RandomState(0)
        return lambda: state.rand(10**6)

    def generator_random_scalar(m):
        rng = m.random.default_rng(0)
        return rng.random

    yield "default_rng(0).random(1e6)", generator_random
    yield "default_rng(0).integers(0, 100, 1e6)", generator_integers
    yield "RandomState(0).rand(1e6)", legacy_rand
    yield "default_rng(0).random() scalar", generator_random_scalar
