"""Start-up: bad settings stop the program with their message, not a traceback.

``manage.py``, the WSGI application and the Celery app call ``settings_or_exit`` before
anything else, so ``UPLOAD_MAX_MB=abc`` prints one line naming the variable and exits 2.
"""

from __future__ import annotations

import os
import sys


def settings_or_exit() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads and checks the settings module)
    except ImproperlyConfigured as exc:
        print(f"配置错误(settings):{exc}", file=sys.stderr)
        raise SystemExit(2) from None
