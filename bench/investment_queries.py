"""Queries per English investment page at 10 and at 500 zones and projects: they must not grow.

Builds the demo, then adds zones and projects (Vietnamese, each with an English translation made by
Wagtail's copy_for_translation, same translation key) until there are 10, measures, then 500, and
measures again: the zone listing, the project listing, one zone page and one project page, in English.
"""

import json
import os
import subprocess
import sys

from .common import PYTHON, ROOT, bench_env

TITLE = "Investment pages in English: queries at 10 and 500 zones and projects"

SCRIPT = r"""
import json
from decimal import Decimal
from io import StringIO

import django
django.setup()
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from investment.models import InvestmentForm, InvestmentIndexPage, InvestmentProjectPage, Sector, ZonePage

call_command("migrate", verbosity=0)
call_command("load_demo", password="bench-pass-123", stdout=StringIO())
index = InvestmentIndexPage.objects.get(locale__language_code="vi")
english = Locale.objects.get(language_code="en")
sector, form = Sector.objects.first(), InvestmentForm.objects.first()


def add_until(target):
    while ZonePage.objects.filter(locale__language_code="vi").count() < target:
        n = ZonePage.objects.count()
        zone = ZonePage(title=f"Khu công nghiệp thử {n}", slug=f"kcn-thu-{n}", kind="kcn", location="Kon Tum",
                        latitude=Decimal("14.3"), longitude=Decimal("108.0"), total_area=Decimal("100"),
                        industrial_area=Decimal("80"), leased_area=Decimal("20"), department=index.department)
        index.add_child(instance=zone)
        zone.save_revision().publish()
        zone.copy_for_translation(english).save_revision().publish()
    while InvestmentProjectPage.objects.filter(locale__language_code="vi").count() < target:
        n = InvestmentProjectPage.objects.count()
        zone = ZonePage.objects.filter(locale__language_code="vi").first()
        project = InvestmentProjectPage(title=f"Dự án thử {n}", slug=f"du-an-thu-{n}", summary="Dự án thử",
                                        sector=sector, zone=zone, investment_form=form,
                                        capital_usd=Decimal("10"), capital_vnd=Decimal("250"),
                                        area=Decimal("5"), land_status=InvestmentProjectPage.LandStatus.values[0])
        index.add_child(instance=project)
        project.save_revision().publish()
        project.copy_for_translation(english).save_revision().publish()


def count(client, url):
    cache.clear()
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


client = Client(HTTP_HOST="127.0.0.1")
en_index = index.get_translation(english)
results = {}
for target in (10, 500):
    add_until(target)
    zone = ZonePage.objects.filter(locale=english).first()
    project = InvestmentProjectPage.objects.filter(locale=english).first()
    results[str(target)] = {
        "zone listing": count(client, en_index.url),
        "project listing": count(client, en_index.url + "du-an/"),
        "zone page": count(client, zone.url),
        "project page": count(client, project.url),
    }
results["grows"] = any(results["500"][k] > results["10"][k] for k in results["10"])
print(json.dumps(results))
"""


def run(database_url):
    env = bench_env(database_url, DJANGO_SETTINGS_MODULE="portal.settings.dev", DEBUG="false")
    result = subprocess.run([PYTHON, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    output = result.stdout
    return json.loads(output.strip().splitlines()[-1])


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{ROOT / 'var' / 'bench' / 'investment.sqlite3'}"
    os.makedirs(ROOT / "var" / "bench", exist_ok=True)
    print(json.dumps(run(url), indent=2))
