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

    # The distributions.

    def generator(method, *args):
        def make(m):
            rng = m.random.default_rng(0)
            f = getattr(rng, method)
            return lambda: f(*args)

        return make

    def legacy(method, *args):
        def make(m):
            state = m.random.RandomState(0)
            f = getattr(state, method)
            return lambda: f(*args)

        return make

    yield "default_rng(0).standard_normal(1e6)", generator("standard_normal", 10**6)
    yield "default_rng(0).normal(1, 2, 1e6)", generator("normal", 1.0, 2.0, 10**6)
    yield "default_rng(0).standard_exponential(1e6)", generator("standard_exponential", 10**6)
    yield "default_rng(0).standard_gamma(2.5, 1e6)", generator("standard_gamma", 2.5, 10**6)
    yield "default_rng(0).poisson(20, 1e6)", generator("poisson", 20.0, 10**6)
    yield "default_rng(0).binomial(100, 0.3, 1e6)", generator("binomial", 100, 0.3, 10**6)
    yield "default_rng(0).normal() scalar", generator("normal")
    yield "RandomState(0).randn(1e6)", legacy("randn", 10**6)
    yield "RandomState(0).normal(1, 2, 1e6)", legacy("normal", 1.0, 2.0, 10**6)
    yield "RandomState(0).standard_gamma(2.5, 1e6)", legacy("standard_gamma", 2.5, 10**6)
    yield "RandomState(0).standard_normal() scalar", legacy("standard_normal")
