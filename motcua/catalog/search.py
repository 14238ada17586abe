"""Search without diacritics over the catalog (tìm kiếm thủ tục): text folding and query analysis.

Pure (no ORM): the selector ``procedure_search`` builds its SQL from what this module decides, so
SQLite and PostgreSQL evaluate exactly the same whole-word ``LIKE`` tests on the folded
``search_text`` column and rank identically.

How a query is understood:

* it is folded like the stored text (``motcua.core.text.fold``: no diacritics, đ→d) and split
  into tokens;
* a token that is a word of the catalog's vocabulary matches that whole word;
* the last token also matches as the beginning of a word (people stop typing mid-word);
* a token of 4 or more letters that is not a word gets the words one edit away (insertion,
  deletion, substitution or swap of two neighbours: ``dugn`` → ``dung``, ``dungg`` → ``dung``),
  found through an index of one-letter deletions (the SymSpell method) rather than by comparing
  with every word;
* a token with no match at all is ignored (it would otherwise hide every result), but a query of
  several words none of which is found as typed finds nothing: corrections alone are guesses.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from motcua.core.text import fold

# Shortest token that may be corrected: most Vietnamese syllables of 3 letters or less are one edit
# away from many others ("cap" → "cao", "cac", "cau"), so correcting them would only add noise.
MIN_CORRECTABLE_LENGTH = 4
# Bounds that keep the SQL of one search small whatever is typed.
MAX_QUERY_TOKENS = 12
MAX_CORRECTIONS = 8


def search_text_for(*, code: str, name: str, sector_name: str, keywords: Iterable[str] = ()) -> str:
    """Fold the searchable parts of a procedure version into one space-separated string.

    >>> search_text_for(code="1.001193", name="Đăng ký khai sinh", sector_name="Hộ tịch")
    '1 001193 dang ky khai sinh ho tich'
    """
    return fold(" ".join([code, name, sector_name, *keywords]))


def query_tokens(query: str | None) -> list[str]:
    """Fold a query into its tokens.

    >>> query_tokens("  Giấy phép XÂY ")
    ['giay', 'phep', 'xay']
    >>> query_tokens(None)
    []
    """
    return fold(query or "").split()


def one_letter_deletions(word: str) -> set[str]:
    """Every string made by deleting one letter of ``word``.

    >>> sorted(one_letter_deletions("dung"))
    ['dng', 'dug', 'dun', 'ung']
    """
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.

    >>> edit_distance("dugn", "dung"), edit_distance("dungg", "dung"), edit_distance("cap", "xay")
    (1, 1, 2)
    """
    previous_row: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before_previous, previous_row = previous_row, row
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before_previous[j - 2] + 1)
    return row[len(b)]


@dataclass(frozen=True)
class Vocabulary:
    """The folded words of the catalog, with how many texts use each (document frequency)."""

    frequency: dict[str, int]
    sorted_words: tuple[str, ...]
    # one-letter deletion (or the word itself) → the words it comes from
    deletion_index: dict[str, tuple[str, ...]] = field(repr=False)

    def __contains__(self, word: object) -> bool:
        return word in self.frequency

    def __len__(self) -> int:
        return len(self.frequency)

    def has_prefix(self, prefix: str) -> bool:
        """Tell whether some word starts with ``prefix``."""
        position = bisect.bisect_left(self.sorted_words, prefix)
        return position < len(self.sorted_words) and self.sorted_words[position].startswith(prefix)

    def corrections(self, token: str) -> tuple[str, ...]:
        """The words one edit away from ``token``, most frequent first (then alphabetical), at most 8."""
        if len(token) < MIN_CORRECTABLE_LENGTH or not token.isalpha():
            return ()
        candidates: set[str] = set()
        for key in {token} | one_letter_deletions(token):
            candidates.update(self.deletion_index.get(key, ()))
        found = [word for word in candidates if word != token and edit_distance(token, word) == 1]
        ranked = sorted(found, key=lambda word: (-self.frequency[word], word))
        return tuple(ranked[:MAX_CORRECTIONS])


def vocabulary_build(texts: Iterable[str]) -> Vocabulary:
    """Build the vocabulary of folded texts (each a space-separated ``search_text``).

    >>> vocabulary = vocabulary_build(["cap giay phep xay dung", "dang ky kinh doanh"])
    >>> vocabulary.corrections("dugn"), "xay" in vocabulary, vocabulary.has_prefix("doa")
    (('dung',), True, True)
    """
    frequency: Counter[str] = Counter()
    for text in texts:
        frequency.update(set(text.split()))
    index: dict[str, set[str]] = {}
    for word in frequency:
        if len(word) < MIN_CORRECTABLE_LENGTH - 1 or not word.isalpha():
            continue
        for key in {word} | one_letter_deletions(word):
            index.setdefault(key, set()).add(word)
    return Vocabulary(
        frequency=dict(frequency),
        sorted_words=tuple(sorted(frequency)),
        deletion_index={key: tuple(sorted(words)) for key, words in index.items()},
    )


@dataclass(frozen=True)
class TokenMatch:
    """How one query token may match a text: as a whole word, a word start, or a correction."""

    token: str
    is_word: bool
    is_prefix: bool
    corrections: tuple[str, ...]

    @property
    def is_known(self) -> bool:
        return self.is_word or self.is_prefix or bool(self.corrections)

    @property
    def best_word(self) -> str:
        """The word this token most probably means (itself unless it is a typo)."""
        if self.is_word or not self.corrections:
            return self.token
        return self.corrections[0]


def query_analyze(query: str | None, vocabulary: Vocabulary) -> list[TokenMatch]:
    """Decide how each token of ``query`` may match; unknown tokens are left out.

    >>> vocabulary = vocabulary_build(["cap giay phep xay dung"])
    >>> [(m.token, m.is_word, m.is_prefix, m.corrections) for m in query_analyze("giấy phép xa", vocabulary)]
    [('giay', True, False, ()), ('phep', True, False, ()), ('xa', False, True, ())]
    >>> [m.best_word for m in query_analyze("cap giay phep xay dugn", vocabulary)]
    ['cap', 'giay', 'phep', 'xay', 'dung']
    """
    # repeated words count once; a very long query is cut to its first words
    tokens = list(dict.fromkeys(query_tokens(query)))[:MAX_QUERY_TOKENS]
    matches = []
    for position, token in enumerate(tokens):
        is_word = token in vocabulary
        is_last = position == len(tokens) - 1
        is_prefix = is_last and vocabulary.has_prefix(token)
        corrections = () if is_word else vocabulary.corrections(token)
        match = TokenMatch(token, is_word, is_prefix, corrections)
        if match.is_known:
            matches.append(match)
    if len(tokens) > 1 and not any(match.is_word or match.is_prefix for match in matches):
        return []
    return matches
