"""Every Python process of a test run, days ahead of the real date.

With ``WORKBOOK_TEST_DAYS_AHEAD=730`` and this folder on ``PYTHONPATH`` (``.ci/run``), each
Python process the tests start, the test run itself and every ``workbook`` command it runs,
lives two years ahead: the wall clock, ``date.today()`` and ``datetime.now()`` move, while
the monotonic clock, sleeps and timeouts stay real (time-machine). No test may depend on
the day it runs.
"""

import os

_days = os.environ.get("WORKBOOK_TEST_DAYS_AHEAD")
if _days:
    import datetime as _datetime

    import time_machine

    _ahead = _datetime.datetime.now(_datetime.UTC) + _datetime.timedelta(days=int(_days))
    time_machine.travel(_ahead, tick=True).start()
