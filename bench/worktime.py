"""Benchmark of the working-time engine: motcua vs a day-by-day loop vs numpy.busday_offset.

Runs in one process on the same random (start, limit) pairs: starts are random minutes of
2024–2026 (Vietnam time), limits random whole working days (1–90 by default). The national
calendar (base holidays + shipped decisions) is used by all three:

- motcua: ``add_working_time`` over the index of working periods (bisect);
- loop: a plain day-by-day walk over the same calendar (periods of each day);
- numpy: ``numpy.busday_offset`` at day granularity. numpy's weekmask cannot express a make-up
  Saturday, so its calendar is every day of the week with each non-working date (weekends not
  made up, holidays) listed explicitly as a holiday.

Prints ops/s for each and the ratios, then a second run with 90-working-day limits (motcua and
the loop). Exits 1 if motcua and numpy disagree on the due day of any pair, or motcua and the
loop on the due instant of any pair they both ran.

    .venv/bin/python bench/worktime.py [--pairs 100000] [--seed 1] [--loop-pairs-90 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time

import numpy as np

from motcua.worktime import VIETNAM, WorkCalendar, add_working_time, national_calendar

EIGHT_HOURS = dt.timedelta(hours=8)


def random_pairs(count: int, seed: int, max_days: int) -> list[tuple[dt.datetime, int]]:
    rng = random.Random(seed)
    first = dt.datetime(2024, 1, 1, tzinfo=VIETNAM)
    minutes = 3 * 365 * 24 * 60
    return [
        (first + dt.timedelta(minutes=rng.randrange(minutes)), rng.randint(1, max_days))
        for _ in range(count)
    ]


def loop_add(start: dt.datetime, amount: dt.timedelta, calendar: WorkCalendar) -> dt.datetime:
    """The plain way: walk day by day, through the office-hour periods of each working day."""
    day = start.date()
    while True:
        if calendar.is_working_day(day):
            for period in calendar.hours_on(day).periods:
                opens = dt.datetime.combine(day, period.opens_at, tzinfo=calendar.tz)
                closes = dt.datetime.combine(day, period.closes_at, tzinfo=calendar.tz)
                begin = max(opens, start)
                if begin >= closes:
                    continue
                if closes - begin >= amount:
                    return begin + amount
                amount -= closes - begin
        day += dt.timedelta(days=1)


def numpy_calendar(calendar: WorkCalendar) -> np.busdaycalendar:
    off = [
        day
        for day in calendar.days(calendar.first_day, calendar.last_day)
        if not calendar.is_working_day(day)
    ]
    return np.busdaycalendar(weekmask="1111111", holidays=np.array(off, dtype="datetime64[D]"))


def numpy_inputs(
    pairs: list[tuple[dt.datetime, int]], calendar: WorkCalendar
) -> tuple[np.ndarray, np.ndarray]:
    """Day-granularity inputs: the first counted day and the number of days to move from it.

    With 8-hour days of identical periods, N working days end on the N-th working day after the
    first counted day at the same time of day, except from an opening (07:30), where they end at
    the close of the (N-1)-th. Computed from the office hours only, without motcua's index.
    """
    hours = calendar.default_hours
    opens, closes = hours.opens_at, hours.closes_at
    lunch_start, lunch_end = hours.periods[0].closes_at, hours.periods[1].opens_at
    days, offsets = [], []
    for start, n in pairs:
        day, clock = start.date(), start.time()
        at_opening = False
        if not calendar.is_working_day(day) or clock >= closes:
            day += dt.timedelta(days=1)
            at_opening = True  # rolled forward below to the next working day's opening
        elif clock <= opens:
            at_opening = True
        elif lunch_start <= clock < lunch_end:
            pass  # counts from 13:30: same day, not an opening
        days.append(day)
        offsets.append(n - 1 if at_opening else n)
    return np.array(days, dtype="datetime64[D]"), np.array(offsets)


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-days", type=int, default=90)
    parser.add_argument("--loop-pairs-90", type=int, default=10_000)
    args = parser.parse_args()

    calendar = national_calendar()
    t0 = time.perf_counter()
    calendar.index  # noqa: B018 - build the index once, timed on its own
    build = time.perf_counter() - t0
    pairs = random_pairs(args.pairs, args.seed, args.max_days)
    amounts = [(start, n * EIGHT_HOURS) for start, n in pairs]

    t0 = time.perf_counter()
    ours = [add_working_time(start, amount, calendar) for start, amount in amounts]
    t_ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    loop = [loop_add(start, amount, calendar) for start, amount in amounts]
    t_loop = time.perf_counter() - t0

    busdays = numpy_calendar(calendar)
    first_days, offsets = numpy_inputs(pairs, calendar)
    t0 = time.perf_counter()
    numpy_days = np.busday_offset(first_days, offsets, roll="forward", busdaycal=busdays)
    t_numpy = time.perf_counter() - t0

    ours_days = np.array([d.date() for d in ours], dtype="datetime64[D]")
    numpy_mismatch = int(np.count_nonzero(ours_days != numpy_days))
    loop_mismatch = sum(a != b for a, b in zip(ours, loop, strict=True))

    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    print(
        f"index build: {build * 1000:.1f} ms for {calendar.first_year}–{calendar.last_year} "
        f"({len(calendar.index.starts)} working periods)"
    )
    print(f"pairs: {args.pairs} (seed {args.seed}), limits 1–{args.max_days} working days")
    print(f"motcua add_working_time : {rate(args.pairs, t_ours):>12,.0f} ops/s")
    print(f"day-by-day loop         : {rate(args.pairs, t_loop):>12,.0f} ops/s")
    print(
        f"numpy.busday_offset     : {rate(args.pairs, t_numpy):>12,.0f} ops/s (vectorized, days only)"
    )
    print(f"motcua / loop           : {t_loop / t_ours:>12.1f}x")
    print(f"numpy / motcua          : {t_ours / t_numpy:>12.1f}x")

    n90 = min(args.loop_pairs_90, args.pairs)
    starts90 = [(start, 90 * EIGHT_HOURS) for start, _ in pairs[:n90]]
    t0 = time.perf_counter()
    ours90 = [add_working_time(s, a, calendar) for s, a in starts90]
    t_ours90 = time.perf_counter() - t0
    t0 = time.perf_counter()
    loop90 = [loop_add(s, a, calendar) for s, a in starts90]
    t_loop90 = time.perf_counter() - t0
    loop_mismatch += sum(a != b for a, b in zip(ours90, loop90, strict=True))
    print(f"90-working-day limits ({n90} pairs):")
    print(f"  motcua                : {rate(n90, t_ours90):>12,.0f} ops/s")
    print(f"  day-by-day loop       : {rate(n90, t_loop90):>12,.0f} ops/s")
    print(f"  motcua / loop         : {t_loop90 / t_ours90:>12.1f}x")

    print(f"disagreements: numpy {numpy_mismatch}, loop {loop_mismatch}")
    if numpy_mismatch or loop_mismatch:
        for (start, n), a, b in zip(pairs, ours_days, numpy_days, strict=True):
            if a != b:
                print(f"  {start.isoformat()} + {n} working days: motcua {a}, numpy {b}")
                break
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
