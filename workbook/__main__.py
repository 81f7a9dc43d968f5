"""``python -m workbook`` is the ``workbook`` command: the app, or the command given."""

import sys

from workbook.launch import main

if __name__ == "__main__":  # not when a child process imports it (multiprocessing)
    sys.exit(main())
