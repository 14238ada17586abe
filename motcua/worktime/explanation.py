"""Explanations of due dates (giải thích hạn giải quyết): facts as data, rendered in Vietnamese or English.

A due date comes with the facts used to compute it, in order. Each fact is a ``kind`` and
JSON-friendly ``params`` (ISO 8601 strings, integers), so it can be stored with a deadline and
rendered later. Django's gettext is out of reach in this pure package, so the two languages are
templates here; dates are shown dd/mm/yyyy and times HH:MM.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


class FactKind:
    RECEIVED = "received"  # the dossier was received (tiếp nhận)
    LIMIT = "limit"  # the time limit (thời hạn giải quyết)
    START_MOVED = (
        "start_moved"  # received outside office hours: counting starts at the next opening
    )
    WEEKEND = "weekend"  # weekly rest days skipped
    HOLIDAY = "holiday"  # a holiday or official day off skipped, with its name
    MAKE_UP = "make_up"  # a weekend day counted as a working day (ngày làm bù)
    PAUSE = "pause"  # waiting for a supplement: working time not counted
    PAUSE_DAYS = "pause_days"  # a pause under a calendar-day limit: days added
    CALENDAR_DAY = "calendar_day"  # the N-th calendar day after the day of receipt
    END_MOVED = "end_moved"  # that day is not a working day: the next working day
    REAPPOINTMENT = "reappointment"  # the due date replaced once by a re-appointment (hẹn lại)
    DUE = "due"  # the due instant (hạn giải quyết)
    # Reasons of a recomputation after a calendar change:
    RECOMPUTED = "recomputed"  # the due date moved because the calendar changed
    DAY_CHANGED = "day_changed"  # a day changed status between the old and the new calendar
    FACT_ADDED = "fact_added"  # a fact the new explanation has and the stored one had not
    FACT_REMOVED = "fact_removed"  # a fact the stored explanation had and the new one has not


@dataclass(frozen=True)
class Fact:
    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.params}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fact:
        params = {k: v for k, v in data.items() if k != "kind"}
        return cls(str(data["kind"]), params)


WEEKDAYS = {
    "vi": ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

# English names of the holidays the base calendar knows; other names are shown as given.
HOLIDAY_NAMES_EN = {
    "new_year": "New Year's Day",
    "lunar_new_year": "Lunar New Year (Tết)",
    "hung_kings": "Hung Kings' Commemoration Day",
    "victory_day": "Reunification Day",
    "labour_day": "International Labour Day",
    "national_day": "National Day",
    "compensatory": "compensatory day off",
    "swapped_day_off": "swapped day off",
    "make_up": "make-up working day",
}

UNITS = {
    "vi": {
        "working_days": "ngày làm việc",
        "working_hours": "giờ làm việc",
        "calendar_days": "ngày",
    },
    "en": {
        "working_days": "working days",
        "working_hours": "working hours",
        "calendar_days": "calendar days",
    },
}

TEMPLATES = {
    "vi": {
        FactKind.RECEIVED: "Tiếp nhận lúc {at}",
        FactKind.LIMIT: "Thời hạn giải quyết: {amount} {unit}{hours}",
        FactKind.START_MOVED: "Tiếp nhận ngoài giờ làm việc: bắt đầu tính từ {to}",
        FactKind.WEEKEND: "Nghỉ cuối tuần {range}",
        FactKind.HOLIDAY: "Nghỉ {name} {range}{reference}",
        FactKind.MAKE_UP: "Làm bù {day}{reference}",
        FactKind.PAUSE: "Tạm dừng chờ bổ sung hồ sơ từ {start} đến {end}: không tính {duration}",
        FactKind.PAUSE_DAYS: "Tạm dừng chờ bổ sung hồ sơ từ {start} đến {end}: cộng thêm {days} ngày",
        FactKind.CALENDAR_DAY: "Ngày thứ {n} sau ngày tiếp nhận: {day}",
        FactKind.END_MOVED: "{day} là ngày nghỉ ({reason}): chuyển sang ngày làm việc tiếp theo {to}",
        FactKind.REAPPOINTMENT: "Hẹn lại ngày trả kết quả{reference}: {at} thay cho {previous}",
        FactKind.DUE: "Hạn giải quyết: {at}",
        FactKind.RECOMPUTED: "Tính lại do lịch làm việc thay đổi: hạn mới {at} thay cho {previous}",
        FactKind.DAY_CHANGED: "{day}: trước là {was}, nay là {now}",
        FactKind.FACT_ADDED: "Mới: {fact}",
        FactKind.FACT_REMOVED: "Không còn: {fact}",
    },
    "en": {
        FactKind.RECEIVED: "Received at {at}",
        FactKind.LIMIT: "Time limit: {amount} {unit}{hours}",
        FactKind.START_MOVED: "Received outside office hours: counting starts at {to}",
        FactKind.WEEKEND: "Weekend {range}",
        FactKind.HOLIDAY: "Day off: {name} {range}{reference}",
        FactKind.MAKE_UP: "Make-up working day {day}{reference}",
        FactKind.PAUSE: "Paused waiting for a supplement from {start} to {end}: {duration} not counted",
        FactKind.PAUSE_DAYS: "Paused waiting for a supplement from {start} to {end}: {days} days added",
        FactKind.CALENDAR_DAY: "Calendar day {n} after the day of receipt: {day}",
        FactKind.END_MOVED: "{day} is not a working day ({reason}): moved to the next working day {to}",
        FactKind.REAPPOINTMENT: "Re-appointment{reference}: {at} instead of {previous}",
        FactKind.DUE: "Due at {at}",
        FactKind.RECOMPUTED: "Recomputed after a calendar change: now due {at} instead of {previous}",
        FactKind.DAY_CHANGED: "{day}: was {was}, now {now}",
        FactKind.FACT_ADDED: "New: {fact}",
        FactKind.FACT_REMOVED: "No longer: {fact}",
    },
}


def format_day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def format_range(first: dt.date, last: dt.date) -> str:
    """Format a range of days: one day, a range in one year, or a range across years.

    >>> format_range(dt.date(2026, 2, 16), dt.date(2026, 2, 20))
    '16/02–20/02/2026'
    >>> format_range(dt.date(2025, 12, 31), dt.date(2026, 1, 4))
    '31/12/2025–04/01/2026'
    """
    if first == last:
        return format_day(first)
    if first.year == last.year:
        return f"{first:%d/%m}–{format_day(last)}"
    return f"{format_day(first)}–{format_day(last)}"


def format_instant(value: str, language: str) -> str:
    instant = dt.datetime.fromisoformat(value)
    weekday = WEEKDAYS[language][instant.weekday()]
    return f"{instant:%H:%M} {weekday} {format_day(instant.date())}"


def format_weekday_day(value: str, language: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{WEEKDAYS[language][day.weekday()]} {format_day(day)}"


def format_duration(seconds: int, language: str) -> str:
    """Format working time as hours and minutes.

    >>> format_duration(9000, "vi")
    '2 giờ 30 phút làm việc'
    """
    hours, rest = divmod(int(seconds), 3600)
    minutes = rest // 60
    if language == "vi":
        text = f"{hours} giờ" + (f" {minutes} phút" if minutes else "")
        return text + " làm việc"
    text = f"{hours} h" + (f" {minutes} min" if minutes else "")
    return text + " of working time"


def holiday_name(params: Mapping[str, Any], language: str) -> str:
    if language == "en":
        return HOLIDAY_NAMES_EN.get(str(params.get("key", "")), str(params["name"]))
    return str(params["name"])


def _reference(params: Mapping[str, Any], language: str) -> str:
    reference = str(params.get("reference") or "")
    if not reference:
        return ""
    return f" (theo {reference})" if language == "vi" else f" (per {reference})"


DAY_KINDS = {
    "vi": {
        "working": "ngày làm việc",
        "make_up": "ngày làm bù",
        "weekend": "ngày nghỉ cuối tuần",
        "holiday": "ngày nghỉ",
    },
    "en": {
        "working": "a working day",
        "make_up": "a make-up working day",
        "weekend": "a weekend day",
        "holiday": "a day off",
    },
}


def _day_kind(kind: str, name: str, language: str) -> str:
    text = DAY_KINDS[language][kind]
    return f"{text} ({name})" if name and kind == "holiday" else text


def render(fact: Fact, language: str = "vi") -> str:
    """Render one fact as a sentence in ``language`` ("vi" or "en")."""
    if language not in TEMPLATES:
        raise ValueError(f"unsupported language: {language}")
    p = fact.params
    values: dict[str, str] = {}
    kind = fact.kind
    if kind in (FactKind.RECEIVED, FactKind.DUE):
        values["at"] = format_instant(p["at"], language)
    elif kind == FactKind.LIMIT:
        values["amount"] = str(p["amount"]).replace(".", "," if language == "vi" else ".")
        unit = UNITS[language][p["unit"]]
        if language == "en" and str(p["amount"]) == "1":
            unit = unit.replace("days", "day").replace("hours", "hour")
        values["unit"] = unit
        hours = ""
        if p["unit"] == "working_days":
            hours = f" ({format_duration(p['working_seconds'], language)})"
        values["hours"] = hours
    elif kind == FactKind.START_MOVED:
        values["to"] = format_instant(p["to"], language)
    elif kind in (FactKind.WEEKEND, FactKind.HOLIDAY):
        values["range"] = format_range(
            dt.date.fromisoformat(p["first"]), dt.date.fromisoformat(p["last"])
        )
        if kind == FactKind.HOLIDAY:
            values["name"] = holiday_name(p, language)
            values["reference"] = _reference(p, language)
    elif kind == FactKind.MAKE_UP:
        values["day"] = format_weekday_day(p["on"], language)
        values["reference"] = _reference(p, language)
    elif kind in (FactKind.PAUSE, FactKind.PAUSE_DAYS):
        values["start"] = format_instant(p["start"], language)
        values["end"] = format_instant(p["end"], language)
        if kind == FactKind.PAUSE:
            values["duration"] = format_duration(p["working_seconds"], language)
        else:
            values["days"] = str(p["days"])
    elif kind == FactKind.CALENDAR_DAY:
        values["n"] = str(p["n"])
        values["day"] = format_weekday_day(p["on"], language)
    elif kind == FactKind.END_MOVED:
        values["day"] = format_weekday_day(p["on"], language)
        values["to"] = format_weekday_day(p["to"], language)
        if p.get("name"):
            values["reason"] = holiday_name(p, language)
        else:
            values["reason"] = "nghỉ cuối tuần" if language == "vi" else "weekend"
    elif kind == FactKind.REAPPOINTMENT:
        values["at"] = format_instant(p["at"], language)
        values["previous"] = format_instant(p["previous"], language)
        values["reference"] = _reference(p, language)
    elif kind == FactKind.RECOMPUTED:
        values["at"] = format_instant(p["at"], language)
        values["previous"] = format_instant(p["previous"], language)
    elif kind == FactKind.DAY_CHANGED:
        values["day"] = format_weekday_day(p["on"], language)
        values["was"] = _day_kind(p["was"], p.get("was_name", ""), language)
        values["now"] = _day_kind(p["now"], p.get("now_name", ""), language)
    elif kind in (FactKind.FACT_ADDED, FactKind.FACT_REMOVED):
        inner = render(Fact.from_dict(p["fact"]), language)
        values["fact"] = inner[:1].lower() + inner[1:] if language == "en" else inner
    else:
        raise ValueError(f"unknown fact kind: {kind}")
    text = TEMPLATES[language][kind].format(**values)
    return text[:1].upper() + text[1:]


def render_all(facts: Iterable[Fact], language: str = "vi") -> list[str]:
    return [render(fact, language) for fact in facts]
