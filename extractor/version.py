"""The package version, in one place (the rule cache key includes it)."""

__version__ = "0.1.0"
