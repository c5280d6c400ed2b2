"""manage.py import_procedures FILE [--dry-run]: load procedure records (JSON, CSV or XLSX).

See procedures.importer for the format. Exit status 1 when any record failed (the valid ones are
still imported), 2 when the file itself cannot be read.
"""

import sys

from django.core.management.base import BaseCommand

from procedures.importer import ImportFileError, import_records, read_file


class Command(BaseCommand):
    help = "Nhập thủ tục hành chính từ tệp JSON, CSV hoặc XLSX (theo mã thủ tục; chạy lại không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .json, .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing")

    def handle(self, *args, **options):
        try:
            items = read_file(options["file"])
        except ImportFileError as error:
            self.stderr.write(f"Cannot read {options['file']}: {error}")
            sys.exit(2)
        report = import_records(items, dry_run=options["dry_run"])
        for error in report.errors:
            self.stderr.write(str(error))
        prefix = "Dry run: would have " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}created {len(report.created)}, updated {len(report.updated)}, "
            f"unchanged {len(report.unchanged)}, invalid records {len({e.position for e in report.errors})}."
        )
        if report.failed:
            sys.exit(1)
