"""Translation sources and catalogues.

python -m tools.i18n update    # pyside6-lupdate: ui/**/*.py -> resources/translations/*.ts
python -m tools.i18n release   # pyside6-lrelease: *.ts -> *.qm (the build step)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("de",)


def update() -> None:
    tool = shutil.which("pyside6-lupdate")
    if tool is None:
        raise SystemExit("pyside6-lupdate not found: pip install PySide6")
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    for language in LANGUAGES:
        target = TRANSLATIONS / f"workbook_{language}.ts"
        subprocess.run(
            [
                tool,
                "-no-obsolete",
                "-locations",
                "none",
                "-tr-function-alias",
                "tr+=_t",
                *sources,
                "-ts",
                str(target.relative_to(ROOT)),
            ],
            check=True,
            cwd=ROOT,
        )


def release() -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from ui.i18n import compile_translations

    return compile_translations(TRANSLATIONS, TRANSLATIONS)


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "release":
        for qm in release():
            print(f"compiled {qm.relative_to(ROOT)}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
