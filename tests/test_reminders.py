"""Quota reminders: who gets what, when, and never twice on the same day."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from sections.models import EditorialSettings, ReminderLog
from sections.reminders import send_quota_reminders
from tests.test_statistics import at, publish


@pytest.mark.django_db
class TestQuotaReminders:
    def test_nothing_before_the_reminder_day(self, demo_structure):
        assert send_quota_reminders(today=datetime.date(2026, 11, 19)) == 0
        assert mail.outbox == []

    def test_units_behind_are_reminded_from_the_20th_once_a_day(self, demo_structure):
        s = demo_structure
        for day in (2, 3):
            publish(s.sections["tin-tuc-su-kien"], s.departments["VP"], at(2026, 11, day, 9))
        sent = send_quota_reminders(today=datetime.date(2026, 11, 20))
        recipients = {m.to[0] for m in mail.outbox}
        assert "vp-editor@example.vn" not in recipients  # VP met its quota
        assert {"qhxd-editor@example.vn", "qhxd@example.vn", "tnmt-editor@example.vn"} <= recipients
        assert "bbt-editor@example.vn" not in recipients  # the board has no quota
        assert sent == len(mail.outbox)
        message = next(m for m in mail.outbox if m.to == ["qhxd-editor@example.vn"])
        assert "0/2" in message.body and "còn 11 ngày" in message.body
        # The same day again: nothing new.
        assert send_quota_reminders(today=datetime.date(2026, 11, 20)) == 0
        assert len(mail.outbox) == sent
        # The next day: reminded again.
        assert send_quota_reminders(today=datetime.date(2026, 11, 21)) == sent

    def test_reminder_day_is_configurable(self, demo_structure):
        options = EditorialSettings.load()
        options.reminder_day = 25
        options.save()
        assert send_quota_reminders(today=datetime.date(2026, 11, 24)) == 0
        assert send_quota_reminders(today=datetime.date(2026, 11, 25)) > 0

    def test_board_gets_last_months_summary_on_the_first(self, demo_structure):
        s = demo_structure
        publish(s.sections["tin-tuc-su-kien"], s.departments["QLDT"], at(2026, 10, 31, 23, 30))
        send_quota_reminders(today=datetime.date(2026, 11, 1))
        summaries = [m for m in mail.outbox if "Tổng hợp tin bài tháng 10/2026" in m.subject]
        assert {m.to[0] for m in summaries} == {"bbt-editor@example.vn", "bbt@example.vn"}
        assert "QLDT" in summaries[0].body and "1/3" in summaries[0].body
        count = len(mail.outbox)
        call_command("send_quota_reminders", date="2026-11-01", stdout=StringIO())
        assert len(mail.outbox) == count

    def test_a_failing_mail_server_is_retried_next_run(self, demo_structure):
        with mock.patch("sections.reminders.send_mail", side_effect=OSError("smtp down")):
            assert send_quota_reminders(today=datetime.date(2026, 11, 20)) == 0
        assert not ReminderLog.objects.exists()
        assert send_quota_reminders(today=datetime.date(2026, 11, 20)) > 0

    def test_command_rejects_a_bad_date(self, demo_structure):
        from django.core.management import CommandError

        with pytest.raises(CommandError):
            call_command("send_quota_reminders", date="20-11-2026", stdout=StringIO())
