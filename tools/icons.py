"""Render the application icon (resources/icons/alliance-workbook.svg) to PNG sizes.

python -m tools.icons      # writes resources/icons/alliance-workbook-<size>.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
INSTALLER = ICONS.parent.parent / "installer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "alliance-workbook.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"alliance-workbook-{size}.png"))
        if size == 256:  # Windows and macOS want their own containers
            image.save(str(INSTALLER / "windows" / "alliance-workbook.ico"))
        if size == 512:
            image.save(str(INSTALLER / "macos" / "alliance-workbook.icns"))
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
