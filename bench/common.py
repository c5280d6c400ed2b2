"""Shared pieces of the benchmarks: a prepared database, gunicorn with production settings on
127.0.0.1, and a small HTTP load generator (threads, keep-alive, fixed request counts)."""

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_DIR = ROOT / "var" / "bench"
SECRET = "bench-only-key-5d8a0c1e7f2b4a6c9e3d1f0b8a7c6e5d4f3a2b1c0d9e8f7a6"


def bench_env(database_url, **extra):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "PORTAL_VAR_DIR": str(BENCH_DIR),
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


class Gunicorn:
    """gunicorn with the project's config, a fixed number of workers, on 127.0.0.1 only."""

    def __init__(self, env, port, workers=2, threads=1, startup_timeout=30):
        self.env, self.port, self.workers, self.threads = env, port, workers, threads
        self.startup_timeout = startup_timeout

    def __enter__(self):
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--threads", str(self.threads), "--access-logfile", "/dev/null",
             "portal.wsgi:application"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.time() + self.startup_timeout
        while time.time() < deadline:
            try:
                status, _ = request(self.port, "GET", "/healthz")
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()  # the master stops its workers too (kill would orphan them)
        self.process.wait(timeout=30)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


def request(port, method, path, body=None, headers=None, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    if own:
        connection.close()
    return response.status, data


def load(port, make_requests, total, concurrency=4):
    """Run ``total`` iterations of ``make_requests(connection)`` over ``concurrency`` keep-alive clients.

    Returns latencies (seconds, one per iteration) and iterations per second.
    """
    latencies, lock, errors = [], threading.Lock(), []
    per_worker = total // concurrency

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(per_worker):
            start = time.perf_counter()
            try:
                make_requests(connection)
            except Exception as error:  # noqa: BLE001
                errors.append(error)
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, first: {errors[0]!r}")
    return latencies, len(latencies) / elapsed


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(latencies, rate):
    return {
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "rate": round(rate, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
    }
