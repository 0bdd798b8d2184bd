"""Steppe's fetch stage."""
