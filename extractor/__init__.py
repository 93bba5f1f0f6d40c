"""extractor: a rule-based fact extractor for Arabic news.

The public, pure entry points (used by the CLI, worker processes and
distributed engines) are re-exported here.
"""

from extractor.pipeline import extract_partition, extract_record
from extractor.version import __version__

__all__ = ["__version__", "extract_partition", "extract_record"]
