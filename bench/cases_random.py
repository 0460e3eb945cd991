"""Benchmark cases of numoxide.random (see bench/compare.py): (name, make) pairs."""


def cases():
    """The distributions' cases; make(lib) returns a zero-argument callable."""

    def generator(method, *args, **kwargs):
        def make(m):
            rng = m.random.default_rng(0)
            f = getattr(rng, method)
            return lambda: f(*args, **kwargs)

        return make

    def legacy(method, *args):
        def make(m):
            rs = m.random.RandomState(0)
            f = getattr(rs, method)
            return lambda: f(*args)

        return make

    yield "default_rng(0).standard_normal(10**6)", generator("standard_normal", 10**6)
    yield "default_rng(0).normal(1, 2, 10**6)", generator("normal", 1.0, 2.0, 10**6)
    yield "default_rng(0).standard_exponential(10**6)", generator("standard_exponential", 10**6)
    yield "default_rng(0).standard_gamma(2.5, 10**6)", generator("standard_gamma", 2.5, 10**6)
    yield "default_rng(0).poisson(20, 10**6)", generator("poisson", 20.0, 10**6)
    yield "default_rng(0).binomial(100, 0.3, 10**6)", generator("binomial", 100, 0.3, 10**6)
    yield "default_rng(0).normal() scalar", generator("normal")
    yield "RandomState(0).randn(10**6)", legacy("randn", 10**6)
    yield "RandomState(0).normal(1, 2, 10**6)", legacy("normal", 1.0, 2.0, 10**6)
    yield "RandomState(0).standard_gamma(2.5, 10**6)", legacy("standard_gamma", 2.5, 10**6)
    yield "RandomState(0).standard_normal() scalar", legacy("standard_normal")
