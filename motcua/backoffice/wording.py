"""Labels the officials' screens use for statuses, queues, actions and history (presentation)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.selectors import Queue
from motcua.dossiers.lifecycle import DossierStatus, Transition

S = DossierStatus
STATUS_LABELS: dict[DossierStatus, Promise] = {
    S.NEW: _("New, to receive"),
    S.RECEIVED: _("Received, to assign"),
    S.NOT_ACCEPTED: _("Not accepted"),
    S.PROCESSING: _("Processing"),
    S.SUPPLEMENT_REQUESTED: _("Waiting for supplement"),
    S.PAYMENT_REQUESTED: _("Waiting for payment"),
    S.WITHDRAWN: _("Withdrawn"),
    S.STOPPED: _("Stopped"),
    S.FINISHED: _("Result ready to return"),
    S.RESULT_RETURNED: _("Result returned"),
}

QUEUE_LABELS: dict[Queue, Promise] = {
    Queue.MINE: _("Assigned to me"),
    Queue.UNIT: _("My unit"),
    Queue.TO_RECEIVE: _("To receive"),
    Queue.DUE_SOON: _("Due soon"),
    Queue.OVERDUE: _("Overdue"),
    Queue.SUPPLEMENT: _("Waiting for supplement"),
    Queue.READY: _("Ready to return"),
}

T = Transition
ACTION_LABELS: dict[Transition, Promise] = {
    T.RECEIVE: _("Receive"),
    T.REFUSE: _("Refuse to receive"),
    T.REQUEST_SUPPLEMENT: _("Request a supplement"),
    T.SUBMIT_SUPPLEMENT: _("Record the supplement"),
    T.ASSIGN: _("Assign"),
    T.FORWARD: _("Send to the next step"),
    T.CONSULT: _("Consult another unit"),
    T.APPROVE: _("Approve"),
    T.REJECT: _("Refuse after appraisal"),
    T.REQUEST_PAYMENT: _("Request payment"),
    T.CONFIRM_PAYMENT: _("Confirm payment"),
    T.STOP: _("Stop processing"),
    T.FINISH: _("Finish processing"),
    T.RETURN_RESULT: _("Return the result"),
    T.APOLOGIZE: _("Apologize and set a new date"),
}

#: Actions the law requires a written reason for (Decree 61/2018 Art 17, 19).
REASON_REQUIRED = frozenset({T.REFUSE, T.REQUEST_SUPPLEMENT, T.REJECT, T.STOP, T.APOLOGIZE})

EVENT_LABELS: dict[str, Promise] = {
    "submit": _("Submitted online"),
    "receive": _("Received"),
    "refuse": _("Refused to receive"),
    "request_supplement": _("Supplement requested"),
    "submit_supplement": _("Supplement handed in"),
    "assign": _("Assigned"),
    "forward": _("Sent to the next step"),
    "consult": _("Another unit consulted"),
    "approve": _("Approved"),
    "reject": _("Refused after appraisal"),
    "request_payment": _("Payment requested"),
    "confirm_payment": _("Payment confirmed"),
    "withdraw": _("Withdrawn by the applicant"),
    "stop": _("Processing stopped"),
    "finish": _("Processing finished"),
    "return_result": _("Result returned"),
    "apologize": _("Apology and new date"),
    "document_added": _("Document added"),
    "due_recomputed": _("Due date recomputed"),
}


def status_label(status: int) -> str:
    return str(STATUS_LABELS[DossierStatus(status)])


def event_label(action: str) -> str:
    label = EVENT_LABELS.get(action)
    return str(label) if label is not None else action
