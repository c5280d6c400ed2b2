"""Cache configuration from environment values (imported by the settings module: no Django models here).

Redis when a URL is given: django-redis with ``IGNORE_EXCEPTIONS``, so a Redis outage turns every
cache read into a miss and every write into a no-op (logged) instead of an error page, and short
socket timeouts, so an unreachable Redis costs a page at most about a second. Without a URL: the
process's local memory.
"""


def cache_settings(redis_url="", key_prefix="portal", timeout_seconds=1.0, max_entries=5000):
    if not redis_url:
        # MAX_ENTRIES: the full-page cache stores one entry per URL; 300 (Django's default) evicts them early.
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": max_entries},
            }
        }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,  # a cache outage must not take the site down
                "SOCKET_CONNECT_TIMEOUT": timeout_seconds,
                "SOCKET_TIMEOUT": timeout_seconds,
            },
        }
    }
