"""Rules of a process definition. Pure: no ORM.

>>> from decimal import Decimal as D
>>> process_errors([StepShape(1, "specialist", D(60), False), StepShape(2, "leader", D(40), True)])
[]
>>> process_errors([StepShape(1, "specialist", D(60), False)])
['shares add up to 60, not 100']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

TOTAL_SHARE = Decimal(100)


@dataclass(frozen=True, slots=True)
class StepShape:
    position: int
    role: str
    share_percent: Decimal
    is_approval: bool


def process_errors(steps: Sequence[StepShape]) -> list[str]:
    """What is wrong with an ordered list of steps (empty when it is a valid process).

    A process has at least one step, positions 1…n without gaps, positive shares that add up to
    100 % of the time limit, and approval only by a leader.
    """
    if not steps:
        return ["a process needs at least one step"]
    errors = []
    positions = sorted(s.position for s in steps)
    if positions != list(range(1, len(steps) + 1)):
        errors.append("steps must be numbered 1 to n without gaps")
    if any(s.share_percent <= 0 for s in steps):
        errors.append("every share must be positive")
    total = sum((s.share_percent for s in steps), Decimal(0))
    if total != TOTAL_SHARE:
        errors.append(f"shares add up to {total.normalize():f}, not 100")
    if any(s.is_approval and s.role != "leader" for s in steps):
        errors.append("only a leader approves")
    return errors


def cumulative_shares(shares: Sequence[Decimal]) -> list[Decimal]:
    """The share of the time limit used up at the end of each step.

    >>> cumulative_shares([Decimal(20), Decimal(50), Decimal(30)])
    [Decimal('20'), Decimal('70'), Decimal('100')]
    """
    total, out = Decimal(0), []
    for share in shares:
        total += share
        out.append(total)
    return out
