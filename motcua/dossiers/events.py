"""The hash chain of dossier events: canonical JSON and SHA-256 (pure).

Each event's hash covers its content and the previous event's hash, so changing, inserting or
removing an event breaks every later link (``motcua dossiers verify`` finds it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # UTC with microseconds: the same instant always gives the same text.
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def canonical_json(content: Mapping[str, Any]) -> str:
    """Sorted keys, no spaces, UTF-8 text: one byte string per content.

    >>> canonical_json({"b": 1, "a": "ồ"})
    '{"a":"ồ","b":1}'
    """
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def event_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of an event's content (which includes the previous hash)."""
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainBreak:
    sequence: int
    problem: str


def chain_breaks(events: Iterable[tuple[Mapping[str, Any], str]]) -> list[ChainBreak]:
    """Check ``(content, stored hash)`` pairs in sequence order; return every break found."""
    breaks: list[ChainBreak] = []
    previous = GENESIS_HASH
    expected_sequence = 1
    for content, stored in events:
        sequence = int(content["sequence"])
        if sequence != expected_sequence:
            breaks.append(ChainBreak(sequence, f"expected sequence {expected_sequence}"))
        if content["previous_hash"] != previous:
            breaks.append(ChainBreak(sequence, "previous hash does not match"))
        if event_hash(content) != stored:
            breaks.append(ChainBreak(sequence, "content does not match its hash"))
        previous = stored
        expected_sequence = sequence + 1
    return breaks
