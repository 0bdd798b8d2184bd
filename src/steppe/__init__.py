"""Steppe: a self-hosted news and rates desk for Central Asia."""

__version__ = "0.1.0"
