"""How the portal talks to citizens about statuses and history (presentation only)."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers.lifecycle import DossierStatus

S = DossierStatus

STATUS_LABELS: dict[DossierStatus, Promise] = {
    S.NEW: gettext_lazy("Submitted, waiting to be received"),
    S.RECEIVED: gettext_lazy("Received"),
    S.NOT_ACCEPTED: gettext_lazy("Not accepted"),
    S.PROCESSING: gettext_lazy("Being processed"),
    S.SUPPLEMENT_REQUESTED: gettext_lazy("More documents needed"),
    S.PAYMENT_REQUESTED: gettext_lazy("Payment needed"),
    S.WITHDRAWN: gettext_lazy("Withdrawn"),
    S.STOPPED: gettext_lazy("Stopped"),
    S.FINISHED: gettext_lazy("Result ready"),
    S.RESULT_RETURNED: gettext_lazy("Result handed over"),
}

#: What the applicant should do now, when anything.
NEXT_STEPS: dict[DossierStatus, Promise] = {
    S.NEW: gettext_lazy("Nothing for now: the one-stop desk will check your dossier."),
    S.SUPPLEMENT_REQUESTED: gettext_lazy("Upload the requested documents."),
    S.PAYMENT_REQUESTED: gettext_lazy("Pay the fee as instructed by the agency."),
    S.FINISHED: gettext_lazy("Download or collect your result, then rate the service."),
    S.RESULT_RETURNED: gettext_lazy("Rate the service, if you have not yet."),
}

#: Statuses whose badge calls for the applicant's action.
ACTION_STATUSES = frozenset({S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.FINISHED})


def status_label(status: int) -> str:
    return str(STATUS_LABELS[DossierStatus(status)])


def next_step(status: int) -> str:
    step = NEXT_STEPS.get(DossierStatus(status))
    return str(step) if step is not None else ""


def event_text(action: str, data: dict[str, Any], kind: str = "") -> str:
    """One line of the dossier's history in plain words."""
    reason = str(data.get("reason", "") or "")
    texts = {
        "submit": _("You submitted the dossier online."),
        "receive": _("The one-stop desk received your dossier and set the due date."),
        "refuse": _("The dossier was not accepted. Reason: %(reason)s") % {"reason": reason},
        "request_supplement": _("More documents are needed: %(documents)s. Reason: %(reason)s")
        % {
            "documents": "; ".join(str(d) for d in data.get("missing_documents", [])),
            "reason": reason,
        },
        "submit_supplement": _("The requested documents were handed in."),
        "assign": _("Your dossier is being processed."),
        "forward": _("Your dossier moved to the next step of processing."),
        "consult": _("The agency is asking another unit for its opinion."),
        "approve": _("The head of the agency approved the result."),
        "reject": _("The request was refused. Reason: %(reason)s") % {"reason": reason},
        "request_payment": _("Payment is needed: %(description)s")
        % {"description": data.get("description", "")},
        "confirm_payment": _("The payment was received."),
        "withdraw": _("The dossier was withdrawn."),
        "stop": _("Processing was stopped. Reason: %(reason)s") % {"reason": reason},
        "finish": _("The result is ready."),
        "return_result": _("The result was handed over."),
        "apologize": _("The agency apologized for the delay and set a new due date."),
    }
    if action == "document_added":
        if data.get("kind") == "result":
            return _("The result document was added.")
        if data.get("kind") == "supplement":
            return _("A supplementary document was added.")
        return _("A document was attached.")
    return texts.get(action, _("The dossier was updated."))
