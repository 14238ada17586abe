"""The catalog's public read-only REST API (mounted under /api/v1/ by motcua/urls.py)."""
