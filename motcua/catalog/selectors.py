"""Reads of the catalog for pages and the API."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from django.db import router
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Concat, Length

from motcua.catalog.models import (
    ProcedureChannel,
    ProcedureVersion,
    RequiredDocument,
    TimeLimit,
)
from motcua.catalog.search import TokenMatch, Vocabulary, query_analyze, vocabulary_build
from motcua.core.text import fold

# Points of the relevance score (search_rank). Whole phrase beats every word found, every word
# found as typed beats a word start, which beats a corrected typo.
WORD_POINTS = 4
PREFIX_POINTS = 2
CORRECTION_POINTS = 1
PHRASE_POINTS = 12
PHRASE_PREFIX_POINTS = 10
CORRECTED_PHRASE_POINTS = 8


def procedure_version_current_qs(*, on: dt.date) -> QuerySet[ProcedureVersion]:
    """The version of each procedure in force on ``on`` (phiên bản đang có hiệu lực).

    That is the latest version effective on or before ``on`` (the higher number wins on the same
    date), unless it ended before ``on``, in which case the procedure is no longer in force.
    Written as "no newer effective version exists" so both databases run it as an anti-join on
    the (procedure, effective_from) index.
    """
    newer = ProcedureVersion.objects.filter(
        Q(effective_from__gt=OuterRef("effective_from"))
        | Q(effective_from=OuterRef("effective_from"), number__gt=OuterRef("number")),
        procedure=OuterRef("procedure"),
        effective_from__lte=on,
    )
    return (
        ProcedureVersion.objects.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .filter(~Exists(newer))
        .select_related("procedure", "sector")
    )


def procedure_search(
    *,
    query: str | None,
    sector_code: str | None = None,
    agency_identifier: str | None = None,
    online_level: str | None = None,
    on: dt.date,
) -> QuerySet[ProcedureVersion]:
    """Search the procedures in force on ``on``, most relevant first (tìm kiếm thủ tục).

    ``query`` may be typed with or without diacritics, end mid-word, and hold a mistyped word
    (see ``motcua.catalog.search``). Each version carries ``search_rank`` (an integer; 0 without
    a query); the order is ``search_rank`` descending, then the shorter ``search_text`` (the
    closer match), then the procedure code, so SQLite and PostgreSQL return the same order.
    Without a query the order is by procedure code. The filters are exact: sector code, agency
    electronic identifier (an agency linked to the version) and online level (``OnlineLevel``).
    A query with no known word returns nothing.
    """
    versions = procedure_version_current_qs(on=on)
    if sector_code:
        versions = versions.filter(sector__code=sector_code)
    if agency_identifier:
        versions = versions.filter(agencies__identifier=agency_identifier)
    if online_level:
        versions = versions.filter(online_level=online_level)
    if not fold(query or ""):
        return versions.annotate(search_rank=Value(0, output_field=IntegerField())).order_by(
            "procedure__code"
        )
    matches = query_analyze(query, search_vocabulary(using=router.db_for_read(ProcedureVersion)))
    if not matches:
        return versions.none().annotate(search_rank=Value(0, output_field=IntegerField()))
    versions = versions.alias(
        search_padded=Concat(Value(" "), "search_text", Value(" "), output_field=TextField())
    )
    rank: Combinable = phrase_score(matches)
    for match in matches:
        versions = versions.filter(token_condition(match))
        rank = rank + token_score(match)
    return versions.annotate(search_rank=rank, search_length=Length("search_text")).order_by(
        "-search_rank", "search_length", "procedure__code"
    )


def token_condition(match: TokenMatch) -> Q:
    """Rows where the token is found (as a word, a word start, or one of its corrections)."""
    condition = Q(pk__in=[])
    if match.is_word:
        condition |= Q(search_padded__contains=f" {match.token} ")
    if match.is_prefix:
        condition |= Q(search_padded__contains=f" {match.token}")
    for word in match.corrections:
        condition |= Q(search_padded__contains=f" {word} ")
    return condition


def token_score(match: TokenMatch) -> Case:
    whens = []
    if match.is_word:
        whens.append(When(Q(search_padded__contains=f" {match.token} "), then=WORD_POINTS))
    if match.is_prefix:
        whens.append(When(Q(search_padded__contains=f" {match.token}"), then=PREFIX_POINTS))
    if match.corrections:
        corrected = Q(pk__in=[])
        for word in match.corrections:
            corrected |= Q(search_padded__contains=f" {word} ")
        whens.append(When(corrected, then=CORRECTION_POINTS))
    return Case(*whens, default=0, output_field=IntegerField())


def phrase_score(matches: list[TokenMatch]) -> Case | Value:
    """Points when the tokens appear together, in order (the phrase as typed or corrected)."""
    if len(matches) < 2:
        return Value(0, output_field=IntegerField())
    typed = " ".join(match.token for match in matches)
    corrected = " ".join(match.best_word for match in matches)
    whens = [When(Q(search_padded__contains=f" {typed} "), then=PHRASE_POINTS)]
    if matches[-1].is_prefix:
        whens.append(When(Q(search_padded__contains=f" {typed}"), then=PHRASE_PREFIX_POINTS))
    if corrected != typed:
        whens.append(
            When(Q(search_padded__contains=f" {corrected} "), then=CORRECTED_PHRASE_POINTS)
        )
    return Case(*whens, default=0, output_field=IntegerField())


@dataclass(frozen=True)
class _CachedVocabulary:
    stamp: tuple[object, ...]
    vocabulary: Vocabulary


_vocabulary_cache: dict[str, _CachedVocabulary] = {}
_vocabulary_lock = threading.Lock()


def search_vocabulary(*, using: str = "default") -> Vocabulary:
    """The vocabulary of every version's ``search_text``, rebuilt only when the versions change.

    The cache is per process and per database; its key is one aggregate query (row count, last
    id, last creation time and total text length), so a new or re-folded version is seen at once.
    """
    stamp_row = ProcedureVersion.objects.using(using).aggregate(
        rows=Count("pk"),
        last_id=Max("pk"),
        last_created_at=Max("created_at"),
        text_length=Sum(Length("search_text")),
    )
    stamp = tuple(stamp_row.values())
    cached = _vocabulary_cache.get(using)
    if cached is not None and cached.stamp == stamp:
        return cached.vocabulary
    with _vocabulary_lock:
        texts = ProcedureVersion.objects.using(using).values_list("search_text", flat=True)
        vocabulary = vocabulary_build(texts.iterator(chunk_size=2000))
        _vocabulary_cache[using] = _CachedVocabulary(stamp, vocabulary)
    return vocabulary


def procedure_version_get_current(*, code: str, on: dt.date) -> ProcedureVersion | None:
    """The version in force on ``on`` of the procedure ``code``, with everything its page shows.

    Returns None when no such procedure is in force.
    """
    return (
        procedure_version_current_qs(on=on)
        .filter(procedure__code=code)
        .prefetch_related(
            "agencies",
            Prefetch(
                "channels",
                queryset=ProcedureChannel.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "time_limits",
                        queryset=TimeLimit.objects.order_by("position").prefetch_related("fees"),
                    )
                ),
            ),
            Prefetch("required_documents", queryset=RequiredDocument.objects.order_by("position")),
        )
        .first()
    )


@dataclass(frozen=True)
class FacetCount:
    """One value of a filter with the number of procedures in force that have it."""

    value: str
    label: str
    count: int


def procedure_sector_counts(*, on: dt.date) -> list[FacetCount]:
    """Sectors with procedures in force on ``on``, by folded name (same order on every database)."""
    rows = (
        procedure_version_current_qs(on=on)
        .order_by()
        .values("sector__code", "sector__name")
        .annotate(count=Count("pk"))
    )
    facets = [FacetCount(row["sector__code"], row["sector__name"], row["count"]) for row in rows]
    return sorted(facets, key=lambda facet: (fold(facet.label), facet.value))


def procedure_agency_counts(*, on: dt.date) -> list[FacetCount]:
    """Agencies linked to procedures in force on ``on``, by folded name."""
    rows = (
        procedure_version_current_qs(on=on)
        .filter(agencies__isnull=False)
        .order_by()
        .values("agencies__identifier", "agencies__name")
        .annotate(count=Count("pk"))
    )
    facets = [
        FacetCount(row["agencies__identifier"], row["agencies__name"], row["count"]) for row in rows
    ]
    return sorted(facets, key=lambda facet: (fold(facet.label), facet.value))


def procedure_online_level_counts(*, on: dt.date) -> dict[str, int]:
    """Number of procedures in force on ``on`` per online level (``OnlineLevel`` value)."""
    rows = (
        procedure_version_current_qs(on=on)
        .order_by()
        .values("online_level")
        .annotate(count=Count("pk"))
    )
    return {row["online_level"]: row["count"] for row in rows}
