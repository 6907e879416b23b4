"""The tracker project. The Celery app lives in ``tracker.celery`` and is loaded by
``TrackerConfig.ready``, so that importing the pure engine (``tracker.core``)
never pulls in Django or Celery."""
