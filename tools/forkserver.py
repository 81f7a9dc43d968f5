"""The forkserver that the harnesses fork app processes from.

Python starts one forkserver per process, with the modules that the first harness to use it
preloads. A later harness's preload list is ignored, so each of its children imports the
rest itself. For the kill -9 harness after the load test, that was a fifth of a second of
imports before each writer's first commit. Every harness asks for all of the modules.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

PRELOAD = [
    "workbook.store.db",
    "workbook.services",
    "workbook.store.migrate",
    "workbook.privacy.log",
    "tools.crashharness",
    "tools.loadharness",
    # the command line (tests.commands) and what its commands load when they run
    "workbook.launch",
    "workbook.cli",
    "workbook.demo",
    "workbook.archive",
    "workbook.transfer",
    "workbook.exchange.importer",
    "workbook.exchange.xlsx_export",
    "workbook.exchange.csv_export",
    "workbook.exchange.adopt",
    "workbook.exchange.calendar",
    "workbook.reports.documents",
    "workbook.privacy.erasure",
    "workbook.privacy.export",
    "alembic.command",
    "sqlalchemy.dialects.postgresql.psycopg",
]


def context() -> BaseContext:
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(PRELOAD)
    return forkserver
