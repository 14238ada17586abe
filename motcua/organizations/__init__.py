"""Agencies (cơ quan) as a tree, their units, one-stop reception units and staff roles (R1)."""
