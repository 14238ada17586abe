"""Calendar data models (holiday decisions, office hours)."""
