"""Import the national procedure packet into the catalog (``motcua catalog import``).

Idempotent by procedure code: a record equal to the latest version of its procedure changes
nothing; a changed record becomes a new ``ProcedureVersion`` effective from the given date, and
the previous version ends the day before. Valid records are written in one transaction and the
rejected ones listed; in strict mode any problem, warnings included, imports nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureChannel,
    ProcedureVersion,
    RequiredDocument,
    Sector,
    TimeLimit,
)
from motcua.catalog.packet import Issue, ProcedureData, parse_record
from motcua.catalog.search import search_text_for
from motcua.core.text import fold
from motcua.organizations.models import Agency


@dataclass(slots=True)
class ImportReport:
    """What an import did (or, in a dry run or a strict abort, would have done)."""

    total: int = 0
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    dry_run: bool = False
    aborted: bool = False  # strict mode found a problem: nothing was written

    @property
    def warnings(self) -> list[Issue]:
        """Warnings of the records that were not rejected."""
        rejected = set(self.rejected_indexes)
        return [
            issue
            for issue in self.issues
            if issue.severity == "warning" and issue.index not in rejected
        ]

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def rejected_indexes(self) -> list[int]:
        return sorted({issue.index for issue in self.errors})

    @property
    def is_success(self) -> bool:
        return not self.aborted and not self.errors


@dataclass(slots=True)
class _Planned:
    index: int
    data: ProcedureData
    content_hash: str
    latest: ProcedureVersion | None


def catalog_import(
    *,
    records: Sequence[Any],
    effective_from: dt.date,
    dry_run: bool = False,
    strict: bool = False,
    on_progress: Callable[[], object] | None = None,
) -> ImportReport:
    """Import packet records (GoiTinThuTucQG) as procedures and versions.

    Args:
        records: the packet's JSON objects, in file order (positions are reported).
        effective_from: the date a new or changed version takes effect.
        dry_run: validate and report, write nothing.
        strict: any problem (warnings included) aborts and imports nothing.
        on_progress: called once per record read (a progress bar).
    """
    report = ImportReport(total=len(records), dry_run=dry_run)
    planned = _plan(records, effective_from, report, on_progress)
    if strict and report.issues:
        report.aborted = True
        return report
    if dry_run:
        return report
    with transaction.atomic():
        for item in planned:
            _write(item, effective_from)
    return report


def _plan(
    records: Sequence[Any],
    effective_from: dt.date,
    report: ImportReport,
    on_progress: Callable[[], object] | None,
) -> list[_Planned]:
    """Validate every record and decide its fate, reading the database only."""
    planned: list[_Planned] = []
    seen: set[str] = set()
    sector_names = dict(Sector.objects.values_list("code", "name"))
    for index, record in enumerate(records):
        result = parse_record(record, index)
        report.issues.extend(result.issues)
        if on_progress is not None:
            on_progress()
        data = result.data
        if data is None:
            continue
        if data.code in seen:
            report.issues.append(
                Issue("error", index, data.code, "MaTTHC", _("The code appears twice in the file."))
            )
            continue
        seen.add(data.code)
        known_name = sector_names.setdefault(data.sector_code, data.sector_name)
        if fold(known_name) != fold(data.sector_name):
            report.issues.append(
                Issue(
                    "warning",
                    index,
                    data.code,
                    "LINHVUCTHUCHIEN[0].TENLINHVUC",
                    _("Sector %(code)s is already named %(name)r; that name is kept.")
                    % {"code": data.sector_code, "name": known_name},
                )
            )
            data.sector_name = known_name
        content_hash = data.content_hash()
        latest = (
            ProcedureVersion.objects.filter(procedure__code=data.code).order_by("-number").first()
        )
        if latest is None:
            report.created.append(data.code)
        elif latest.content_hash == content_hash:
            report.unchanged.append(data.code)
            continue
        elif effective_from < latest.effective_from:
            report.issues.append(
                Issue(
                    "error",
                    index,
                    data.code,
                    "",
                    _(
                        "Version %(number)s is effective from %(date)s; a change cannot take effect earlier."
                    )
                    % {"number": latest.number, "date": latest.effective_from.isoformat()},
                )
            )
            continue
        else:
            report.new_versions.append(data.code)
        planned.append(_Planned(index, data, content_hash, latest))
    return planned


def _write(item: _Planned, effective_from: dt.date) -> ProcedureVersion:
    data, latest = item.data, item.latest
    sector, _created = Sector.objects.get_or_create(
        code=data.sector_code,
        defaults={
            "name": data.sector_name,
            "is_code_derived": data.is_sector_code_derived,
            "search_text": fold(data.sector_name),
        },
    )
    procedure, _created = Procedure.objects.get_or_create(code=data.code)
    if latest is not None:
        latest.effective_to = max(latest.effective_from, effective_from - dt.timedelta(days=1))
        latest.save(update_fields=["effective_to"])
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=latest.number + 1 if latest is not None else 1,
        effective_from=effective_from,
        name=data.name,
        national_id=data.national_id,
        procedure_type=data.procedure_type,
        publication_decision=data.publication_decision,
        publication_decision_id=data.publication_decision_id,
        decision=data.decision,
        publishing_agency_code=data.publishing_agency_code,
        national_status=data.national_status,
        sector=sector,
        other_sectors=data.other_sectors,
        levels=data.levels,
        applicant_types=data.applicant_types,
        applicant_description=data.applicant_description,
        description=data.description,
        conditions=data.conditions,
        reception_address=data.reception_address,
        keywords=data.keywords,
        online_level=data.online_level,
        steps=data.steps,
        results=data.results,
        legal_basis=data.legal_basis,
        related_codes=data.related_codes,
        inter_agency_codes=data.inter_agency_codes,
        implementing_agencies=data.implementing_agencies,
        competent_agencies=data.competent_agencies,
        authorized_agencies=data.authorized_agencies,
        coordinating_agencies=data.coordinating_agencies,
        implementing_agency_description=data.implementing_agency_description,
        competent_agency_description=data.competent_agency_description,
        extra=data.extra,
        content_hash=item.content_hash,
        search_text=search_text_for(
            code=data.code,
            name=data.name,
            sector_name=sector.name,
            keywords=[data.keywords] if data.keywords else [],
        ),
    )
    _write_rows(version, data)
    _link_agencies(version, data, latest)
    return version


def _write_rows(version: ProcedureVersion, data: ProcedureData) -> None:
    channels = ProcedureChannel.objects.bulk_create(
        ProcedureChannel(
            version=version,
            position=position,
            channel=channel.channel,
            name=channel.name,
            extra=channel.extra,
        )
        for position, channel in enumerate(data.channels)
    )
    limit_rows: list[TimeLimit] = []
    limit_data = []
    for channel_row, channel in zip(channels, data.channels, strict=True):
        for position, limit in enumerate(channel.time_limits):
            limit_rows.append(
                TimeLimit(
                    channel=channel_row,
                    position=position,
                    amount=limit.amount,
                    unit=limit.unit,
                    unit_label=limit.unit_label,
                    description=limit.description,
                    extra=limit.extra,
                )
            )
            limit_data.append(limit)
    limit_rows = TimeLimit.objects.bulk_create(limit_rows)
    Fee.objects.bulk_create(
        Fee(
            time_limit=limit_row,
            position=position,
            code=fee.code,
            amount=fee.amount,
            amount_label=fee.amount_label,
            currency_label=fee.currency_label,
            description=fee.description,
            file_name=fee.file_name,
            url=fee.url,
            extra=fee.extra,
        )
        for limit_row, limit in zip(limit_rows, limit_data, strict=True)
        for position, fee in enumerate(limit.fees)
    )
    RequiredDocument.objects.bulk_create(
        RequiredDocument(
            version=version,
            position=position,
            case=document.case,
            case_position=document.case_position,
            code=document.code,
            name=document.name,
            originals=document.originals,
            copies=document.copies,
            template_name=document.template_name,
            template_url=document.template_url,
            replacing_result_code=document.replacing_result_code,
            extra=document.extra,
        )
        for position, document in enumerate(data.documents)
    )


def _link_agencies(
    version: ProcedureVersion, data: ProcedureData, previous: ProcedureVersion | None
) -> None:
    """Link the agencies the previous version had, plus those named by identifier (MADONVI)."""
    identifiers = {
        str(agency.get("MADONVI"))
        for agency in data.implementing_agencies
        if isinstance(agency, dict) and agency.get("MADONVI")
    }
    agencies = set(Agency.objects.filter(identifier__in=identifiers))
    if previous is not None:
        agencies.update(previous.agencies.all())
    if agencies:
        version.agencies.add(*agencies)
