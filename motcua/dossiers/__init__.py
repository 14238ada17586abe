"""The dossier aggregate (hồ sơ): lifecycle table, transitions, events, codes (R5)."""
