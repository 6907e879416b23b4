"""The engine is pure Python: importing every module of tracker.core loads no Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_engine_imports_no_django():
    code = (
        "import sys, pkgutil, importlib, tracker.core as c\n"
        "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('tracker.core.' + m.name)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('django', 'celery'))\n"
        "print(','.join(bad)); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"engine imported: {result.stdout} {result.stderr}"
