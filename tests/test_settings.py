"""Bad settings stop start-up with one line naming the variable: no traceback, no guess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {"PRODUCTION": "true", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "tracker.example.org"}


def start(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PRODUCTION", "DEBUG")}
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("env, message", [
    ({"UPLOAD_MAX_MB": "abc"}, "UPLOAD_MAX_MB 应为整数,当前为 'abc'"),
    ({"MAX_PDF_PAGES": "-5"}, "MAX_PDF_PAGES 应不小于 1"),
    ({"MAX_ZIP_RATIO": "0"}, "MAX_ZIP_RATIO 应不小于 1"),
    ({"UPLOAD_MAX_MB": "1.5"}, "UPLOAD_MAX_MB 应为整数"),
    ({"SCORE_PARTLY": "half"}, "SCORE_PARTLY 应为数"),
    ({"SCORE_MET": "nan"}, "SCORE_MET 应不小于 0"),
    ({"CELERY_TASK_SOFT_TIME_LIMIT": "700"}, "CELERY_TASK_SOFT_TIME_LIMIT 应小于 CELERY_TASK_TIME_LIMIT"),
    (PRODUCTION, "必须设置 REDIS_URL"),
])
def test_bad_settings_stop_with_a_message(env, message):
    run = start(**env)
    assert run.returncode == 2, run.stdout + run.stderr
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_good_settings_start():
    assert start(UPLOAD_MAX_MB="20", MAX_PDF_PAGES="100").returncode == 0
    run = start(**PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/0")
    assert run.returncode == 0, run.stderr
