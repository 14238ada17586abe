"""The dossier lifecycle: statuses with the national portal's codes and the one table of allowed moves.

Pure: no ORM (only translated error messages). Status codes are those of the national portal's ``TrangThaiHoSo`` (legal-spec §4.1); the
transitions are those of Decree 61/2018 Art 17–20 (receive, supplement once, process, consult, refuse within the
time limit, apologize and re-appoint once, return the result). Every service in ``services/transitions.py``
checks this table through :func:`ensure_transition_allowed`; nothing else decides whether a move is legal.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError


class DossierStatus(enum.IntEnum):
    """Status of a dossier; the value is the national portal's code (TrangThaiHoSo)."""

    NEW = 1  # Mới đăng ký: submitted online, not yet received
    RECEIVED = 2  # Được tiếp nhận: received, due date set
    NOT_ACCEPTED = 3  # Không được tiếp nhận: refused at reception or rejected after appraisal
    PROCESSING = 4  # Đang xử lý
    SUPPLEMENT_REQUESTED = 5  # Yêu cầu bổ sung giấy tờ: the clock is paused
    PAYMENT_REQUESTED = 6  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8  # Dừng xử lý
    FINISHED = 9  # Đã xử lý xong: the result is ready
    RESULT_RETURNED = 10  # Đã trả kết quả

    @property
    def api_name(self) -> str:
        """The stable English name used in the API (``status``)."""
        return self.name.lower()


#: Statuses in which a dossier is closed: no transition leaves them.
CLOSED_STATUSES = frozenset(
    {
        DossierStatus.NOT_ACCEPTED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RESULT_RETURNED,
    }
)

#: Statuses whose dossier counts as finished for timeliness (legal-spec §5, indicator 2.1).
FINISHING_STATUSES = frozenset(
    {
        DossierStatus.NOT_ACCEPTED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.FINISHED,
        DossierStatus.RESULT_RETURNED,
    }
)


class Transition(enum.StrEnum):
    """Every action that may change a dossier; the value is the API's action name."""

    SUBMIT = "submit"  # nộp trực tuyến
    RECEIVE = "receive"  # tiếp nhận
    REFUSE = "refuse"  # từ chối tiếp nhận (Mẫu 03 at reception)
    REQUEST_SUPPLEMENT = "request_supplement"  # yêu cầu bổ sung (Mẫu 02), only once
    SUBMIT_SUPPLEMENT = "submit_supplement"  # nộp bổ sung: the clock resumes
    ASSIGN = "assign"  # phân công
    FORWARD = "forward"  # chuyển bước / chuyển đơn vị
    CONSULT = "consult"  # xin ý kiến đơn vị khác
    APPROVE = "approve"  # lãnh đạo phê duyệt
    REJECT = "reject"  # từ chối giải quyết sau thẩm định, within the time limit
    REQUEST_PAYMENT = "request_payment"  # yêu cầu thực hiện nghĩa vụ tài chính
    CONFIRM_PAYMENT = "confirm_payment"  # đã thanh toán
    WITHDRAW = "withdraw"  # công dân rút hồ sơ
    STOP = "stop"  # dừng xử lý
    FINISH = "finish"  # xử lý xong
    RETURN_RESULT = "return_result"  # trả kết quả
    APOLOGIZE = "apologize"  # xin lỗi và hẹn lại (Mẫu 04), only once


@dataclass(frozen=True, slots=True)
class Move:
    """The statuses a transition may start from and the status it leads to (None: unchanged)."""

    sources: frozenset[DossierStatus]
    target: DossierStatus | None


S = DossierStatus
_OPEN_AFTER_RECEIPT = frozenset(
    {S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED}
)

#: The one table of allowed moves. ``None`` as a source stands for "the dossier does not exist yet".
ALLOWED_TRANSITIONS: dict[Transition, Move] = {
    Transition.SUBMIT: Move(frozenset(), S.NEW),
    Transition.RECEIVE: Move(frozenset({S.NEW}), S.RECEIVED),
    Transition.REFUSE: Move(frozenset({S.NEW}), S.NOT_ACCEPTED),
    Transition.REQUEST_SUPPLEMENT: Move(
        frozenset({S.NEW, S.RECEIVED, S.PROCESSING}), S.SUPPLEMENT_REQUESTED
    ),
    # Back to where it was: NEW when asked at reception, PROCESSING after appraisal (decided by the service).
    Transition.SUBMIT_SUPPLEMENT: Move(frozenset({S.SUPPLEMENT_REQUESTED}), None),
    Transition.ASSIGN: Move(frozenset({S.RECEIVED, S.PROCESSING}), S.PROCESSING),
    Transition.FORWARD: Move(frozenset({S.PROCESSING}), S.PROCESSING),
    Transition.CONSULT: Move(frozenset({S.PROCESSING}), S.PROCESSING),
    Transition.APPROVE: Move(frozenset({S.PROCESSING}), S.PROCESSING),
    Transition.REJECT: Move(frozenset({S.RECEIVED, S.PROCESSING}), S.NOT_ACCEPTED),
    Transition.REQUEST_PAYMENT: Move(frozenset({S.RECEIVED, S.PROCESSING}), S.PAYMENT_REQUESTED),
    Transition.CONFIRM_PAYMENT: Move(frozenset({S.PAYMENT_REQUESTED}), S.PROCESSING),
    Transition.WITHDRAW: Move(frozenset({S.NEW}) | _OPEN_AFTER_RECEIPT, S.WITHDRAWN),
    Transition.STOP: Move(_OPEN_AFTER_RECEIPT, S.STOPPED),
    Transition.FINISH: Move(frozenset({S.PROCESSING}), S.FINISHED),
    Transition.RETURN_RESULT: Move(frozenset({S.FINISHED}), S.RESULT_RETURNED),
    Transition.APOLOGIZE: Move(_OPEN_AFTER_RECEIPT, None),
}

#: Where SUBMIT_SUPPLEMENT may lead (the status before the request).
SUPPLEMENT_RETURN_STATUSES = frozenset({S.NEW, S.PROCESSING})


class InvalidTransitionError(DomainError):
    code = "invalid_transition"
    status = 409
    title = _("This action is not allowed in the dossier's current status.")
    message_template = _(
        "The action %(transition)s is not allowed while the dossier is %(status)s."
    )


def sources_of(transition: Transition) -> frozenset[DossierStatus]:
    """The statuses from which ``transition`` is allowed."""
    return ALLOWED_TRANSITIONS[transition].sources


def ensure_transition_allowed(status: DossierStatus, transition: Transition) -> None:
    """Raise :class:`InvalidTransitionError` unless ``transition`` may start from ``status``."""
    if status not in ALLOWED_TRANSITIONS[transition].sources:
        raise InvalidTransitionError(transition=transition.value, status=status.api_name)


def target_of(status: DossierStatus, transition: Transition) -> DossierStatus:
    """The status a dossier in ``status`` has after ``transition`` (checked against the table)."""
    ensure_transition_allowed(status, transition)
    target = ALLOWED_TRANSITIONS[transition].target
    return status if target is None else target


def allowed_transitions(status: DossierStatus) -> list[Transition]:
    """The transitions the table allows from ``status``, in declaration order."""
    return [t for t, move in ALLOWED_TRANSITIONS.items() if status in move.sources]


def reachable_statuses() -> frozenset[DossierStatus]:
    """Every status reachable from creation by some sequence of allowed transitions."""
    frontier = {m.target for m in ALLOWED_TRANSITIONS.values() if not m.sources and m.target}
    frontier |= {S.RECEIVED}  # a counter reception creates a dossier directly as received
    seen: set[DossierStatus] = set()
    while frontier:
        status = frontier.pop()
        if status in seen:
            continue
        seen.add(status)
        for transition in allowed_transitions(status):
            target = ALLOWED_TRANSITIONS[transition].target
            if transition is Transition.SUBMIT_SUPPLEMENT:
                frontier |= SUPPLEMENT_RETURN_STATUSES
            elif target is not None:
                frontier.add(target)
    return frozenset(seen)
