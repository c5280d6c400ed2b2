"""manage.py quota_report --month YYYY-MM [--format csv|json]: one row per active department."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from sections.statistics import Month, monthly_quota


class Command(BaseCommand):
    help = "In số tin bài từng đơn vị trong một tháng: department, published, quota, met."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="Tháng YYYY-MM (mặc định: tháng hiện tại, giờ Việt Nam).")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, **options):
        try:
            month = Month.parse(options["month"]) if options.get("month") else Month.current()
        except ValueError as error:
            raise CommandError(str(error)) from None
        rows = [
            {"department": row.code, "published": row.published, "quota": row.quota, "met": row.met}
            for row in monthly_quota(month)
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps({"month": str(month), "rows": rows}, ensure_ascii=False, indent=2))
            return
        writer = csv.DictWriter(
            self.stdout, fieldnames=["department", "published", "quota", "met"], lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "met": "yes" if row["met"] else "no"})
