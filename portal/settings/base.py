"""Settings shared by every environment; values that differ come from the environment."""

from django.utils.translation import gettext_lazy as _

from portal.settings.environment import BASE_DIR, env

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL")

INSTALLED_APPS = [
    "portal",
    "portal.accounts",
    "portal.organizations",
    "portal.audit",
    "matching",
    "cms",
    "services_catalog",
    "volunteers",
    "employment",
    "casework",
    "procurement",
    "reports",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous public pages before the rest runs (it applies the hostile-input rule
    # itself); stores them with the headers the middleware below adds.
    "portal.cache.PublicPageCacheMiddleware",
    "portal.middleware.PreferredLanguageMiddleware",
    # Before sessions: a NUL in a cookie or parameter never reaches them.
    "portal.middleware.HostileInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PrivateResponseMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.StaffSessionMiddleware",
    "portal.accounts.middleware.MfaRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_frame",
            ],
        },
    },
]

SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(env("DATABASE_URL") or SQLITE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "portal.accounts.backends.ModelBackend",
    "portal.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "portal.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
# A signed-in user sent to the login page (Wagtail does so when they lack admin access) sees it
# with the reason, to sign in as someone else, instead of being sent back in a redirect loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.VolunteerSignupForm"
# Every login goes through allauth: Wagtail's and Django's admin logins redirect to it.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Staff (caseworkers, agency managers, oversight, superusers) activate TOTP before anything else.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Henan reintegration marketplace"
# Staff sessions end at browser close and after this many minutes without a request.
STAFF_SESSION_IDLE_MINUTES = env("STAFF_SESSION_IDLE_MINUTES")
# Rate-limit counters must be shared by every worker: Redis when CACHE_URL is set, else the
# database cache (its table is created by `migrate`).
CACHE_URL = env("CACHE_URL")
CACHES = {
    "default": env.cache_url_config(CACHE_URL)
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
}
# Anonymous public pages and the site frame (portal/cache.py): the same Redis when CACHE_URL is
# set, else each worker's memory; the generation that invalidates them lives in "default".
CACHES["public"] = (
    env.cache_url_config(CACHE_URL)
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public"}
)
PUBLIC_CACHE_ALIAS = "public"
# The generation that invalidates them, read on every hit: Redis with CACHE_URL, else a file
# read by every worker of this host (no database round trip). Several hosts: set CACHE_URL.
CACHES["generation"] = (
    env.cache_url_config(CACHE_URL)
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": f"{env('PRIVATE_MEDIA_ROOT')}/public-cache-generation",
    }
)
PUBLIC_CACHE_GENERATION_ALIAS = "generation"
PUBLIC_CACHE_SECONDS = env("PUBLIC_CACHE_SECONDS")
PUBLIC_CACHE_VIEWS = [
    "wagtail_serve",
    "services_catalog:catalog",
    "hsds:*",
    "employment:job_board",
    "employment:entrepreneurship_list",
    "employment:fair_list",
    "employment:fair_detail",
    "cms:search",
]
# Models whose changes public pages show, beyond Wagtail pages and settings.
PUBLIC_CACHE_MODELS = [
    "matching.Category",
    "matching.OfferCapacity",
    "organizations.Organization",
    "cms.NavigationItem",
    "cms.FooterLink",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# CMS pages have translations (wagtail.contrib.simple_translation); offers stay in the
# provider's language. Pages without an English version are served in Chinese (cms.HomePage).
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
# Identity documents, certificates, contracts: a storage no URL maps to (see portal/files.py).
# Replace its BACKEND with an S3-compatible django-storages backend to keep them off the disk.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT")
# Who sends private files: "django", or the web server: "x-accel-redirect" (nginx) or
# "x-sendfile" (Apache); nginx maps PRIVATE_MEDIA_INTERNAL_URL as an internal location.
PRIVATE_MEDIA_SERVE = env("PRIVATE_MEDIA_SERVE")
PRIVATE_MEDIA_INTERNAL_URL = env("PRIVATE_MEDIA_INTERNAL_URL")
PRIVATE_STORAGE = {"BACKEND": "portal.files.PrivateFileSystemStorage"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The longest single value a form may post (outside the admin sites) or a query string carry;
# anything longer is refused with 400 (portal.middleware.HostileInputMiddleware).
REQUEST_VALUE_MAX_LENGTH = 20_000
QUERY_VALUE_MAX_LENGTH = 2_000
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Headers. No inline script anywhere on the site; Wagtail's admin needs inline script and style
# (see portal.middleware.ContentSecurityPolicyMiddleware). Embeds from other sites are blocked.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
CSP_RELAXED_PATHS = ["/admin/"]
CSP_RELAXED_DIRECTIVES = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
SECURE_REFERRER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars fetched from another site

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

WAGTAIL_SITE_NAME = _("Reintegration Services Marketplace")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "txt", "csv", "jpg", "png"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX")
MATCHING_BACKEND = (
    "matching.backends.elasticsearch.ElasticsearchBackend"
    if ELASTICSEARCH_URL
    else "matching.backends.database.DatabaseBackend"
)

FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY")
REFERRAL_RESPONSE_DAYS = env("REFERRAL_RESPONSE_DAYS")
# How many reverse proxies of our own stand in front of the site; 0 trusts no X-Forwarded-For.
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT")
# The key of the audit hash chain; set once and never change it (empty: derived from SECRET_KEY).
AUDIT_HASH_KEY = env("AUDIT_HASH_KEY")
# Reports show counts from 1 to this value minus one as "<N" (and hide what would reveal them).
REPORTS_SMALL_CELL_THRESHOLD = env("REPORTS_SMALL_CELL_THRESHOLD")
# Caseworkers are reminded again of a referral needing attention after this many days.
REFERRAL_REMINDER_DAYS = env("REFERRAL_REMINDER_DAYS")

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}

# Every handler masks identity numbers (request lines of runserver, django.request, a WSGI
# server's access log that logs through Python logging, such as gunicorn's).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_identity_numbers": {"()": "portal.identity.IdentityNumberLogFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_identity_numbers"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_identity_numbers"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Replace Django's default handlers (unfiltered) with the root's filtered one.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "INFO", "propagate": True},
        "gunicorn.error": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
FORMS_URLFIELD_ASSUME_HTTPS = True
