"""Settings, read from the environment.

With no environment at all the tracker runs embedded: SQLite in the project
folder, Celery tasks run in process, DEBUG on. Production and CI set
``DATABASE_URL`` (PostgreSQL), ``REDIS_URL`` and ``SECRET_KEY``; bad values are
refused at start-up rather than guessed around.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()


def _number(name: str, default, kind=int, minimum=1):
    """A numeric setting: a number of ``kind`` at least ``minimum``, or start-up stops with a message
    naming the variable (never a traceback from a cast, never a guess)."""
    raw = env.str(name, default="")
    if raw.strip() == "":
        return default
    try:
        value = kind(raw.strip())
    except ValueError:
        word = "整数" if kind is int else "数"
        raise ImproperlyConfigured(f"{name} 应为{word},当前为 {raw!r}。") from None
    if value != value or value < minimum:  # NaN, or below the minimum
        raise ImproperlyConfigured(f"{name} 应不小于 {minimum},当前为 {raw!r}。")
    return value


DEBUG = env.bool("DEBUG", default=not env.bool("PRODUCTION", default=False))
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "tracker.apps.TrackerConfig",
    "targets.apps.TargetsConfig",
    "outcomes.apps.OutcomesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "tracker.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "tracker.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.context.roles",
            ],
        },
    },
]
WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", _number("CONN_MAX_AGE", 0, minimum=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Uploads: a document is at most UPLOAD_MAX_MB; the engine's own limits follow.
UPLOAD_MAX_MB = _number("UPLOAD_MAX_MB", 50)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ENGINE_LIMITS = {
    "max_bytes": UPLOAD_MAX_MB * 1024 * 1024,
    "max_pdf_pages": _number("MAX_PDF_PAGES", 500),
    "max_zip_ratio": _number("MAX_ZIP_RATIO", 100),
    # characters of text (about 30 long reports): a document at the cap parses and stores within a minute
    "max_chars": _number("MAX_CHARS", 2_000_000),
}

# Scoring thresholds (DOMAIN.md), passed into the engine as one object.
SCORING = {
    "met": _number("SCORE_MET", 1.0, float, 0),
    "met_approx": _number("SCORE_MET_APPROX", 0.95, float, 0),
    "partly": _number("SCORE_PARTLY", 0.5, float, 0),
    "link_min_similarity": _number("LINK_MIN_SIMILARITY", 0.5, float, 0),
    "low_confidence": _number("LOW_CONFIDENCE", 0.6, float, 0),
}
for _key, _value in SCORING.items():
    if not 0 <= _value <= 1:
        raise ImproperlyConfigured(f"Scoring threshold {_key} must be within [0, 1], got {_value}.")

# Celery: with no REDIS_URL, tasks run in process (eager) so a bare machine works.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must be a redis:// URL.")
if not DEBUG and not REDIS_URL:
    # without a broker every upload would be parsed inside its web request
    raise ImproperlyConfigured("生产环境(DEBUG 关闭)必须设置 REDIS_URL:没有消息队列时文档会在网页请求中解析。")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = _number("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_SOFT_TIME_LIMIT = _number("CELERY_TASK_SOFT_TIME_LIMIT", 540)
if CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_TASK_SOFT_TIME_LIMIT 应小于 CELERY_TASK_TIME_LIMIT"
                               "(软时限到时才能记录失败原因)。")
# a broker that does not answer is reported within seconds (an upload is kept, its parse sent later)
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 60,
                                   "socket_connect_timeout": 3, "socket_timeout": 10}
PARSE_SWEEP_SECONDS = _number("PARSE_SWEEP_SECONDS", 60)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "reparse-outdated": {"task": "tracker.tasks.reparse_outdated", "schedule": 3600.0},
    # uploads that waited for the broker, documents left 解析中 past their time limit (tracker.parsing)
    "sweep-documents": {"task": "tracker.tasks.sweep_documents", "schedule": float(PARSE_SWEEP_SECONDS)},
    "send-due-scorecards": {"task": "tracker.tasks.send_due_scorecards", "schedule": 300.0},
}

# django-axes: lock out after repeated failed logins.
AXES_FAILURE_LIMIT = _number("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
# one combination: a user's failures from one address lock that user at that address only (not
# everyone behind the same address, nor the user everywhere)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_COOLOFF_MESSAGE = "登录失败次数过多,账号已暂时锁定,请稍后再试。"
AXES_PERMALOCK_MESSAGE = "登录失败次数过多,账号已被锁定,请联系管理员解锁。"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# Security headers; production turns on the HTTPS-only ones.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _number("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Mail: EMAIL_URL (smtp://user:pass@host:587, smtp+tls://…, consolemail://) or EMAIL_BACKEND.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_TIMEOUT = _number("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="tracker@localhost")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("SITE_URL must start with http:// or https://")
CJK_FONT = env.str("CJK_FONT", default="")

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
