"""Entry point of the bundled application: the ``workbook`` command (no arguments: the app)."""

import multiprocessing
import sys

from workbook.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
