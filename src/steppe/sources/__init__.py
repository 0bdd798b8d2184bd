"""Steppe's sources stage."""
