"""The national calendar: the base from the holidays package and the decisions that overlay it."""

from __future__ import annotations

import datetime as dt

from motcua.worktime import DayKind, Decision, DecisionKind, build_calendar, national_calendar
from motcua.worktime.vietnam import apply_decisions, base_holidays, classify, shipped_decisions


def reason(cal, day):
    holiday = cal.day_status(day).holiday
    assert holiday is not None
    return holiday


def test_base_has_the_labour_code_holidays_of_2026():
    days_off, make_up = base_holidays(2026, 2026)
    names = {day: h.name for day, h in days_off.items()}
    assert names[dt.date(2026, 1, 1)] == "Tết Dương lịch"
    assert [names[dt.date(2026, 2, d)] for d in range(16, 21)] == ["Tết Nguyên đán"] * 5
    assert names[dt.date(2026, 4, 26)] == "Giỗ Tổ Hùng Vương"
    assert names[dt.date(2026, 4, 27)] == "Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert names[dt.date(2026, 4, 30)] == "Ngày Chiến thắng"
    assert names[dt.date(2026, 5, 1)] == "Ngày Quốc tế Lao động"
    assert names[dt.date(2026, 9, 2)] == "Quốc khánh"
    assert dt.date(2026, 8, 22) in make_up


def test_unknown_package_names_are_kept_as_given():
    assert classify("Some New Holiday") == ("", "Some New Holiday")
    assert classify("Vietnam Cultural Day") is None


def test_decisions_add_days_off_make_up_days_and_cancel_base_holidays():  # [D17]
    days_off, make_up = base_holidays(2027, 2027)
    assert dt.date(2027, 9, 3) in days_off
    decisions = [
        Decision(
            DecisionKind.DAY_OFF, dt.date(2027, 9, 6), dt.date(2027, 9, 6), "Quốc khánh", "1/QĐ"
        ),
        Decision(
            DecisionKind.WORKING_DAY, dt.date(2027, 9, 11), dt.date(2027, 9, 11), "làm bù", "1/QĐ"
        ),
        Decision(
            DecisionKind.CANCEL, dt.date(2027, 9, 3), dt.date(2027, 9, 3), "không nghỉ", "1/QĐ"
        ),
    ]
    cal = build_calendar(decisions, first_year=2027, last_year=2027)
    assert cal.day_status(dt.date(2027, 9, 6)).kind == DayKind.HOLIDAY
    assert reason(cal, dt.date(2027, 9, 6)).reference == "1/QĐ"
    assert cal.day_status(dt.date(2027, 9, 11)).kind == DayKind.MAKE_UP
    assert cal.day_status(dt.date(2027, 9, 3)).kind == DayKind.WORKING  # a Friday again
    # a later decision wins over an earlier one on the same day
    off, _ = apply_decisions(
        days_off,
        make_up,
        [
            decisions[2],
            decisions[0].__class__(
                DecisionKind.DAY_OFF, dt.date(2027, 9, 3), dt.date(2027, 9, 3), "Quốc khánh"
            ),
        ],
    )
    assert off[dt.date(2027, 9, 3)].name == "Quốc khánh"


def test_shipped_decisions_cover_2024_to_2026_and_carry_references():
    decisions = shipped_decisions()
    assert {d.first_on.year for d in decisions} == {2024, 2025, 2026}
    cal = national_calendar()
    assert reason(cal, dt.date(2024, 4, 29)).reference == "2450/VPCP-KGVX"
    assert cal.day_status(dt.date(2024, 5, 4)).kind == DayKind.MAKE_UP
    assert cal.day_status(dt.date(2025, 4, 26)).kind == DayKind.MAKE_UP
    assert reason(cal, dt.date(2026, 1, 2)).name == "Tết Dương lịch"
    assert reason(cal, dt.date(2025, 1, 27)).reference == "8726/VPCP-KGVX"
