"""motcua: electronic one-stop-shop system for Vietnamese public administrative procedures."""

__version__ = "0.1.0"
