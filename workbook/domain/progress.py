"""Progress and cancellation for long operations, as plain objects (CLI and UI alike)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from workbook.domain.errors import KnownError


class Cancelled(KnownError):
    code = "cancelled"
    template = "Cancelled; nothing was changed."


@dataclass
class Progress:
    """Written by the worker, read by whoever shows it; ``cancel()`` asks the worker to stop."""

    done: int = 0
    total: int = 0
    message: str = ""
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)

    def update(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Report progress; raises Cancelled if the user asked to stop."""
        self.done = done
        if total is not None:
            self.total = total
        if message is not None:
            self.message = message
        self.check()

    def step(self, message: str | None = None) -> None:
        self.update(self.done + 1, message=message)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0
