# Multi-stage image: dependencies are built once, the runtime stage has no compilers and runs as a
# non-root user. Static files and translations are built into the image; migrations are a separate
# release step (`docker run IMAGE python manage.py migrate`), never run implicitly at start-up.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends build-essential gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt

WORKDIR /app
COPY . /app
# Build-time only key: collectstatic and compilemessages need settings, not a secret.
RUN DJANGO_SETTINGS_MODULE=portal.settings.production \
    SECRET_KEY=build-time-only-key-0123456789-abcdefghijklmnopqrstuvwxyz \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 STATIC_ROOT=/app/static \
    /venv/bin/python manage.py collectstatic --noinput \
    && /venv/bin/python manage.py compilemessages --ignore=/venv \
    || (echo "static/messages build failed" && exit 1)

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    PORTAL_VAR_DIR=/app/var \
    STATIC_ROOT=/app/static \
    GUNICORN_BIND=0.0.0.0:8000
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 1000 --create-home portal
COPY --from=build /venv /venv
COPY --from=build --chown=portal:portal /app /app
WORKDIR /app
RUN mkdir -p /app/var/media && chown -R portal:portal /app/var
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
CMD ["gunicorn", "-c", "portal/gunicorn.conf.py", "portal.wsgi:application"]
