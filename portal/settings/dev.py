"""Development settings: friendly defaults set *before* base reads the environment."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
# Demo logins on a laptop: two-factor enrolment is optional unless asked for.
os.environ.setdefault("PORTAL_2FA_REQUIRE_EDITORIAL_BOARD", "false")
os.environ.setdefault("PORTAL_2FA_REQUIRE_SUPERUSERS", "false")

from .base import *  # noqa: E402,F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
