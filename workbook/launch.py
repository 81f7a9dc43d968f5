"""The ``workbook`` command: the app when no command is given, the command line otherwise.

The app starts without loading the command line, which needs SQLAlchemy, the models and the
services: its first window paints before they load (``workbook.first_page``), and they load
while it shows. Anything else (a command, ``--help``, ``--version``) goes to ``workbook.cli``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--db")
    options.add_argument("--member")
    options.add_argument("-v", "--verbose", action="store_true")
    known, rest = options.parse_known_args(args)
    if rest:
        from workbook.cli import main as command_line

        return command_line(args)
    try:
        from ui.app import run
    except ImportError as exc:  # pragma: no cover - only without the UI extra
        print(f"The desktop app is not available: {exc}", file=sys.stderr)
        return 1
    return run(db_location=known.db, member=known.member)


if __name__ == "__main__":
    sys.exit(main())
