"""Every rule of docs/deadlines.md, by its tag ([D1] …); the last test checks that each tag is tested."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from motcua.worktime import (
    DEFAULT_HOURS,
    VIETNAM,
    Fact,
    FactKind,
    Holiday,
    Limit,
    OfficeHours,
    Pause,
    Reappointment,
    ReappointmentError,
    Season,
    WorkCalendar,
    due_date,
    national_calendar,
    render,
    render_all,
    transfer_due,
)
from motcua.worktime.vietnam import base_holidays

REPO = Path(__file__).resolve().parents[3]
DOC = REPO / "docs" / "deadlines.md"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


NATIONAL = national_calendar()


def test_default_office_hours_make_an_eight_hour_day():  # [D1]
    assert OfficeHours.of(("07:30", "11:30"), ("13:30", "17:30")) == DEFAULT_HOURS
    assert NATIONAL.working_day_length == dt.timedelta(hours=8)
    assert NATIONAL.hours_on(dt.date(2026, 7, 1)) == DEFAULT_HOURS


def test_seasonal_hours_including_a_season_over_the_new_year():  # [D2]
    summer = OfficeHours.of(("07:00", "11:30"), ("13:30", "17:00"))
    winter = OfficeHours.of(("07:30", "12:00"), ("13:30", "17:00"))
    cal = WorkCalendar(
        2026,
        2027,
        seasons=(Season((4, 15), (10, 15), summer), Season((10, 16), (4, 14), winter)),
    )
    assert cal.hours_on(dt.date(2026, 7, 1)) == summer
    assert cal.hours_on(dt.date(2026, 12, 1)) == winter
    assert cal.hours_on(dt.date(2027, 1, 5)) == winter
    # one working hour from summer opening ends at 08:00, from winter opening at 08:30
    assert due_date(at("2026-07-01T06:00"), Limit.working_hours(1), cal).due_at == at(
        "2026-07-01T08:00"
    )
    assert due_date(at("2026-12-01T06:00"), Limit.working_hours(1), cal).due_at == at(
        "2026-12-01T08:30"
    )


def test_weekends_make_up_days_and_days_off():  # [D3]
    assert [NATIONAL.is_working_day(dt.date(2026, 3, d)) for d in range(2, 9)] == [True] * 5 + [
        False
    ] * 2
    assert NATIONAL.is_working_day(dt.date(2024, 5, 4))  # make-up Saturday
    cal = WorkCalendar(
        2026,
        2026,
        holidays={dt.date(2026, 3, 7): Holiday("day off")},
        make_up_days={dt.date(2026, 3, 7): Holiday("make-up")},
    )
    assert not cal.is_working_day(dt.date(2026, 3, 7))  # the day off wins


def test_working_days_are_multiples_of_the_working_day_length():  # [D4]
    short = OfficeHours.of(("08:00", "12:00"), ("13:00", "16:00"))  # 7 hours
    cal = WorkCalendar(2026, 2026, default_hours=short)
    assert Limit.working_days(3).working_time(cal) == dt.timedelta(hours=21)
    assert due_date(at("2026-03-02T08:00"), Limit.working_days(3), cal).due_at == at(
        "2026-03-04T16:00"
    )


def test_receipt_outside_office_hours_counts_from_the_next_opening():  # [D5]
    result = due_date(at("2026-03-06T18:00"), Limit.working_days(1), NATIONAL)
    assert result.due_at == at("2026-03-09T17:30")
    moved = [f for f in result.facts if f.kind == FactKind.START_MOVED]
    assert moved[0].params["to"] == at("2026-03-09T07:30").isoformat()
    # lunch break: received 12:00 counts from 13:30
    assert due_date(at("2026-03-09T12:00"), Limit.working_hours(1), NATIONAL).due_at == at(
        "2026-03-09T14:30"
    )


def test_working_hours_count_the_same_way():  # [D6]
    assert due_date(at("2026-03-06T16:30"), Limit.working_hours(3), NATIONAL).due_at == at(
        "2026-03-09T09:30"
    )
    assert (
        due_date(at("2026-03-06T16:30"), Limit.working_hours(16), NATIONAL).due_at
        == due_date(at("2026-03-06T16:30"), Limit.working_days(2), NATIONAL).due_at
    )


def test_due_is_the_earliest_instant_the_limit_is_reached():  # [D7]
    assert due_date(at("2026-03-02T07:30"), Limit.working_days(1), NATIONAL).due_at == at(
        "2026-03-02T17:30"
    )
    assert due_date(at("2026-03-02T07:30"), Limit.working_hours(4), NATIONAL).due_at == at(
        "2026-03-02T11:30"
    )


def test_issue_example_tet_2026():  # [D8]
    assert due_date(
        at("2026-02-12T09:00"), Limit.working_days(15), NATIONAL
    ).due_at.isoformat() == ("2026-03-12T09:00:00+07:00")


def test_calendar_days_end_at_close_of_office_on_the_nth_day():  # [D9]
    assert due_date(at("2026-03-02T10:00"), Limit.calendar_days(3), NATIONAL).due_at == at(
        "2026-03-05T17:30"
    )


def test_calendar_days_ending_on_a_day_off_move_to_the_next_working_day():  # [D10]
    result = due_date(at("2026-02-12T10:00"), Limit.calendar_days(5), NATIONAL)
    assert result.due_at == at("2026-02-23T17:30")
    assert "Thứ Ba 17/02/2026 là ngày nghỉ (Tết Nguyên đán)" in render_all(result.facts)[3]
    # ending on a Saturday
    assert due_date(at("2026-03-02T10:00"), Limit.calendar_days(5), NATIONAL).due_at == at(
        "2026-03-09T17:30"
    )


def test_pause_does_not_count():  # [D11]
    pause = Pause(at("2026-03-02T13:30"), at("2026-03-04T07:30"))
    result = due_date(at("2026-03-02T07:30"), Limit.working_days(2), NATIONAL, pauses=[pause])
    assert result.due_at == at("2026-03-05T11:30")
    facts = [f for f in result.facts if f.kind == FactKind.PAUSE]
    assert facts[0].params["working_seconds"] == 12 * 3600  # Mon afternoon + all Tuesday
    assert "Tạm dừng chờ bổ sung hồ sơ từ 13:30 thứ Hai 02/03/2026" in render(facts[0])


def test_pause_without_working_time_or_before_receipt():  # [D12]
    plain = due_date(at("2026-03-02T07:30"), Limit.working_days(2), NATIONAL).due_at
    night = Pause(at("2026-03-02T17:30"), at("2026-03-03T07:30"))
    assert (
        due_date(at("2026-03-02T07:30"), Limit.working_days(2), NATIONAL, pauses=[night]).due_at
        == plain
    )
    before = Pause(at("2026-02-27T08:00"), at("2026-03-02T09:30"))
    result = due_date(at("2026-03-02T07:30"), Limit.working_days(2), NATIONAL, pauses=[before])
    assert result.due_at == at("2026-03-04T09:30")  # two hours of Monday lost, not Friday's


def test_pause_under_calendar_days_adds_whole_days():  # [D13]
    pause = Pause(at("2026-03-03T09:00"), at("2026-03-04T10:00"))  # 25 hours → 2 days
    result = due_date(at("2026-03-02T10:00"), Limit.calendar_days(3), NATIONAL, pauses=[pause])
    assert result.due_at == at("2026-03-09T17:30")  # 05/03 + 2 = Sat 07/03 → Mon 09/03


def test_reappointment_replaces_the_due_date_once_and_later():  # [D14]
    new = at("2026-03-20T17:30")
    result = due_date(
        at("2026-02-12T09:00"),
        Limit.working_days(15),
        NATIONAL,
        reappointment=Reappointment(new, "Mẫu 04 số 12"),
    )
    assert result.due_at == new
    assert result.computed_due_at == at("2026-03-12T09:00")
    assert render_all(result.facts)[-2] == (
        "Hẹn lại ngày trả kết quả (theo Mẫu 04 số 12): 17:30 thứ Sáu 20/03/2026 "
        "thay cho 09:00 thứ Năm 12/03/2026"
    )
    with pytest.raises(ReappointmentError):
        due_date(
            at("2026-02-12T09:00"),
            Limit.working_days(15),
            NATIONAL,
            reappointment=Reappointment(at("2026-03-12T09:00")),
        )


@pytest.mark.parametrize(
    ("received", "due", "after"),
    [
        ("2026-03-02T15:00:00", "2026-03-02T17:30", False),
        ("2026-03-02T15:00:01", "2026-03-03T07:30", True),
        ("2026-03-02T06:00", "2026-03-02T17:30", False),
        ("2026-03-06T16:00", "2026-03-09T07:30", True),  # Friday after 15:00 → Monday opening
        ("2026-03-07T10:00", "2026-03-09T07:30", True),  # Saturday
        ("2026-02-13T15:30", "2026-02-23T07:30", True),  # before Tết 2026
    ],
)
def test_the_1500_rule(received, due, after):  # [D15]
    result = transfer_due(at(received), NATIONAL)
    assert result.due_at == at(due)
    assert result.after_cutoff is after


def test_explanation_is_data_and_renders_in_both_languages():  # [D16]
    result = due_date(at("2026-02-13T18:00"), Limit.working_days(1), NATIONAL)
    kinds = [f.kind for f in result.facts]
    assert kinds == [
        FactKind.RECEIVED,
        FactKind.LIMIT,
        FactKind.START_MOVED,
        FactKind.WEEKEND,
        FactKind.HOLIDAY,
        FactKind.WEEKEND,
        FactKind.DUE,
    ]
    data = json.loads(json.dumps(result.as_dict()))
    assert [Fact.from_dict(f) for f in data["explanation"]] == list(result.facts)
    assert render_all(result.facts, "en")[-1] == "Due at 17:30 Monday 23/02/2026"
    assert render_all(result.facts)[-1] == "Hạn giải quyết: 17:30 thứ Hai 23/02/2026"
    assert "Day off: Lunar New Year (Tết) 16/02–20/02/2026" in render_all(result.facts, "en")


def test_24_november_is_not_a_day_off():  # [D18]
    days_off, _ = base_holidays(2026, 2027)
    assert dt.date(2026, 11, 24) not in days_off
    assert dt.date(2027, 11, 24) not in days_off
    assert NATIONAL.is_working_day(dt.date(2026, 11, 24))


def test_every_rule_of_the_document_is_tested():
    tags = set(re.findall(r"\*\*\[(D\d+)\]\*\*", DOC.read_text(encoding="utf-8")))
    assert tags, "docs/deadlines.md has no tagged rules"
    tested = ""
    for folder in ("motcua/worktime/tests", "motcua/calendars/tests"):
        for path in (REPO / folder).rglob("test_*.py"):
            tested += path.read_text(encoding="utf-8")
    missing = sorted(t for t in tags if f"[{t}]" not in tested.replace(f'[{t}]"', ""))
    assert missing == []
