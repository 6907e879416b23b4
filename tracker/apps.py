from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _groups(sender, **kwargs) -> None:
    from tracker.access import ensure_groups

    ensure_groups()


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "文档与发布单位"

    def ready(self) -> None:
        from tracker import tasks  # noqa: F401  (registered here: services queue them by name)
        from tracker.celery import app  # noqa: F401  (shared tasks bind to the project's app)

        post_migrate.connect(_groups, sender=self)
