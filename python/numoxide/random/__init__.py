"""numoxide.random: NumPy's random number streams, bit for bit.

The classes come from the extension; this module adds the legacy module-level functions,
which are the methods of one global ``RandomState`` (every public method, so methods added
to ``RandomState`` appear here with no edit).
"""

from .._numoxide import _random as _core

BitGenerator = _core.BitGenerator
Generator = _core.Generator
MT19937 = _core.MT19937
PCG64 = _core.PCG64
PCG64DXSM = _core.PCG64DXSM
Philox = _core.Philox
RandomState = _core.RandomState
SFC64 = _core.SFC64
SeedSequence = _core.SeedSequence
default_rng = _core.default_rng

_rand = RandomState()

# Every public method of the global RandomState, as NumPy's module functions.
for _name in dir(RandomState):
    if not _name.startswith("_"):
        globals()[_name] = getattr(_rand, _name)


def seed(seed=None):
    """Reseed the global RandomState (legacy seeding for MT19937)."""
    if isinstance(_rand._bit_generator, MT19937):
        return _rand.seed(seed)
    _rand.set_state(type(_rand._bit_generator)(seed).state)


def sample(*args, **kwargs):
    """An alias of ``random_sample``."""
    return _rand.random_sample(*args, **kwargs)


def ranf(*args, **kwargs):
    """An alias of ``random_sample``."""
    return _rand.random_sample(*args, **kwargs)


def get_bit_generator():
    """The global RandomState's bit generator."""
    return _rand._bit_generator


def set_bit_generator(bitgen):
    """Replace the global RandomState's bit generator."""
    _rand._initialize_bit_generator(bitgen)
