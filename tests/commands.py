"""The ``workbook`` command run as a process of its own, started quickly.

A command run with ``python -m workbook`` spends most of a second starting Python and
loading SQLAlchemy, the models and the services before it does anything. These tests run
dozens of commands, so each one is a child forked from a server process that has loaded the
command line once (``tools.forkserver``): a process of its own all the same, with its own
arguments, environment, working folder, standard input and output, exit code and locks,
running the same ``workbook.launch.main`` the console script runs. What only a fresh
interpreter shows (the console script itself, ``--help`` before anything loads) is tested
with a real ``subprocess`` where it matters (``test_cli``, ``test_start_up_loads_only...``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tools.forkserver import context


def _child(argv: list[str], env: dict[str, str], cwd: str, streams: list[str]) -> None:
    """In the child: the environment, folder and standard streams given, then the command."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    for fd, (name, mode) in enumerate(
        zip(streams, (os.O_RDONLY, os.O_WRONLY, os.O_WRONLY), strict=True)
    ):
        opened = os.open(name, mode)
        os.dup2(opened, fd)
        os.close(opened)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - the process's own
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.argv = ["workbook", *argv]
    from workbook.launch import main

    try:
        code = main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    sys.exit(code)


def workbook(
    *args: str,
    stdin: str = "",
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``workbook ARGS`` as a process of its own, as ``subprocess.run`` would report it:
    ``env`` is the whole environment (the test's own by default)."""
    argv = [str(a) for a in args]
    with tempfile.TemporaryDirectory(prefix="workbook-command-") as folder:
        streams = [os.path.join(folder, name) for name in ("in", "out", "err")]
        for name, text in zip(streams, (stdin, "", ""), strict=True):
            Path(name).write_text(text, encoding="utf-8")
        child = context().Process(
            target=_child,
            args=(argv, dict(os.environ if env is None else env), str(cwd or os.getcwd()), streams),
        )
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(["workbook", *argv], timeout)
        out, err = (Path(name).read_text(encoding="utf-8") for name in streams[1:])
    return subprocess.CompletedProcess(["workbook", *argv], child.exitcode, out, err)


def run_at(database: str | Path, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``workbook --db DATABASE ARGS``."""
    return workbook("--db", str(database), *args, **kwargs)
