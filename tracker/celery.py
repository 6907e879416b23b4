"""The Celery app: JSON only, late acks, one task at a time per worker process."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_process_init, worker_ready

from tracker.config import settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
settings_or_exit()

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def task(name: str):
    """The task ``tracker.tasks.<name>``, looked up by name: services and ``parsing`` queue work
    without importing the module whose tasks call them (tasks → services, never back).
    ``TrackerConfig.ready`` registers the tasks in every process that has Django."""
    return app.tasks[f"tracker.tasks.{name}"]


@worker_process_init.connect
def _warm_up(**kwargs) -> None:
    """Load jieba's dictionary when a pool process starts, not inside a task's time limit (its loader
    catches every exception, so a soft time limit arriving there would be swallowed)."""
    from tracker.core.indicators import segment

    segment("预热")


@worker_ready.connect
def _sweep_on_start(sender=None, **kwargs) -> None:
    """A worker that starts (or comes back with the broker) sends what waited for it."""
    try:
        task("sweep_documents").delay()
    except Exception:  # the beat's sweep will do it
        pass
