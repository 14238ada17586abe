"""The pure query analysis behind the catalog search (motcua.catalog.search)."""

from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.search import (
    MAX_CORRECTIONS,
    MAX_QUERY_TOKENS,
    edit_distance,
    one_letter_deletions,
    query_analyze,
    vocabulary_build,
)

VOCABULARY = vocabulary_build(
    [
        "1 009995 cap giay phep xay dung hoat dong xay dung",
        "1 001193 dang ky khai sinh ho tich",
        "2 000815 chung thuc ban sao tu ban chinh chung thuc",
    ]
)


def analyzed(query):
    return [
        (m.token, m.is_word, m.is_prefix, m.corrections) for m in query_analyze(query, VOCABULARY)
    ]


def test_words_typos_and_unfinished_words():
    assert analyzed("Cấp giấy phép xây dugn") == [
        ("cap", True, False, ()),
        ("giay", True, False, ()),
        ("phep", True, False, ()),
        ("xay", True, False, ()),
        ("dugn", False, False, ("dung",)),
    ]
    assert analyzed("khai si") == [("khai", True, False, ()), ("si", False, True, ())]
    # the last word is also a word start even when it is a word itself
    assert analyzed("ban") == [("ban", True, True, ())]


def test_unknown_words_are_dropped_but_guesses_alone_find_nothing():
    assert analyzed("xyz khai sinh") == [("khai", True, False, ()), ("sinh", True, True, ())]
    # "thuy" is one edit from "thuc", but no word of the query is found as typed
    assert analyzed("phuong tien thuy") == []
    # a single mistyped word is still corrected
    assert analyzed("dugn") == [("dugn", False, False, ("dung",))]


def test_short_words_and_numbers_are_not_corrected():
    assert VOCABULARY.corrections("cao") == ()
    assert VOCABULARY.corrections("0099955") == ()


def test_a_long_query_is_cut_and_corrections_are_bounded():
    many = vocabulary_build([" ".join(f"w{chr(97 + n)}{chr(97 + n)}" for n in range(20))])
    query = " ".join(f"w{chr(97 + n)}{chr(97 + n)}" for n in range(20))
    assert len(query_analyze(query, many)) == MAX_QUERY_TOKENS
    neighbours = vocabulary_build([" ".join(f"dun{chr(97 + n)}" for n in range(26))])
    assert len(neighbours.corrections("dunn")) == MAX_CORRECTIONS


words = st.text(alphabet="abcdghnuy", min_size=1, max_size=8)


@given(word=words)
def test_a_deletion_is_one_edit_away(word):
    for shorter in one_letter_deletions(word):
        assert edit_distance(word, shorter) == 1


@given(a=words, b=words)
def test_edit_distance_is_symmetric(a, b):
    assert edit_distance(a, b) == edit_distance(b, a)
    assert (edit_distance(a, b) == 0) == (a == b)
