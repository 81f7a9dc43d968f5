"""``python -m workbook`` runs the command line."""

import sys

from workbook.cli import main

if __name__ == "__main__":  # not when a child process imports it (multiprocessing)
    sys.exit(main())
