"""Long work off the UI thread: one worker, results back on the GUI thread by signal.

``Operation(parent, fn).success(cb).failure(cb).run(label=...)``: ``fn(progress)`` runs on the
single worker; a progress dialog appears after 600 ms, polls every 100 ms, and its Cancel button
sets the Progress object's cancel flag, which the core checks between steps.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget, QWizardPage

from ui.errors import describe, excepthook, show_known
from ui.labels import progress_words
from workbook.domain.errors import KnownError
from workbook.domain.progress import Cancelled, Progress

log = logging.getLogger(__name__)


def collect_garbage() -> None:
    """Collect Python's cyclic garbage here, on the GUI thread, by the interpreter's own
    thresholds. Collected on the worker, a Qt object's wrapper would be destroyed there, and
    destroying it takes Qt's signal lock and then the GIL while the GUI thread, holding the
    GIL, waits for that lock: both stop (seen as a hung start-up). So while the worker
    exists, automatic collection is off and a timer collects here (as Anki's ``aqt`` does)."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


class TaskRunner(QObject):
    """The one worker thread of the app (one writer per process)."""

    _finished = Signal(object, object)  # future, callback

    def __init__(self) -> None:
        super().__init__()
        gc.disable()  # collected on this (the GUI) thread: see ``collect_garbage``
        self._collector = QTimer(self, interval=500)
        self._collector.timeout.connect(collect_garbage)
        self._collector.start()
        self._executor: ThreadPoolExecutor | None = None
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.running = 0
        #: submitted and not yet delivered, reads included (``idle``)
        self.pending = 0

    def submit(
        self, fn: Callable[[], Any], done: Callable[[Future[Any]], None], *, counts: bool = True
    ) -> Future[Any]:
        """Run ``fn`` on the worker; ``done`` gets its future on the UI thread. A read that
        only fills a view (``counts=False``) does not hold up closing the window."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbook-db")
        self.running += int(counts)
        self.pending += 1
        future = self._executor.submit(fn)
        future.add_done_callback(lambda f: self._finished.emit(f, (done, counts)))
        return future

    def _deliver(self, future: Future[Any], target: tuple[Callable[..., None], bool]) -> None:
        done, counts = target
        self.running -= int(counts)
        try:
            if future.cancelled() and not counts:
                return  # the app is stopping: a read that only fills a view has nobody to tell
            owner = getattr(done, "__self__", None)
            if isinstance(owner, QObject) and not shiboken6.isValid(owner):
                return  # its window was closed and deleted while the worker ran
            done(future)  # what it starts in turn is pending before this one is done
        finally:
            self.pending -= 1

    @property
    def idle(self) -> bool:
        """Nothing submitted is waiting to run or to be delivered."""
        return self.pending == 0

    def wait_idle(self) -> None:
        """Wait until everything submitted so far has run (before the database closes)."""
        if self._executor is not None:
            self._executor.submit(lambda: None).result()

    def run_now(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` on the worker after what is queued, and wait for it (the window is
        already gone: the last sync before the app ends)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbook-db")
        return self._executor.submit(fn).result()

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._collector.stop()
        gc.enable()  # no worker: collection may happen anywhere again


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    global _runner
    if _runner is None:
        _runner = TaskRunner()
    return _runner


def settle(timeout: float = 30.0) -> None:
    """Handle events until the worker has run and delivered everything submitted (a
    benchmark's or a script's way to wait as a person waits for the window)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while not runner().idle:
        if time.monotonic() > deadline:
            raise TimeoutError("the database worker did not finish")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def shutdown() -> None:
    global _runner
    if _runner is not None:
        _runner.shutdown()
        _runner = None


class Operation:
    """A long operation with a progress dialog and Cancel; callbacks run on the GUI thread."""

    def __init__(self, parent: QWidget | None, fn: Callable[[Progress], Any]) -> None:
        self._parent, self._fn = parent, fn
        self._on_success: Callable[[Any], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] | None = None
        self.progress = Progress()
        self.dialog: QProgressDialog | None = None
        self.future: Future[Any] | None = None

    def success(self, callback: Callable[[Any], None]) -> Operation:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation:
        self._on_failure = callback
        return self

    def run(self, *, label: str, delay_ms: int = 600) -> Operation:
        dialog = QProgressDialog(label, QProgressDialog.tr("Cancel"), 0, 1000, self._parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(delay_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.progress.cancel)
        self.dialog = dialog
        self._timer = QTimer(dialog, interval=100)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        self.future = runner().submit(lambda: self._fn(self.progress), self._finish)
        return self

    def _poll(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if self.progress.message:
            dialog.setLabelText(progress_words(self.progress.message))
        # last: a modal progress dialog handles pending events in setValue, which may be the
        # work's end (``_finish``), after which the dialog is gone
        dialog.setValue(int(self.progress.fraction * 1000))

    def _finish(self, future: Future[Any]) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        error = future.exception()
        if error is None:
            self._on_success(future.result())
        elif self._on_failure is not None:
            self._on_failure(error)
        elif isinstance(error, Cancelled):
            log.info("Cancelled by the user")
        elif isinstance(error, KnownError):
            show_known(self._parent, error)
        else:
            excepthook(type(error), error, error.__traceback__)


class WorkingPage(QWizardPage):
    """A wizard page whose Next (or Finish) runs its work off the UI thread, with progress
    and Cancel; a failure the user can act on is said on the page, in ``self.error``."""

    error: QLabel
    _ready = False

    def resumed(self) -> bool:
        """True once, when the page's work is done and the wizard moves on (validatePage)."""
        ready, self._ready = self._ready, False
        return ready

    def start_then_next(
        self, work: Callable[[Progress], Any], label: str, done: Callable[[Any], None]
    ) -> bool:
        """``start``, then move the wizard to its next page once ``done`` has the result."""

        def finished(result: Any) -> None:
            done(result)
            self._ready = True
            self.wizard().next()

        return self.start(work, label, finished)

    def start(
        self, work: Callable[[Progress], Any], label: str, done: Callable[[Any], None]
    ) -> bool:
        """Run ``work``; call ``done`` with its result on the UI thread. Returns False, so that
        ``validatePage`` waits for the result."""

        def finished(result: Any) -> None:
            self.setEnabled(True)
            done(result)

        self.error.clear()
        self.setEnabled(False)
        self.operation = (
            Operation(self, work).success(finished).failure(self._failed).run(label=label)
        )
        return False

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(error, KnownError):
            raise error
        self.error.setText(describe(error))
