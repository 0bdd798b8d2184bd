"""Shared text primitives: folding, scripts, numbers, language and charset decisions."""
