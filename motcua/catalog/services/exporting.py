"""Export the catalog as the national procedure packet (``motcua catalog export``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureChannel, ProcedureVersion, TimeLimit
from motcua.catalog.packet import (
    ChannelData,
    DocumentData,
    FeeData,
    ProcedureData,
    TimeLimitData,
)
from motcua.catalog.selectors import procedure_version_current_qs
from motcua.core.errors import NotFoundError


class ProceduresNotFoundError(NotFoundError):
    code = "procedures_not_found"
    message_template = _("No version in force for: %(codes)s")


def catalog_export(*, on: dt.date, codes: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The packet records of the versions in force on ``on``, ordered by code.

    Raises:
        ProceduresNotFoundError: some of ``codes`` have no version in force.
    """
    versions = procedure_version_current_qs(on=on).prefetch_related(
        Prefetch(
            "channels",
            queryset=ProcedureChannel.objects.prefetch_related(
                Prefetch("time_limits", queryset=TimeLimit.objects.prefetch_related("fees"))
            ),
        ),
        "required_documents",
    )
    wanted = sorted(set(codes)) if codes is not None else None
    if wanted is not None:
        versions = versions.filter(procedure__code__in=wanted)
    records = [
        procedure_data_from_version(version).to_packet()
        for version in versions.order_by("procedure__code")
    ]
    if wanted is not None:
        missing = sorted(set(wanted) - {record["MaTTHC"] for record in records})
        if missing:
            raise ProceduresNotFoundError(codes=", ".join(missing))
    return records


def procedure_data_from_version(version: ProcedureVersion) -> ProcedureData:
    """Read a stored version back into the packet's vocabulary."""
    sector = version.sector
    return ProcedureData(
        code=version.procedure.code,
        name=version.name,
        sector_code=sector.code,
        sector_name=sector.name,
        is_sector_code_derived=sector.is_code_derived,
        other_sectors=version.other_sectors,
        online_level=version.online_level,
        national_id=version.national_id,
        procedure_type=version.procedure_type,
        publication_decision=version.publication_decision,
        publication_decision_id=version.publication_decision_id,
        decision=version.decision,
        publishing_agency_code=version.publishing_agency_code,
        national_status=version.national_status,
        applicant_description=version.applicant_description,
        description=version.description,
        conditions=version.conditions,
        reception_address=version.reception_address,
        keywords=version.keywords,
        implementing_agency_description=version.implementing_agency_description,
        competent_agency_description=version.competent_agency_description,
        levels=version.levels,
        applicant_types=version.applicant_types,
        steps=version.steps,
        results=version.results,
        legal_basis=version.legal_basis,
        implementing_agencies=version.implementing_agencies,
        competent_agencies=version.competent_agencies,
        authorized_agencies=version.authorized_agencies,
        coordinating_agencies=version.coordinating_agencies,
        related_codes=version.related_codes,
        inter_agency_codes=version.inter_agency_codes,
        channels=[
            ChannelData(
                channel=channel.channel,
                name=channel.name,
                extra=channel.extra,
                time_limits=[
                    TimeLimitData(
                        amount=limit.amount,
                        unit=limit.unit,
                        unit_label=limit.unit_label,
                        description=limit.description,
                        extra=limit.extra,
                        fees=[
                            FeeData(
                                amount=fee.amount,
                                amount_label=fee.amount_label,
                                currency_label=fee.currency_label,
                                description=fee.description,
                                code=fee.code,
                                file_name=fee.file_name,
                                url=fee.url,
                                extra=fee.extra,
                            )
                            for fee in limit.fees.all()
                        ],
                    )
                    for limit in channel.time_limits.all()
                ],
            )
            for channel in version.channels.all()
        ],
        documents=[
            DocumentData(
                name=document.name,
                case=document.case,
                case_position=document.case_position,
                code=document.code,
                originals=document.originals,
                copies=document.copies,
                template_name=document.template_name,
                template_url=document.template_url,
                replacing_result_code=document.replacing_result_code,
                extra=document.extra,
            )
            for document in version.required_documents.all()
        ],
        extra=version.extra,
    )
