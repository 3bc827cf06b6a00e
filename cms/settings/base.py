"""Ketenkaart settings, read from environment variables with embedded defaults.

The defaults run the whole product with nothing installed: SQLite, the database search
backend, local media, a local-memory cache and email printed to the console. Production is
the same code with variables set (see README, "Configuration"). `DEBUG` is off unless asked.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Files shipped beside the repository (seed text, postcode areas, HSDS schemas, ADR rulesets).
SHARED_DIR = Path(env_str("KETENKAART_SHARED_DIR", str(BASE_DIR.parent / "shared")))
if not env_str("KETENKAART_SHARED_DIR") and not SHARED_DIR.is_dir():
    # A git worktree one level deeper (e.g. wt/<name>/) shares the same files.
    SHARED_DIR = next(
        (p / "shared" for p in BASE_DIR.parents if (p / "shared").is_dir()), SHARED_DIR
    )

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=true for local development)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cms",
    "journey",
    "directory",
    "search",
    "apiplatform",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "ninja",  # so ninja's docs use its bundled Swagger UI files, never a CDN
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "apiplatform.middleware.ApiConventionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_context",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: SQLite by default, anything dj-database-url understands via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: readers keep reading while a writer works (a search index rebuild, an import) and a
    # big write does not copy every page it replaces into a rollback journal first. IMMEDIATE
    # transactions take the write lock up front instead of failing halfway with "locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_TIMEOUT", 20),
        }
    )
if DATABASE_IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; Redis through CACHE_URL or REDIS_URL.
_cache_url = env_str("CACHE_URL") or env_str("REDIS_URL")
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": "ketenkaart",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
elif _cache_url.startswith("dummy://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ketenkaart",
        }
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Background tasks (django-tasks, as Wagtail 8 uses it): run immediately by default, or in the
# database with a worker (`manage.py db_worker`) when TASKS_BACKEND=database.
_tasks_backend = env_str("TASKS_BACKEND", "immediate")
if _tasks_backend == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif _tasks_backend == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Dutch first; every user-facing string goes through gettext.
# The public site is Dutch (no LocaleMiddleware), so the interface language always matches
# <html lang="nl"> and the Dutch content (WCAG 3.1.1); the Wagtail admin follows each user's
# own language preference. The English catalogue is ready for an English site later.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# Static files: whitenoise serves them; front-end libraries are vendored, never a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media on S3-compatible storage when a bucket is configured (django-storages, installed on demand).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_QUERYSTRING_AUTH = False

# Email: printed to the console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ketenkaart <noreply@ketenkaart.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict by default when DEBUG is off; behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER via USE_X_FORWARDED_PROTO.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Deliberate deviations from `check --deploy`: Wagtail's preview shows pages in a same-origin
# iframe of the admin, so X_FRAME_OPTIONS stays SAMEORIGIN (W019); HSTS preloading commits the
# domain for a long time and is the operator's opt-in through SECURE_HSTS_PRELOAD (W021).
SILENCED_SYSTEM_CHECKS = ["security.W019"] + ([] if SECURE_HSTS_PRELOAD else ["security.W021"])

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Ketenkaart")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com in the admin: nothing is loaded from the internet at run time.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
# The page API serves rich text as display HTML (internal links resolved), not database HTML.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# Our APIs (apiplatform/README.md). Rate limits per minute, in fixed one-minute windows on the
# cache: anonymous clients per IP address, a new API key's default (editors change it per key).
API_ANON_RATE_PER_MINUTE = env_int("API_ANON_RATE_PER_MINUTE", 60, minimum=1)
API_KEY_DEFAULT_RATE_PER_MINUTE = env_int("API_KEY_DEFAULT_RATE_PER_MINUTE", 600, minimum=1)
# Only behind a proxy that sets X-Forwarded-For: count the client, not the proxy.
API_TRUST_X_FORWARDED_FOR = env_bool("API_TRUST_X_FORWARDED_FOR", False)
# A release identifier that is part of every ETag (e.g. the git commit of the deploy).
API_RELEASE = env_str("API_RELEASE", "")
# Webhook deliveries: attempts in total, first retry delay (doubling), timeout of one attempt.
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 6, minimum=1)
WEBHOOK_BACKOFF_SECONDS = env_int("WEBHOOK_BACKOFF_SECONDS", 30, minimum=1)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5, minimum=1)

# Uploads: documents on an allow-list, checked by content (cms/validators.py); images capped in
# bytes and in pixels so a decompression bomb is refused before it is decoded.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Custom media models (cms/models/media.py): images require alt text; both are content-checked.
# Reference them with wagtail.images.get_image_model_string() / wagtail.documents's
# get_document_model_string(), never "wagtailimages.Image".
WAGTAILIMAGES_IMAGE_MODEL = "cms.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "cms.CustomDocument"

# Search: Wagtail's database backend for pages by default; Wagtail's Elasticsearch backend with
# the same ELASTICSEARCH_URL when configured. The directory search (search/) reads the same URL.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "ketenkaart")
# Server processes (cms/wsgi.py) warm the directory search in the background at start.
SEARCH_WARM_ON_START = env_bool("SEARCH_WARM_ON_START", True)
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}-pages-",
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": {"default": {"type": "dutch"}}}}
            },
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "dutch" if DATABASE_IS_POSTGRES else None,
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Partner directory plugins (directory/plugins/, docs/plugins.md). The built-in extras are
# listed here exactly as a third-party plugin would be; installed distributions join through the
# "ketenkaart.directory" entry-point group. Plugins that are Django apps (an apps.py beside the
# plugin module) are added to INSTALLED_APPS, so their models and migrations just work.
from directory.plugins.discovery import plugin_apps, plugin_modules  # noqa: E402

DIRECTORY_PLUGINS = env_list(
    "DIRECTORY_PLUGINS",
    [
        "directory.plugins.opening_hours.plugin",
        "directory.plugins.languages.plugin",
        "directory.plugins.vacancies.plugin",
        "directory.plugins.hsds.plugin",
        "directory.importers.plugin",
    ],
)
DIRECTORY_PLUGIN_ENTRY_POINTS = env_bool("DIRECTORY_PLUGIN_ENTRY_POINTS", True)
INSTALLED_APPS += [
    app
    for app in [
        "directory.plugins",
        "directory.public",
        *plugin_apps(plugin_modules(DIRECTORY_PLUGINS, DIRECTORY_PLUGIN_ENTRY_POINTS)),
    ]
    if app not in INSTALLED_APPS
]
# Public directory map: tile URL template (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png).
# Empty (the default, and in tests) means no tiles: markers on a blank map plus a text list, so
# nothing is fetched from the internet unless an operator chooses a tile server.
DIRECTORY_MAP_TILE_URL = env_str("DIRECTORY_MAP_TILE_URL", "")
DIRECTORY_MAP_ATTRIBUTION = env_str("DIRECTORY_MAP_ATTRIBUTION", "")
# "Report an error" on organisation pages: reports per visitor (IP) per hour.
DIRECTORY_REPORT_RATE_LIMIT = env_int("DIRECTORY_REPORT_RATE_LIMIT", 5)

# Partner directory core (directory/README.md): profile reviews, invitations, geocoding.
# Members are asked to review their profile when it was not reviewed for this many days
# (`manage.py send_review_reminders`, run daily).
DIRECTORY_REVIEW_INTERVAL_DAYS = env_int("DIRECTORY_REVIEW_INTERVAL_DAYS", 180)
DIRECTORY_INVITATION_VALID_DAYS = env_int("DIRECTORY_INVITATION_VALID_DAYS", 7)
# Geocoder for postcodes: "postcode_area" (offline, nl-pc4.csv) or "pdok" (PDOK Locatieserver,
# cached, falls back to the offline table; never used by the tests or the default run).
DIRECTORY_GEOCODER = env_str("DIRECTORY_GEOCODER", "postcode_area")
DIRECTORY_PDOK_URL = env_str(
    "DIRECTORY_PDOK_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
)
# Base URL for links in emails (defaults to WAGTAILADMIN_BASE_URL).
DIRECTORY_SITE_URL = env_str("DIRECTORY_SITE_URL", "")
