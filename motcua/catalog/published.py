"""The lists a version keeps as the national portal publishes them, read into our own vocabulary.

Pure: no ORM, no clock. ``ProcedureVersion`` stores some lists of the national packet exactly as
published (``CAPTHUCHIEN``, ``TRINHTUTHUCHIEN``, ``CANCUPHAPLY``, …, legal-spec §4.2), so that an
export writes them back unchanged. This module is the only reader of the portal's keys outside
the packet parser and exporter: the API and the public page show the typed, English-named
structures it returns. Keys it does not know are ignored here (they stay in the database for the
round trip); an item may also be a plain string or number, read as its name (or code).

Dates of the legal basis (``NGAYBANHANH``, ``NGAYHIEULUC``) are published as text, ``DD/MM/YYYY``.
They are read as dates (``YYYY-MM-DD`` is accepted too) and are None when missing or not a real
date: the API serves them as ISO dates or null, the page formats them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class CodeName:
    """An item with a code and a name: a sector, an applicant type or an agency as published.

    ``code`` may be empty: the portal often publishes the name alone.
    """

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class StepGroup:
    """The steps (trình tự thực hiện) of one case (trường hợp); ``case`` may be empty."""

    case: str
    steps: list[str]


@dataclass(frozen=True, slots=True)
class ResultDocument:
    """A result of the procedure (kết quả thực hiện), e.g. a licence, with its sample file."""

    code: str
    name: str
    file_name: str
    url: str


@dataclass(frozen=True, slots=True)
class LegalDocument:
    """A legal document of the legal basis (căn cứ pháp lý)."""

    number: str
    title: str
    issued_on: dt.date | None
    effective_on: dt.date | None
    issuer: str
    url: str


class PublishedSource(Protocol):
    """What the lists are read from: a ``ProcedureVersion`` (or anything with the same fields)."""

    @property
    def other_sectors(self) -> Any: ...
    @property
    def levels(self) -> Any: ...
    @property
    def applicant_types(self) -> Any: ...
    @property
    def steps(self) -> Any: ...
    @property
    def results(self) -> Any: ...
    @property
    def legal_basis(self) -> Any: ...
    @property
    def related_codes(self) -> Any: ...
    @property
    def inter_agency_codes(self) -> Any: ...
    @property
    def implementing_agencies(self) -> Any: ...
    @property
    def competent_agencies(self) -> Any: ...
    @property
    def authorized_agencies(self) -> Any: ...
    @property
    def coordinating_agencies(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class PublishedLists:
    """Every published list of a version, in our vocabulary (see ``published_lists_read``)."""

    other_sectors: list[CodeName]
    levels: list[str]
    applicant_types: list[CodeName]
    steps: list[StepGroup]
    results: list[ResultDocument]
    legal_basis: list[LegalDocument]
    related_codes: list[str]
    inter_agency_codes: list[str]
    implementing_agencies: list[CodeName]
    competent_agencies: list[CodeName]
    authorized_agencies: list[CodeName]
    coordinating_agencies: list[CodeName]


def published_lists_read(source: PublishedSource) -> PublishedLists:
    """Read every published list of ``source`` (a version) into typed structures."""
    return PublishedLists(
        other_sectors=sectors_read(source.other_sectors),
        levels=levels_read(source.levels),
        applicant_types=applicant_types_read(source.applicant_types),
        steps=steps_read(source.steps),
        results=results_read(source.results),
        legal_basis=legal_basis_read(source.legal_basis),
        related_codes=procedure_codes_read(source.related_codes),
        inter_agency_codes=procedure_codes_read(source.inter_agency_codes),
        implementing_agencies=agencies_read(source.implementing_agencies),
        competent_agencies=agencies_read(source.competent_agencies),
        authorized_agencies=agencies_read(source.authorized_agencies),
        coordinating_agencies=agencies_read(source.coordinating_agencies),
    )


def levels_read(items: object) -> list[str]:
    """Levels of government that implement it (CAPTHUCHIEN ``[{TENCAP}]``): their names."""
    return _texts(items, "TENCAP")


def sectors_read(items: object) -> list[CodeName]:
    """Sectors (LINHVUCTHUCHIEN ``[{MALINHVUC, TENLINHVUC}]``)."""
    return _code_names(items, code_key="MALINHVUC", name_key="TENLINHVUC")


def applicant_types_read(items: object) -> list[CodeName]:
    """Who may apply (DOITUONGTHUCHIEN ``[{MADOITUONG, TENDOITUONG}]``)."""
    return _code_names(items, code_key="MADOITUONG", name_key="TENDOITUONG")


def agencies_read(items: object) -> list[CodeName]:
    """An agency list (COQUANTHUCHIEN, …: ``[{MADONVI, TENDONVI}]``)."""
    return _code_names(items, code_key="MADONVI", name_key="TENDONVI")


def steps_read(items: object) -> list[StepGroup]:
    """Steps by case (TRINHTUTHUCHIEN ``[{TRUONGHOP, TRINHTU: [{TENTRINHTU}]}]``).

    A case without any step is left out; loose steps (not inside a case) come first, as a group
    without a case.
    """
    groups: list[StepGroup] = []
    loose: list[str] = []
    for item in _as_list(items):
        if isinstance(item, dict) and "TRINHTU" in item:
            steps = _texts(item["TRINHTU"], "TENTRINHTU")
            if steps:
                groups.append(StepGroup(case=_text(item, "TRUONGHOP"), steps=steps))
        elif text := _text(item, "TENTRINHTU"):
            loose.append(text)
    if loose:
        groups.insert(0, StepGroup(case="", steps=loose))
    return groups


def results_read(items: object) -> list[ResultDocument]:
    """Results (KETQUATHUCHIEN ``[{MAKETQUA, TENKETQUA, TENTEP, URL}]``); nameless ones are left out."""
    results = []
    for item in _as_list(items):
        name = _text(item, "TENKETQUA")
        if name:
            results.append(
                ResultDocument(
                    code=_field(item, "MAKETQUA"),
                    name=name,
                    file_name=_field(item, "TENTEP"),
                    url=_field(item, "URL"),
                )
            )
    return results


def legal_basis_read(items: object) -> list[LegalDocument]:
    """Legal basis (CANCUPHAPLY); an item with neither number nor title is left out.

    Items: ``{SOVANBAN, TENVANBAN, NGAYBANHANH, NGAYHIEULUC, COQUANBANHANH, DIACHITRUYCAP}``.
    """
    documents = []
    for item in _as_list(items):
        number = _field(item, "SOVANBAN")
        title = _text(item, "TENVANBAN")
        if number or title:
            documents.append(
                LegalDocument(
                    number=number,
                    title=title,
                    issued_on=published_date_parse(_field(item, "NGAYBANHANH")),
                    effective_on=published_date_parse(_field(item, "NGAYHIEULUC")),
                    issuer=_field(item, "COQUANBANHANH"),
                    url=_field(item, "DIACHITRUYCAP"),
                )
            )
    return documents


def procedure_codes_read(items: object) -> list[str]:
    """Codes of related or inter-agency procedures (TTHCLIENQUAN, TTHCLIENTHONG).

    Items are codes, or objects with ``MaTTHC`` (the packet's spelling) or ``MATTHC``.
    """
    return _texts(items, "MaTTHC", "MATTHC")


_DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def published_date_parse(text: str) -> dt.date | None:
    """A published date: ``DD/MM/YYYY`` (or ISO ``YYYY-MM-DD``); None when empty or not a date.

    >>> published_date_parse("03/03/2021")
    datetime.date(2021, 3, 3)
    >>> published_date_parse("31/02/2021") is None
    True
    """
    text = text.strip()
    if match := _DMY_RE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_RE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _as_list(value: object) -> list[object]:
    if isinstance(value, list):
        return value
    return [] if value in (None, "", {}) else [value]


def _field(item: object, key: str) -> str:
    """The text under ``key`` of an object item; empty for anything else."""
    if isinstance(item, dict):
        value = item.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value).strip()
    return ""


def _text(item: object, *keys: str) -> str:
    """The text of one item: the item itself, or its first non-empty key among ``keys``."""
    if isinstance(item, str | int | float) and not isinstance(item, bool):
        return str(item).strip()
    for key in keys:
        if text := _field(item, key):
            return text
    return ""


def _texts(items: object, *keys: str) -> list[str]:
    return [text for text in (_text(item, *keys) for item in _as_list(items)) if text]


def _code_names(items: object, *, code_key: str, name_key: str) -> list[CodeName]:
    """Items with a name (an item that is a plain string is its name); nameless ones are left out."""
    found = []
    for item in _as_list(items):
        name = _text(item, name_key)
        if name:
            found.append(CodeName(code=_field(item, code_key), name=name))
    return found
