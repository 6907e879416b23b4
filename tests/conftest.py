"""Shared fixtures. Tests marked ``postgres`` or ``redis`` need those services:
they skip on a bare machine and fail under ``CI=true`` when unreachable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def seed_text(name: str) -> str:
    return next(SEEDS.glob(f"{name}*")).read_text(encoding="utf-8")


def _require(what: str, ok: bool, why: str) -> None:
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{what} unreachable in CI: {why}")
    pytest.skip(f"{what} not available: {why}")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres"):
        engine = settings.DATABASES["default"]["ENGINE"]
        _require("PostgreSQL", "postgresql" in engine, f"DATABASE_URL gives {engine}")
    if item.get_closest_marker("redis"):
        _require("Redis", bool(settings.REDIS_URL) and _redis_ping(), f"REDIS_URL={settings.REDIS_URL!r}")


def _redis_ping() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping())
    except Exception:
        return False


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in process unless a test asks for the real worker (``celery_worker``)."""
    from tracker.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
