"""Shape manipulation and creation functions against NumPy, including view semantics."""

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception


def both(fn):
    return fn(numoxide), fn(numpy)


@pytest.mark.parametrize("fn", [
    lambda m: m.arange(6).reshape(2, 3),
    lambda m: m.arange(6).reshape((3, -1), order="F"),
    lambda m: m.arange(6).reshape(2, 3).T.ravel(),
    lambda m: m.arange(6).reshape(2, 3).flatten("F"),
    lambda m: m.arange(24).reshape(2, 3, 4).transpose(1, 0, 2),
    lambda m: m.moveaxis(m.ones((2, 3, 4)), 0, -1),
    lambda m: m.swapaxes(m.arange(24).reshape(2, 3, 4), 0, 2),
    lambda m: m.squeeze(m.ones((1, 3, 1))),
    lambda m: m.expand_dims(m.arange(3), 0),
    lambda m: m.flip(m.arange(4).reshape(2, 2), axis=0),
    lambda m: m.broadcast_to(m.arange(3), (2, 3)),
    lambda m: m.concatenate([m.array([1]), m.array([2.5])]),
    lambda m: m.concatenate([m.ones((2, 2)), m.zeros((1, 2))], axis=None),
    lambda m: m.stack([m.array([1, 2]), m.array([3, 4])], axis=1),
    lambda m: m.vstack([m.array([1, 2]), m.array([3, 4])]),
    lambda m: m.hstack([m.array([1, 2]), m.array([3, 4])]),
    lambda m: m.column_stack([m.array([1, 2]), m.array([3, 4])]),
    lambda m: m.arange(1, 2, 0.25),
    lambda m: m.arange(1, 1.3, 0.1),
    lambda m: m.arange(5, 0, -1),
    lambda m: m.arange(0.5, 3),
    lambda m: m.linspace(0, 1, 12),
    lambda m: m.linspace(0, 10, 5, dtype=int),
    lambda m: m.eye(2, 3, k=1),
    lambda m: m.identity(3, dtype=int),
    lambda m: m.diag(m.array([1, 2])),
    lambda m: m.diag(m.arange(4).reshape(2, 2), k=1),
    lambda m: m.tri(3),
    lambda m: m.tril(m.ones((3, 3)), -1),
    lambda m: m.triu(m.arange(9).reshape(3, 3)),
])
def test_results_match_numpy(fn):
    assert_same(*both(fn))


def test_split_returns_views():
    ours, theirs = both(lambda m: m.split(m.arange(6), [1, 4]))
    assert len(ours) == len(theirs)
    for o, t in zip(ours, theirs):
        assert_same(o, t)
    base = numoxide.arange(6)
    parts = numoxide.array_split(base, 4)
    parts[0][0] = 99
    assert base[0] == 99


@pytest.mark.parametrize("fn", [
    lambda m: m.arange(6).reshape(4, 2),
    lambda m: m.arange(6).reshape(-1, 4),
    lambda m: m.concatenate([m.ones((2, 3)), m.ones((2, 2))]),
    lambda m: m.stack([m.ones(3), m.ones(4)]),
    lambda m: m.split(m.arange(5), 2),
    lambda m: m.squeeze(m.ones((2, 3)), axis=0),
    lambda m: m.moveaxis(m.ones((2, 3)), 2, 0),
    lambda m: m.broadcast_to(m.ones(3), (2, 4)),
    lambda m: m.arange(0, 10, 0),
    lambda m: m.arange(6).reshape(2, 3).T.reshape(6, copy=False),
])
def test_errors_match_numpy(fn):
    same_exception(lambda: fn(numoxide), lambda: fn(numpy))


def test_views_share_memory_and_report_base():
    a = numoxide.arange(6)
    b = a[1:4]
    b[0] = 99
    assert a.tolist() == [0, 99, 2, 3, 4, 5]
    assert b.base is a and numoxide.shares_memory(a, b) and not b.flags.owndata
    m = a.reshape(2, 3)
    assert numoxide.shares_memory(m, m.T) and numoxide.shares_memory(m, m.ravel())
    assert not numoxide.shares_memory(m, m.flatten())
    assert not numoxide.shares_memory(a[::2], a[1::2])
    assert numoxide.may_share_memory(a[::2], a[1::2])
    assert m.T.flags.f_contiguous and not m.T.flags.c_contiguous
    assert m.strides == (24, 8) and m.itemsize == 8 and m.nbytes == 48
