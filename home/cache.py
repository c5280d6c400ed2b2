"""The page cache's generation: a token that is part of every cached page's key.

Anything that can change what a public page shows (publishing, unpublishing, moving or deleting a
page, publishing a translation, editing a snippet or a setting) "bumps" the generation: every page
cached before is then simply never looked up again, in every worker at once, and expires on its own.
That is cheaper and safer than working out which pages list the changed one.

Where the token lives so that all gunicorn workers see the same one:

- with a shared cache (Redis), in the cache itself;
- with Django's local-memory cache (one per process), in a small file under ``PORTAL_VAR_DIR``
  (``PAGE_CACHE_GENERATION_FILE``), re-read only when its modification time changes.

The bump runs at once and again when the surrounding transaction commits, so a worker that rendered
the old content just before the commit stores it under the old generation, where nobody looks.
"""

import logging
import os
import secrets
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
_local = {"stat": None, "value": None}
_lock = threading.Lock()


def cache_is_per_process():
    return isinstance(caches["default"], LocMemCache)


def generation_file():
    return Path(getattr(settings, "PAGE_CACHE_GENERATION_FILE", settings.VAR_DIR / "page-cache-generation"))


def _new_token():
    return secrets.token_hex(8)


def _write_file(path, token):
    """Replace the file atomically, so a reader never sees half a token."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".page-cache-")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(token)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_file():
    path = generation_file()
    try:
        stat = path.stat()
    except FileNotFoundError:
        try:
            _write_file(path, _new_token())
            stat = path.stat()
        except OSError:
            logger.warning("Cannot write the page cache generation file %s; page cache off.", path)
            return None
    except OSError:
        return None
    signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    with _lock:
        if _local["stat"] == signature and _local["value"]:
            return _local["value"]
    try:
        value = path.read_text().strip()
    except OSError:
        return None
    with _lock:
        _local.update(stat=signature, value=value)
    return value or None


def current_generation():
    """The token of the current generation, or None when it cannot be known (then nothing is cached)."""
    if cache_is_per_process():
        return _read_file()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _new_token(), timeout=None)
        value = cache.get(GENERATION_KEY)  # None when the cache is down: nothing is served from it
    return value


def _bump_now():
    token = _new_token()
    try:
        if cache_is_per_process():
            _write_file(generation_file(), token)
        else:
            cache.set(GENERATION_KEY, token, timeout=None)
    except OSError:
        logger.exception("Could not bump the page cache generation.")


def bump_generation():
    """Invalidate every cached page: now, and again after the current transaction commits."""
    _bump_now()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump_now)
