"""manage.py send_quota_reminders [--date YYYY-MM-DD]: run daily by cron; safe to run twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from sections.reminders import send_quota_reminders


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc đơn vị chưa đạt chỉ tiêu (từ ngày cấu hình, mặc định ngày 20) và gửi Ban biên tập "
        "tổng hợp tháng trước vào ngày 1. Chạy hằng ngày; chạy lại trong ngày không gửi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy YYYY-MM-DD (mặc định: hôm nay theo giờ Việt Nam).")

    def handle(self, *args, **options):
        day = None
        if options.get("date"):
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("Ngày không hợp lệ; dùng định dạng YYYY-MM-DD.") from None
        sent = send_quota_reminders(today=day)
        self.stdout.write(self.style.SUCCESS(f"{sent} e-mail(s) sent."))
