"""Shapes of the dossier API: inputs, the dossier representation, events (no rules, no queries)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.catalog.models import Channel
from motcua.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from motcua.dossiers.lifecycle import DossierStatus, Transition
from motcua.dossiers.models import (
    ApplicantKind,
    DocumentKind,
    Dossier,
    DossierDocument,
    DossierEvent,
    ResultDelivery,
    Timeliness,
)

STATUS_NAMES = [s.api_name for s in DossierStatus]


class ApplicantSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    name = serializers.CharField(max_length=255)
    identity_number = serializers.CharField(
        max_length=20, help_text="CCCD (12 digits) for a person; enterprise/tax code otherwise."
    )
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DossierCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    procedure_version = serializers.IntegerField(help_text="Id of the procedure version.")
    receiving_unit = serializers.IntegerField(help_text="Id of the one-stop reception unit.")
    channel = serializers.ChoiceField(
        choices=Channel.choices,
        default=Channel.ONLINE,
        help_text="2 online (status `new`); 1 counter or 3 postal: received at once by a "
        "reception officer (status `received`).",
    )
    via_national_portal = serializers.BooleanField(
        default=False, help_text="Submitted through the national portal (integration clients)."
    )
    applicant = ApplicantSerializer()
    form_data = serializers.DictField(required=False, default=dict)
    checklist = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text="Counter reception: ids of the required documents checked as present.",
    )


class ActionInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The input of every action; which fields an action needs is listed in its description."""

    version = serializers.IntegerField(
        required=False, help_text="The version you read (alternative to If-Match)."
    )
    reason = serializers.CharField(required=False, max_length=2000)
    missing_documents = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False
    )
    checklist = serializers.ListField(child=serializers.IntegerField(), required=False)
    note = serializers.CharField(required=False, max_length=2000, allow_blank=True)
    assignee = serializers.IntegerField(required=False, help_text="User id of the official.")
    step = serializers.CharField(required=False, max_length=255, allow_blank=True)
    unit = serializers.IntegerField(required=False, help_text="Id of the consulted unit.")
    due_at = serializers.DateTimeField(required=False, help_text="Consultation answer deadline.")
    question = serializers.CharField(required=False, max_length=2000)
    amount = serializers.IntegerField(required=False, min_value=0, help_text="VND.")
    description = serializers.CharField(required=False, max_length=2000)
    reference = serializers.CharField(required=False, max_length=255)
    result = serializers.DictField(required=False)
    delivery = serializers.ChoiceField(choices=ResultDelivery.choices, required=False)
    new_due_at = serializers.DateTimeField(required=False, help_text="Re-appointed due date.")


#: The fields each action requires (the others are ignored).
ACTION_FIELDS: dict[Transition, tuple[str, ...]] = {
    Transition.RECEIVE: ("checklist",),
    Transition.REFUSE: ("reason",),
    Transition.REQUEST_SUPPLEMENT: ("reason", "missing_documents"),
    Transition.SUBMIT_SUPPLEMENT: (),
    Transition.ASSIGN: ("assignee",),
    Transition.FORWARD: ("assignee",),
    Transition.CONSULT: ("unit", "due_at", "question"),
    Transition.APPROVE: (),
    Transition.REJECT: ("reason",),
    Transition.REQUEST_PAYMENT: ("amount", "description"),
    Transition.CONFIRM_PAYMENT: ("reference",),
    Transition.WITHDRAW: (),
    Transition.STOP: ("reason",),
    Transition.FINISH: ("result",),
    Transition.RETURN_RESULT: ("delivery",),
    Transition.APOLOGIZE: ("new_due_at", "reason"),
}


class DossierSummarySerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Fields every dossier representation has."""

    code = serializers.CharField()
    status_code = serializers.SerializerMethodField(help_text="National status code 1–10.")
    status = serializers.SerializerMethodField()
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.IntegerField(min_value=1, max_value=10))
    def get_status_code(self, obj: Any) -> int:
        return int(obj.status)

    @extend_schema_field(serializers.ChoiceField(choices=STATUS_NAMES))
    def get_status(self, obj: Any) -> str:
        return DossierStatus(obj.status).api_name


class PublicStatusSerializer(DossierSummarySerializer):
    """Anonymous lookup: code, status and due date only; never personal data."""

    received_at = None  # type: ignore[assignment]


class DossierSerializer(DossierSummarySerializer):
    procedure = serializers.SerializerMethodField()
    agency = serializers.CharField(source="agency.identifier", help_text="QCVN 102 identifier.")
    receiving_unit = serializers.IntegerField(source="receiving_unit_id")
    channel = serializers.ChoiceField(choices=Channel.choices)
    via_national_portal = serializers.BooleanField()
    applicant = serializers.SerializerMethodField()
    form_data = serializers.DictField()
    submitted_at = serializers.DateTimeField()
    due_explanation = serializers.ListField(child=serializers.DictField())
    paused_at = serializers.DateTimeField(allow_null=True)
    supplement_count = serializers.IntegerField()
    reappointment_count = serializers.IntegerField()
    current_step = serializers.CharField()
    current_unit = serializers.IntegerField(source="current_unit_id", allow_null=True)
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    result = serializers.DictField()
    result_delivery = serializers.ChoiceField(choices=ResultDelivery.choices, allow_blank=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    timeliness = serializers.ChoiceField(choices=Timeliness.choices, allow_blank=True)
    version = serializers.IntegerField(help_text="Send it back in If-Match to act on the dossier.")

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "version": {"type": "integer"},
                "name": {"type": "string"},
            },
        }
    )
    def get_procedure(self, obj: Dossier) -> dict[str, Any]:
        version = obj.procedure_version
        return {"code": version.procedure.code, "version": version.number, "name": version.name}

    @extend_schema_field(ApplicantSerializer)
    def get_applicant(self, obj: Dossier) -> dict[str, str]:
        return {
            "kind": obj.applicant_kind,
            "name": obj.applicant_name,
            "identity_number": obj.applicant_identity_number,
            "phone": obj.applicant_phone,
            "email": obj.applicant_email,
            "address": obj.applicant_address,
        }


class DossierListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = DossierSerializer(many=True)
    next = serializers.URLField(allow_null=True)


class DossierListQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.MultipleChoiceField(
        choices=STATUS_NAMES, required=False, help_text="Status name(s); repeat to combine."
    )
    agency = serializers.CharField(required=False, max_length=13)
    procedure = serializers.CharField(required=False, max_length=20)
    assignee = serializers.IntegerField(required=False)
    due_before = serializers.DateTimeField(required=False)
    due_after = serializers.DateTimeField(required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
    ordering = serializers.ChoiceField(
        choices=["-id", "due_at"],
        default="-id",
        help_text="`-id`: newest first; `due_at`: the work queue, soonest due first.",
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE
    )
    cursor = serializers.CharField(required=False)


class DossierEventSerializer(serializers.Serializer):  # type: ignore[type-arg]
    sequence = serializers.IntegerField()
    action = serializers.CharField()
    actor = serializers.CharField(source="actor_label")
    occurred_at = serializers.DateTimeField()
    from_status_code = serializers.IntegerField(source="from_status", allow_null=True)
    to_status_code = serializers.IntegerField(source="to_status")
    # The metaclass moves declared fields out of the class, so ``.data`` stays the property.
    data = serializers.DictField()  # type: ignore[assignment]
    previous_hash = serializers.CharField()
    hash = serializers.CharField()


class DossierEventListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = DossierEventSerializer(many=True)


class DocumentUploadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField()
    required_document = serializers.IntegerField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.SUBMITTED)


class DocumentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    required_document = serializers.IntegerField(source="required_document_id", allow_null=True)
    name = serializers.CharField(source="original_name")
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    created_at = serializers.DateTimeField()


class DocumentListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = DocumentSerializer(many=True)


def event_rows(events: list[DossierEvent]) -> list[dict[str, Any]]:
    rows: Any = DossierEventSerializer(events, many=True).data
    return list(rows)


def document_rows(documents: list[DossierDocument]) -> list[dict[str, Any]]:
    rows: Any = DocumentSerializer(documents, many=True).data
    return list(rows)
