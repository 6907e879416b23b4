import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
from tracker.config import settings_or_exit  # noqa: E402

settings_or_exit()
application = get_wsgi_application()
