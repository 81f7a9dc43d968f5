"""Peak memory of this process since it started."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_mb() -> float:
    """The high-water mark of this process's resident memory, in MB.

    ``ru_maxrss`` survives ``exec``: a child started by a big parent would report the
    parent's peak. Linux's ``VmHWM`` belongs to the new program, so it is used where it exists.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
