"""Real deadlines around Tết 2024–2026, 30/4–1/5 with make-up Saturdays, and National Day.

Each case names its source: the schedule in legal-spec §6.2 (yearly decisions), §6.2a (the
holidays package) or the issue text. Expected instants are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.worktime import VIETNAM, Limit, due_date, national_calendar, render_all


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


CASES = [
    # (received, limit, due, source, why)
    (
        "2026-02-12T09:00",
        Limit.working_days(15),
        "2026-03-12T09:00",
        "issue 3 example; legal-spec §6.2 Tết 2026 Mon 16/02 – Fri 20/02",
        "15 days of 8 h from Thu 09:00 skipping four weekends and the five Tết days",
    ),
    (
        "2024-02-07T13:30",
        Limit.working_days(2),
        "2024-02-16T11:30",
        "legal-spec §6.2 Tết 2024 Thu 08/02 – Wed 14/02/2024",
        "4 h on 07/02, Tết 08–14/02, 8 h on 15/02, 4 h on the morning of 16/02",
    ),
    (
        "2025-01-24T15:00",
        Limit.working_days(3),
        "2025-02-05T15:00",
        "legal-spec §6.2 Tết 2025 Mon 27/01 – Fri 31/01 (CV 8726/VPCP-KGVX)",
        "2.5 h on 24/01, 25/01–02/02 off, 8 h on 03/02 and 04/02, 5.5 h on 05/02",
    ),
    (
        "2024-04-26T10:00",
        Limit.working_days(3),
        "2024-05-04T10:00",
        "legal-spec §6.2 30/4–1/5 2024: 29/04 swapped, make-up Sat 04/05 (CV 2450/VPCP-KGVX)",
        "5.5 h on 26/04, 27/04–01/05 off, 16 h on 02–03/05, 2.5 h on make-up Saturday 04/05",
    ),
    (
        "2025-04-25T09:00",
        Limit.working_days(1),
        "2025-04-26T09:00",
        "legal-spec §6.2 30/4–1/5 2025: make-up Sat 26/04/2025",
        "6.5 h on Fri 25/04, 1.5 h on make-up Saturday 26/04",
    ),
    (
        "2025-04-29T07:30",
        Limit.working_days(2),
        "2025-05-05T17:30",
        "legal-spec §6.2 30/4–1/5 2025: Wed 30/04 – Sun 04/05, Fri 02/05 swapped",
        "8 h on 29/04, 30/04–04/05 off, 8 h on Mon 05/05",
    ),
    (
        "2024-08-30T07:30",
        Limit.working_days(2),
        "2024-09-04T17:30",
        "legal-spec §6.2 National Day 2024 Sat 31/08 – Tue 03/09",
        "8 h on Fri 30/08, 31/08–03/09 off, 8 h on Wed 04/09",
    ),
    (
        "2025-08-29T13:30",
        Limit.working_days(1),
        "2025-09-03T11:30",
        "legal-spec §6.2 National Day 2025 Sat 30/08 – Tue 02/09",
        "4 h on Fri 29/08, 30/08–02/09 off, 4 h on the morning of Wed 03/09",
    ),
    (
        "2025-12-31T17:00",
        Limit.working_days(1),
        "2026-01-05T17:00",
        "legal-spec §6.2 New Year 2026 Thu 01/01 – Sun 04/01",
        "0.5 h on 31/12, 01–04/01 off, 7.5 h on Mon 05/01",
    ),
    (
        "2025-04-04T07:30",
        Limit.working_days(2),
        "2025-04-08T17:30",
        "legal-spec §6.2a Giỗ Tổ Hùng Vương Mon 07/04/2025",
        "8 h on Fri 04/04, weekend, Giỗ Tổ on Mon 07/04, 8 h on Tue 08/04",
    ),
    (
        "2026-04-24T07:30",
        Limit.working_days(2),
        "2026-04-28T17:30",
        "legal-spec §6.2a Giỗ Tổ Sun 26/04/2026 → compensatory Mon 27/04 (Labour Code Art 111.3)",
        "8 h on Fri 24/04, weekend, compensatory Mon 27/04, 8 h on Tue 28/04",
    ),
    (
        "2026-02-12T18:00",
        Limit.calendar_days(5),
        "2026-02-23T17:30",
        "legal-spec §6.2 Tết 2026",
        "5th calendar day after 12/02 is Tue 17/02 (Tết): close of the next working day Mon 23/02",
    ),
]


@pytest.mark.parametrize(
    ("received", "limit", "due", "source", "why"), CASES, ids=[c[3] for c in CASES]
)
def test_real_case(received, limit, due, source, why):
    result = due_date(at(received), limit, national_calendar())
    assert result.due_at == at(due), why


def test_tet_2026_explanation_names_the_holiday_range_in_vietnamese():
    result = due_date(at("2026-02-12T09:00"), Limit.working_days(15), national_calendar())
    lines = render_all(result.facts)
    assert "Nghỉ Tết Nguyên đán 16/02–20/02/2026" in lines
    assert lines[0] == "Tiếp nhận lúc 09:00 thứ Năm 12/02/2026"
    assert lines[-1] == "Hạn giải quyết: 09:00 thứ Năm 12/03/2026"


def test_make_up_saturday_2024_is_explained_with_its_decision():
    result = due_date(at("2024-04-26T10:00"), Limit.working_days(3), national_calendar())
    lines = render_all(result.facts)
    assert "Nghỉ hoán đổi ngày làm việc 29/04/2024 (theo 2450/VPCP-KGVX)" in lines
    assert "Nghỉ Ngày Chiến thắng 30/04/2024" in lines
    assert "Nghỉ Ngày Quốc tế Lao động 01/05/2024" in lines
    assert result.due_at.weekday() == 5  # the make-up Saturday


def test_due_on_a_make_up_saturday_says_why():
    result = due_date(at("2025-04-25T09:00"), Limit.working_days(1), national_calendar())
    lines = render_all(result.facts)
    assert lines[-2] == "Làm bù thứ Bảy 26/04/2025 (theo 6150/TB-BLĐTBXH)"
    assert lines[-1] == "Hạn giải quyết: 09:00 thứ Bảy 26/04/2025"
