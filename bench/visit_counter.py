"""What the visit counter adds to a page view.

Serves the demo site with gunicorn (production settings, 2 workers) and measures page views per
second for a news article page (a) alone and (b) followed by the counter's POST /visits/, as every
browser does after load. Fixed sizes: 6 rounds x 400 page views per scenario over 4 keep-alive
clients, scenario order alternating; medians of the rounds are reported, and the median per-round
ratio b/a.

    python -m bench.visit_counter [--database-url URL]
"""

import argparse
import json
import re
import statistics

from .common import BENCH_DIR, Gunicorn, bench_env, load, manage, request, summary

TITLE = "Visit counter: cost per page view"
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"}
ROUNDS, VIEWS, CLIENTS, PORT = 6, 400, 4, 8091


def prepare(database_url):
    env = bench_env(database_url)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--password", "bench-pass-123")
    manage(env, "collectstatic", "--noinput")
    return env


def run(database_url):
    env = prepare(database_url)
    with Gunicorn(env, PORT, workers=2) as _server:
        status, html = request(PORT, "GET", "/vi/tin-tuc-su-kien/")
        article = re.search(rb'href="(/vi/tin-tuc-su-kien/[a-z0-9-]+/)"', html).group(1).decode()
        status, html = request(PORT, "GET", article)
        page_id = re.search(rb'data-page-id="(\d+)"', html).group(1).decode()
        body = f"page={page_id}"
        post_headers = {**BROWSER, "Content-Type": "application/x-www-form-urlencoded"}

        def page_only(connection):
            assert request(PORT, "GET", article, headers=BROWSER, connection=connection)[0] == 200

        def page_and_counter(connection):
            page_only(connection)
            assert request(PORT, "POST", "/visits/", body=body, headers=post_headers, connection=connection)[0] == 200

        load(PORT, page_only, 40, CLIENTS)  # warm up
        results = {"page": [], "page+counter": []}
        ratios = []
        scenarios = (("page", page_only), ("page+counter", page_and_counter))
        for round_number in range(ROUNDS):
            # Alternate the order (A B, B A, …) so drift in machine load does not favour one side.
            order = scenarios if round_number % 2 == 0 else scenarios[::-1]
            rates = {}
            for name, scenario in order:
                latencies, rate = load(PORT, scenario, VIEWS, CLIENTS)
                results[name].append(summary(latencies, rate))
                rates[name] = rate
            ratios.append(rates["page+counter"] / rates["page"])
    report = {
        name: {key: statistics.median(r[key] for r in rounds) for key in rounds[0]} for name, rounds in results.items()
    }
    report["ratio_median_of_rounds"] = round(statistics.median(ratios), 3)
    report["ratios"] = [round(r, 3) for r in ratios]
    report["slowdown_percent"] = round((1 - report["ratio_median_of_rounds"]) * 100, 1)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=f"sqlite:///{BENCH_DIR / 'visits.sqlite3'}")
    args = parser.parse_args()
    print(json.dumps(run(args.database_url), indent=2))


if __name__ == "__main__":
    main()
