"""What the system must have for the window to open, said before Qt would abort without it.

On a minimal Debian or Ubuntu, Qt's X11 platform plugin cannot load and Qt ends the process
(exit code 134) with a message that names the wrong library. The libraries are looked for
first, by loading them as Qt would, and the packages that have them are named.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: What Qt's window needs on Linux: the library Qt loads, and the Debian/Ubuntu package that
#: has it. README.md names the same packages, and .ci/run installs exactly these.
EVERY_PLATFORM = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
}
X11 = {
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def missing_packages(platform: str | None = None) -> list[str]:
    """The packages whose libraries the window needs and cannot load (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    platform = platform if platform is not None else os.environ.get("QT_QPA_PLATFORM", "")
    needed = dict(EVERY_PLATFORM)
    if platform in ("", "xcb") or platform.startswith("xcb:"):
        needed.update(X11)
    missing = []
    for library, package in needed.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def refusal(packages: list[str]) -> str:
    """Why the window cannot open, and the command that makes it possible (in English and,
    as the language of the app cannot be loaded yet, German)."""
    command = "sudo apt-get install " + " ".join(packages)
    return (
        "Alliance Workbook cannot open its window: the system lacks libraries that Qt needs "
        f"for it. On Debian or Ubuntu, install them with:\n\n    {command}\n\n"
        "Alliance Workbook kann sein Fenster nicht öffnen: Dem System fehlen Bibliotheken, "
        "die Qt dafür braucht. Unter Debian oder Ubuntu installieren Sie sie mit dem Befehl "
        "oben."
    )
