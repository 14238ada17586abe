"""The public catalog of administrative procedures (thủ tục hành chính, R2)."""
