"""Entry point of the bundled application: the ``workbook`` command (no arguments: the app).

Started with ``--read-spreadsheet``, it is the child process that reads a spreadsheet for
the app (``workbook.exchange.sandbox``), and loads nothing else.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--read-spreadsheet"]:
        from workbook.exchange.sandbox import main as read

        sys.exit(read(sys.argv[2:]))
    from workbook.launch import main

    sys.exit(main())
