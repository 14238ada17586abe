"""``motcua due-date``: compute a due date and explain it (the CLI contract of docs/deadlines.md).

First line: the due instant in ISO 8601 with offset; then the explanation, one fact a line.
``--json`` prints ``{"due_at": …, "explanation": […]}`` instead. Invalid input: exit code 2 and
one line on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from motcua.calendars.selectors import calendar_for_cli
from motcua.worktime import (
    VIETNAM,
    Limit,
    OutOfCalendarRangeError,
    Pause,
    due_date,
    render,
)

EXIT_INVALID = 2


class InvalidInputError(ValueError):
    pass


class OneLineParser(CommandParser):
    """Argument errors: one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"motcua due-date: {message}\n")
        raise SystemExit(EXIT_INVALID)


def parse_instant(text: str) -> dt.datetime:
    try:
        instant = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(f"not an ISO 8601 date and time: {text!r}") from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=VIETNAM)
    return instant


def parse_amount(text: str, option: str, *, whole: bool) -> Decimal:
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise InvalidInputError(f"{option} needs a number, got {text!r}") from None
    if not amount.is_finite() or amount <= 0:
        raise InvalidInputError(f"{option} must be greater than zero")
    if whole and amount != amount.to_integral_value():
        raise InvalidInputError(f"{option} must be a whole number")
    return amount


def parse_pause(text: str) -> Pause:
    start, sep, end = text.partition("/")
    if not sep or not start or not end:
        raise InvalidInputError(f"--pause needs START/END, got {text!r}")
    first, last = parse_instant(start), parse_instant(end)
    if last <= first:
        raise InvalidInputError(f"a pause must end after it starts: {text!r}")
    return Pause(first, last)


class Command(BaseCommand):
    help = "Compute a due date from a receipt instant and a time limit, and explain it."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        parser = OneLineParser(
            prog=f"{prog_name} due-date",
            description=self.help,
            missing_args_message=None,
            called_from_command_line=True,
            **kwargs,
        )
        self.add_base_argument(
            parser,
            "--verbosity",
            "-v",
            default=1,
            type=int,
            choices=[0, 1, 2, 3],
            help="Verbosity level.",
        )
        parser.add_argument("--settings", help=argparse.SUPPRESS)
        parser.add_argument("--pythonpath", help=argparse.SUPPRESS)
        parser.add_argument("--traceback", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--no-color", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--force-color", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--skip-checks", action="store_true", help=argparse.SUPPRESS)
        self.add_arguments(parser)
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--received", required=True, help="receipt instant, ISO 8601 (no offset: Vietnam time)"
        )
        limit = parser.add_mutually_exclusive_group(required=True)
        limit.add_argument("--working-days", help="limit in working days")
        limit.add_argument("--working-hours", help="limit in working hours")
        limit.add_argument("--calendar-days", help="limit in calendar days")
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="START/END",
            help="a pause (waiting for a supplement), repeatable",
        )
        parser.add_argument("--agency", help="agency identifier: use its own calendar and hours")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument(
            "--language",
            choices=["vi", "en"],
            default="vi",
            help="language of the explanation (default vi)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            received = parse_instant(options["received"])
            if options["working_days"] is not None:
                limit = Limit.working_days(
                    parse_amount(options["working_days"], "--working-days", whole=False)
                )
            elif options["working_hours"] is not None:
                limit = Limit.working_hours(
                    parse_amount(options["working_hours"], "--working-hours", whole=False)
                )
            else:
                days = parse_amount(options["calendar_days"], "--calendar-days", whole=True)
                limit = Limit.calendar_days(int(days))
            pauses = [parse_pause(text) for text in options["pause"]]
            calendar, _source = calendar_for_cli(options["agency"])
            result = due_date(received, limit, calendar, pauses=pauses)
        except (InvalidInputError, LookupError, OutOfCalendarRangeError) as error:
            self.fail(str(error))
        language = options["language"]
        if options["json"]:
            payload = {
                "due_at": result.due_at.isoformat(),
                "explanation": [
                    {**fact.as_dict(), "text": render(fact, language)} for fact in result.facts
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(result.due_at.isoformat())
        for fact in result.facts:
            self.stdout.write(render(fact, language))

    def fail(self, message: str) -> NoReturn:
        sys.stderr.write(f"motcua due-date: {message}\n")
        raise SystemExit(EXIT_INVALID)
