"""Steppe: a self-hosted news and rates desk for Central Asia."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("steppe")  # one place: pyproject.toml
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+unknown"
