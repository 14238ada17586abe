"""Output and query-string serializers of the catalog API (shape only: no rules, no queries)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.catalog.models import Channel, OnlineLevel, ProcedureVersion, TimeLimitUnit
from motcua.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from motcua.organizations.validators import validate_agency_identifier

# --- Query strings ------------------------------------------------------------------------------


class ProcedureListQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=(
            "Search text. Diacritics are optional (`cap giay phep xay dung` finds "
            "'Cấp giấy phép xây dựng'), the last word may be a prefix and one typo per word "
            "is tolerated. With `q`, results are ranked by relevance; without, ordered by code."
        ),
    )
    sector = serializers.CharField(
        required=False, max_length=50, help_text="Sector code, e.g. `G09-TP-HT`."
    )
    agency = serializers.CharField(
        required=False,
        max_length=13,
        validators=[validate_agency_identifier],
        help_text=(
            "Electronic identifier (QCVN 102) of an implementing agency, e.g. `000.00.00.H29`; "
            "the agencies below it in the tree, at any depth, count too."
        ),
    )
    online_level = serializers.ChoiceField(
        choices=OnlineLevel.choices, required=False, help_text="Online service level."
    )
    channel = serializers.ChoiceField(
        choices=Channel.choices,
        required=False,
        help_text="Only procedures that can be done through this channel.",
    )
    limit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        help_text=f"Page size, 1 to {MAX_PAGE_SIZE}.",
    )
    cursor = serializers.CharField(
        required=False,
        max_length=500,
        help_text="Opaque cursor from a previous page's `next` link; omit for the first page.",
    )


class ProcedureDetailQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Read this version number instead of the one in force today.",
    )
    on = serializers.DateField(
        required=False,
        help_text="Read the version in force on this date (YYYY-MM-DD) instead of today.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "version" in attrs and "on" in attrs:
            raise serializers.ValidationError({"on": [_("Give either version or on, not both.")]})
        return attrs


# --- Output ------------------------------------------------------------------------------------


class SectorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    name = serializers.CharField()


# The lists the national packet publishes free-form, read by ``motcua.catalog.published``.


class CodeNameSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(help_text="Code as published; empty when only a name is.")
    name = serializers.CharField()


class StepGroupSerializer(serializers.Serializer):  # type: ignore[type-arg]
    case = serializers.CharField(help_text="The case (trường hợp); empty for every case.")
    steps = serializers.ListField(child=serializers.CharField(), help_text="Steps, in order.")


class ResultDocumentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(help_text="Result code in the national database (may be empty).")
    name = serializers.CharField()
    file_name = serializers.CharField(help_text="Name of the sample file (may be empty).")
    url = serializers.CharField(help_text="Address of the sample file (may be empty).")


class LegalDocumentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    number = serializers.CharField(help_text="Document number, e.g. `60/2014/QH13`.")
    title = serializers.CharField()
    issued_on = serializers.DateField(
        allow_null=True, help_text="Date of issue; null when not published or not a valid date."
    )
    effective_on = serializers.DateField(
        allow_null=True, help_text="Date it took effect; null when not published or not valid."
    )
    issuer = serializers.CharField(help_text="Issuing body (may be empty).")
    url = serializers.CharField(help_text="Where to read it (may be empty).")


def _level_names(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(),
        source="published.levels",
        help_text="Levels of government that implement it (cấp thực hiện), e.g. 'Cấp xã'.",
        **kwargs,
    )


class TimeLimitSummarySerializer(serializers.Serializer):  # type: ignore[type-arg]
    amount = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        coerce_to_string=False,
        allow_null=True,
        help_text="Number of units; null when the record gives no number.",
    )
    unit = serializers.ChoiceField(choices=TimeLimitUnit.choices)


class ChannelSummarySerializer(serializers.Serializer):  # type: ignore[type-arg]
    channel = serializers.ChoiceField(choices=Channel.choices)
    time_limits = TimeLimitSummarySerializer(many=True)


class FeeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(help_text="Fee code in the national database (may be empty).")
    amount = serializers.IntegerField(
        allow_null=True,
        help_text="Amount in VND as an integer; null when the record states no number.",
    )
    amount_label = serializers.CharField(help_text="The amount as published when not a number.")
    currency_label = serializers.CharField(help_text="Currency as published (e.g. 'Đồng').")
    description = serializers.CharField()
    file_name = serializers.CharField()
    url = serializers.CharField()


class TimeLimitSerializer(TimeLimitSummarySerializer):
    unit_label = serializers.CharField(help_text="The unit as published.")
    description = serializers.CharField()
    fees = FeeSerializer(many=True)


class ChannelSerializer(serializers.Serializer):  # type: ignore[type-arg]
    channel = serializers.ChoiceField(choices=Channel.choices)
    name = serializers.CharField(help_text="The channel's name as published.")
    time_limits = TimeLimitSerializer(many=True)


class RequiredDocumentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(help_text="Document code in the national database.")
    name = serializers.CharField()
    case = serializers.CharField(help_text="The case (trường hợp) this document belongs to.")
    case_position = serializers.IntegerField()
    originals = serializers.IntegerField(help_text="Number of originals (bản chính).")
    copies = serializers.IntegerField(help_text="Number of copies (bản sao).")
    template_name = serializers.CharField(help_text="Form template (mẫu đơn, tờ khai).")
    template_url = serializers.CharField()
    replacing_result_code = serializers.CharField(
        help_text="Code of a result document that can replace this one (may be empty)."
    )


class AgencySerializer(serializers.Serializer):  # type: ignore[type-arg]
    identifier = serializers.CharField(help_text="Electronic identifier (QCVN 102).")
    name = serializers.CharField()


class VersionRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    number = serializers.IntegerField()
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)


def _detail_url(context: dict[str, Any], code: str) -> str:
    path = reverse("api-procedure-detail", kwargs={"code": code})
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class ProcedureListItemSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(source="procedure.code", help_text="National procedure code.")
    name = serializers.CharField()
    sector = SectorSerializer()
    online_level = serializers.ChoiceField(choices=OnlineLevel.choices)
    levels = _level_names()
    version = serializers.IntegerField(source="number", help_text="Version number in force.")
    channels = ChannelSummarySerializer(
        many=True, help_text="Time limits per channel (details in the procedure record)."
    )
    url = serializers.SerializerMethodField(help_text="The full record.")

    def get_url(self, version: ProcedureVersion) -> str:
        return _detail_url(self.context, version.procedure.code)


class ProcedureListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = ProcedureListItemSerializer(many=True)
    next = serializers.URLField(
        allow_null=True, help_text="The next page, or null on the last page."
    )


class ProcedureDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(source="procedure.code", help_text="National procedure code.")
    url = serializers.SerializerMethodField()
    name = serializers.CharField()
    version = VersionRefSerializer(source="*", help_text="The version shown.")
    versions = VersionRefSerializer(
        many=True, source="procedure.all_versions", help_text="Every version, oldest first."
    )
    national_id = serializers.CharField(help_text="ID in the national procedure database.")
    procedure_type = serializers.CharField()
    publication_decision = serializers.CharField(help_text="Decision publishing it (number).")
    publication_decision_id = serializers.CharField()
    decision = serializers.CharField()
    publishing_agency_code = serializers.CharField()
    national_status = serializers.CharField(help_text="Status in the national database.")
    sector = SectorSerializer()
    other_sectors = CodeNameSerializer(
        many=True, source="published.other_sectors", help_text="Further sectors, if any."
    )
    levels = _level_names()
    applicant_types = CodeNameSerializer(
        many=True, source="published.applicant_types", help_text="Who may apply (đối tượng)."
    )
    applicant_description = serializers.CharField()
    description = serializers.CharField()
    conditions = serializers.CharField(help_text="Conditions (yêu cầu, điều kiện).")
    reception_address = serializers.CharField(help_text="Where to submit.")
    keywords = serializers.CharField()
    online_level = serializers.ChoiceField(choices=OnlineLevel.choices)
    steps = StepGroupSerializer(
        many=True, source="published.steps", help_text="Steps by case (trình tự thực hiện)."
    )
    results = ResultDocumentSerializer(
        many=True, source="published.results", help_text="Results (kết quả thực hiện)."
    )
    legal_basis = LegalDocumentSerializer(
        many=True, source="published.legal_basis", help_text="Legal basis (căn cứ pháp lý)."
    )
    related_codes = serializers.ListField(
        child=serializers.CharField(),
        source="published.related_codes",
        help_text="Codes of related procedures.",
    )
    inter_agency_codes = serializers.ListField(
        child=serializers.CharField(),
        source="published.inter_agency_codes",
        help_text="Codes of the procedures done together with it (liên thông).",
    )
    agencies = AgencySerializer(many=True, help_text="Our implementing agencies.")
    implementing_agencies = CodeNameSerializer(
        many=True,
        source="published.implementing_agencies",
        help_text="Implementing agencies as published (cơ quan thực hiện).",
    )
    competent_agencies = CodeNameSerializer(
        many=True,
        source="published.competent_agencies",
        help_text="Competent agencies (cơ quan có thẩm quyền).",
    )
    authorized_agencies = CodeNameSerializer(
        many=True,
        source="published.authorized_agencies",
        help_text="Agencies authorized to decide (cơ quan được ủy quyền).",
    )
    coordinating_agencies = CodeNameSerializer(
        many=True,
        source="published.coordinating_agencies",
        help_text="Coordinating agencies (cơ quan phối hợp).",
    )
    implementing_agency_description = serializers.CharField()
    competent_agency_description = serializers.CharField()
    channels = ChannelSerializer(many=True, help_text="Channels with time limits and fees.")
    required_documents = RequiredDocumentSerializer(many=True)

    def get_url(self, version: ProcedureVersion) -> str:
        return _detail_url(self.context, version.procedure.code)
