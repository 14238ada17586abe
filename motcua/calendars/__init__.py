"""Working calendars as data: official holiday decisions and office hours per agency (R4).

The arithmetic lives in the pure ``motcua.worktime`` package; this app stores its inputs.
"""
