"""The canonical JSON text the trail hashes: `canonical_writer` (verify's, encoder built once) writes
exactly what `canonical_json` (every link's) writes, for any JSON value."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.lib.hashchain import GENESIS, canonical_json, canonical_writer, link

SCALARS = (st.none() | st.booleans() | st.integers(-(2**80), 2**80) | st.floats(allow_nan=False, allow_infinity=False)
           | st.text() | st.sampled_from(["Công văn số 12/UBND-KT về “đất đai”", "a\"b\\c\n\t\x00\x1f\x7f\u2028"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner,
                                                                                           max_size=5), max_leaves=30)
WRITE = canonical_writer()


@settings(max_examples=3000, deadline=None)
@given(VALUES)
def test_the_writer_made_once_writes_what_json_dumps_writes(value):
    assert WRITE(value) == canonical_json(value)


def test_a_writer_is_reusable_after_a_value_it_could_not_write():
    with pytest.raises(TypeError):  # keys of two types cannot be sorted
        WRITE({"a": [{"b": 1, 2: 3}]})
    assert WRITE({"b": [1, 2], "a": "ạ"}) == canonical_json({"a": "ạ", "b": [1, 2]}) == '{"a":"ạ","b":[1,2]}'


def test_a_link_written_before_this_branch_is_still_the_same_hash():
    """The digest below was computed by `link` on main before the writer was split out: no stored
    hash may move."""
    content = {"item": 7, "seq": 1, "kind": "register", "outcome": "done", "rule": "", "actor": 3, "unit": None,
               "at": "2026-03-03T02:00:00+00:00",
               "data": {"sender": "Công ty Cổ phần Sông Đà", "n": [1, 2.5, None, True]}}
    assert link(GENESIS, content) == "e0e118ed7fb720bf3292bb9cf02b63085bd089a4d01e55fd5ffe613a44eb1afb"
