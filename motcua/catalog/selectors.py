"""Reads of the catalog for pages and the API."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from django.db import router
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from motcua.catalog.exceptions import (
    InvalidProcedureCodeError,
    ProcedureNotFoundError,
    ProcedureVersionNotFoundError,
)
from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureChannel,
    ProcedureVersion,
    RequiredDocument,
    TimeLimit,
)
from motcua.catalog.published import PublishedLists
from motcua.catalog.search import TokenMatch, Vocabulary, query_analyze, vocabulary_build
from motcua.catalog.validators import is_procedure_code
from motcua.core.pagination import Keyset, keyset_page
from motcua.core.text import fold
from motcua.organizations.selectors import agency_subtree_ids_by_identifier

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
    """
    return _in_force(ProcedureVersion.objects.all(), on=on).select_related("procedure", "sector")


def _in_force(versions: QuerySet[ProcedureVersion], *, on: dt.date) -> QuerySet[ProcedureVersion]:
    """Keep the versions in force on ``on``.

    Written as "no newer effective version exists", which both databases run as an anti-join on
    the (procedure, effective_from) index, rather than as a correlated "latest version" subquery.
    """
    newer = ProcedureVersion.objects.filter(
        Q(effective_from__gt=OuterRef("effective_from"))
        | Q(effective_from=OuterRef("effective_from"), number__gt=OuterRef("number")),
        procedure=OuterRef("procedure"),
        effective_from__lte=on,
    )
    return (
        versions.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .filter(~Exists(newer))
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
    a query) and, with a query, ``name_length`` (the name's length in characters); the order is
    ``search_rank`` descending, then the shorter name (the closer match), then the procedure
    code, so SQLite and PostgreSQL return the same order. Without a query the order is by
    procedure code. The filters are exact: sector code, agency electronic identifier (an agency
    linked to the version) and online level (``OnlineLevel``). A query with no known word
    returns nothing.
    """
    matches: list[TokenMatch] = []
    if fold(query or ""):
        vocabulary = search_vocabulary(using=router.db_for_read(ProcedureVersion))
        matches = query_analyze(query, vocabulary)
        if not matches:
            return ProcedureVersion.objects.none().annotate(
                search_rank=Value(0, output_field=IntegerField())
            )
    versions = ProcedureVersion.objects.all()
    if matches:
        # The text test comes first in the WHERE clause: it is cheap and discards most rows
        # before the in-force anti-join runs.
        versions = versions.filter(search_condition(matches))
    if sector_code:
        versions = versions.filter(sector__code=sector_code)
    if agency_identifier:
        versions = versions.filter(agencies__identifier=agency_identifier)
    if online_level:
        versions = versions.filter(online_level=online_level)
    versions = _in_force(versions, on=on).select_related("procedure", "sector")
    if not matches:
        return versions.annotate(search_rank=Value(0, output_field=IntegerField())).order_by(
            "procedure__code"
        )
    return versions.annotate(
        search_rank=search_score(matches), name_length=Length("name")
    ).order_by("-search_rank", "name_length", "procedure__code")


# The folded text between spaces, so that "% word %" matches a whole word anywhere. The SQL is
# written by hand (one RawSQL rather than dozens of ORM lookups) because compiling the ORM
# expressions cost more than running the query; ``||`` and ``LIKE`` on lower-case ASCII behave
# the same on SQLite and PostgreSQL. Patterns only ever hold [0-9a-z ] (folded tokens), so they
# need no LIKE escaping.
_TEXT = f'"{ProcedureVersion._meta.db_table}"."search_text"'
_PADDED = f"(' ' || {_TEXT} || ' ')"


def _word_sql(word: str) -> tuple[str, list[str]]:
    """A whole-word test; the plain LIKE first is cheap and can use the trigram index."""
    return f"({_TEXT} LIKE %s AND {_PADDED} LIKE %s)", [f"%{word}%", f"% {word} %"]


def _word_start_sql(word: str) -> tuple[str, list[str]]:
    return f"({_TEXT} LIKE %s AND {_PADDED} LIKE %s)", [f"%{word}%", f"% {word}%"]


def _any_sql(tests: list[tuple[str, list[str]]]) -> tuple[str, list[str]]:
    return "(" + " OR ".join(sql for sql, _ in tests) + ")", [p for _, ps in tests for p in ps]


def _token_tests(match: TokenMatch) -> list[tuple[int, tuple[str, list[str]]]]:
    """(points, SQL test) for each way the token may match, best first."""
    tests = []
    if match.is_word:
        tests.append((WORD_POINTS, _word_sql(match.token)))
    if match.is_prefix:
        tests.append((PREFIX_POINTS, _word_start_sql(match.token)))
    if match.corrections:
        tests.append((CORRECTION_POINTS, _any_sql([_word_sql(w) for w in match.corrections])))
    return tests


def search_condition(matches: list[TokenMatch]) -> RawSQL:
    """Rows where every token is found (as a word, a word start, or one of its corrections)."""
    parts = [_any_sql([test for _, test in _token_tests(match)]) for match in matches]
    sql = " AND ".join(sql for sql, _ in parts)
    # S611: the SQL text is built from fixed fragments only; every pattern is a parameter.
    return RawSQL(sql, [p for _, ps in parts for p in ps], output_field=BooleanField())  # noqa: S611


def search_score(matches: list[TokenMatch]) -> RawSQL:
    """The relevance score: points of each token's best way of matching, plus the phrase's."""
    cases: list[tuple[str, list[str]]] = []
    for match in matches:
        whens = _token_tests(match)
        cases.append(
            (
                "CASE "
                + " ".join(f"WHEN {sql} THEN {points}" for points, (sql, _) in whens)
                + " ELSE 0 END",
                [p for _, (_, ps) in whens for p in ps],
            )
        )
    if len(matches) > 1:
        typed = " ".join(match.token for match in matches)
        corrected = " ".join(match.best_word for match in matches)
        whens = [(PHRASE_POINTS, _word_sql(typed))]
        if matches[-1].is_prefix:
            whens.append((PHRASE_PREFIX_POINTS, _word_start_sql(typed)))
        if corrected != typed:
            whens.append((CORRECTED_PHRASE_POINTS, _word_sql(corrected)))
        cases.append(
            (
                "CASE "
                + " ".join(f"WHEN {sql} THEN {points}" for points, (sql, _) in whens)
                + " ELSE 0 END",
                [p for _, (_, ps) in whens for p in ps],
            )
        )
    sql = "(" + " + ".join(sql for sql, _ in cases) + ")"
    return RawSQL(sql, [p for _, ps in cases for p in ps], output_field=IntegerField())  # noqa: S611


@dataclass(frozen=True)
class _CachedVocabulary:
    stamp: tuple[object, ...]
    vocabulary: Vocabulary


_vocabulary_cache: dict[str, _CachedVocabulary] = {}
_vocabulary_lock = threading.Lock()


def search_vocabulary(*, using: str = "default") -> Vocabulary:
    """The vocabulary of every version's ``search_text``, rebuilt only when the versions change.

    The cache is per process and per database. Versions are immutable (a change imports as a new
    version), so the row count with the id and creation time of the last row tell a change; both
    come from the primary key index, which keeps the check well under a millisecond.
    """
    versions = ProcedureVersion.objects.using(using)
    stamp = (versions.count(), versions.order_by("-pk").values_list("pk", "created_at").first())
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


# --- Catalog API reads (GET /api/v1/procedures and /api/v1/procedures/{code}) ------------------


@dataclass(frozen=True)
class ProcedureListPage:
    """One page of procedure versions in force, and the keyset to continue after (None at the end)."""

    items: list[ProcedureVersion]
    next_keyset: Keyset | None


def procedure_list_is_ranked(*, query: str | None) -> bool:
    """Tell whether a list is ranked by relevance (the query has words) rather than by code."""
    return bool(fold(query or ""))


def procedure_api_list(
    *,
    on: dt.date,
    query: str | None = None,
    sector_code: str | None = None,
    agency_identifier: str | None = None,
    online_level: str | None = None,
    channel: int | None = None,
    after: Keyset | None = None,
    limit: int,
) -> ProcedureListPage:
    """A keyset page of the procedures in force on ``on``: ``procedure_search`` plus a channel.

    ``agency_identifier`` keeps the procedures linked to that agency or to any agency below it
    in the tree (a province finds its departments' and communes' procedures); an unknown
    identifier gives an empty page.

    The order is ``procedure_search``'s (relevance with a query, else code); ``after`` is the
    keyset of the last item already served, so pages never overlap or skip even when rows
    change between requests. Channels and time limits are prefetched: a page costs the same
    number of queries whatever its size. Raises InvalidCursorError for a keyset of another order.
    """
    versions = procedure_search(
        query=query, sector_code=sector_code, online_level=online_level, on=on
    )
    if agency_identifier:
        agency_ids = agency_subtree_ids_by_identifier(identifier=agency_identifier)
        linked = ProcedureVersion.agencies.through.objects.filter(
            procedureversion_id=OuterRef("pk"), agency_id__in=agency_ids
        )
        versions = versions.filter(Exists(linked))
    if channel is not None:
        versions = versions.filter(
            Exists(ProcedureChannel.objects.filter(version_id=OuterRef("pk"), channel=channel))
        )
    versions = versions.prefetch_related(
        Prefetch(
            "channels",
            queryset=ProcedureChannel.objects.order_by("position").prefetch_related(
                Prefetch("time_limits", queryset=TimeLimit.objects.order_by("position"))
            ),
        )
    )
    items, next_keyset = keyset_page(versions, after=after, limit=limit)
    return ProcedureListPage(items=items, next_keyset=next_keyset)


def procedure_version_get(*, code: str, on: dt.date, number: int | None = None) -> ProcedureVersion:
    """A version of procedure ``code`` with everything its record holds (for the API).

    By ``number`` when given; else the version in force on ``on``, so a dossier can read the
    version it was submitted under. ``version.procedure.all_versions`` lists every version.
    Raises ProcedureNotFoundError, InvalidProcedureCodeError (a code that cannot exist) or
    ProcedureVersionNotFoundError (the procedure exists, not that version).
    """
    if number is not None:
        versions = ProcedureVersion.objects.filter(procedure__code=code, number=number)
    else:
        versions = procedure_version_current_qs(on=on).filter(procedure__code=code)
    version = (
        versions.select_related("procedure", "sector")
        .prefetch_related(
            "agencies",
            Prefetch(
                "channels",
                queryset=ProcedureChannel.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "time_limits",
                        queryset=TimeLimit.objects.order_by("position").prefetch_related(
                            Prefetch("fees", queryset=Fee.objects.order_by("position"))
                        ),
                    )
                ),
            ),
            Prefetch("required_documents", queryset=RequiredDocument.objects.order_by("position")),
            Prefetch(
                "procedure__versions",
                queryset=ProcedureVersion.objects.order_by("number").only(
                    "pk", "procedure_id", "number", "effective_from", "effective_to"
                ),
                to_attr="all_versions",
            ),
        )
        .first()
    )
    if version is not None:
        return version
    if Procedure.objects.filter(code=code).exists():
        raise ProcedureVersionNotFoundError(code=code)
    if not is_procedure_code(code):
        raise InvalidProcedureCodeError(
            errors={"code": [str(InvalidProcedureCodeError.title)]}, code=code
        )
    raise ProcedureNotFoundError(code=code)


# --- The public procedure page (GET /thu-tuc/<code>/) ----------------------------------------


@dataclass(frozen=True)
class DocumentGroup:
    """The required documents (thành phần hồ sơ) of one case; ``case`` may be empty."""

    case: str
    documents: list[RequiredDocument]


@dataclass(frozen=True)
class ProcedurePage:
    """Everything the public page of a procedure shows.

    The published lists (levels, steps, results, legal basis, agency lists, …) are in
    ``version.published``, read by ``motcua.catalog.published``.
    """

    version: ProcedureVersion
    published: PublishedLists
    document_groups: list[DocumentGroup]


def procedure_page_get(*, code: str, on: dt.date) -> ProcedurePage | None:
    """The public page of procedure ``code`` as in force on ``on``; None when there is none."""
    version = procedure_version_get_current(code=code, on=on)
    if version is None:
        return None
    return ProcedurePage(
        version=version,
        published=version.published,
        document_groups=_document_groups(list(version.required_documents.all())),
    )


def _document_groups(documents: list[RequiredDocument]) -> list[DocumentGroup]:
    groups: list[DocumentGroup] = []
    for document in sorted(documents, key=lambda d: (d.case_position, d.position)):
        if groups and groups[-1].case == document.case:
            groups[-1].documents.append(document)
        else:
            groups.append(DocumentGroup(case=document.case, documents=[document]))
    return groups
