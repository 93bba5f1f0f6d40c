"""``python -m extractor`` works like the ``extractor`` command."""

from extractor.cli import main

main()
