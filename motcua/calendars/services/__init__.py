"""Writes to calendar data and the recomputation of deadlines after a change."""
