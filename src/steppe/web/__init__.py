"""Steppe's web stage."""
