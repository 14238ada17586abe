"""Shared base: domain errors, problem+json rendering, text folding, site context."""
