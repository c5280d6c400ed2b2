"""Public form abuse cases and what happens when a part fails (issue 6, items 4 and 5).

Forms: CSRF refused with a 403 in the visitor's language, honeypot, length limits, markup stored as
plain text, per-address rate limits, nothing a visitor sends reaches another visitor unescaped.
Failures, each simulated by pointing at a closed local port (127.0.0.1:1): the mail server (forms
still store and say so), Redis (pages still serve), Elasticsearch (search answers 503, publishing
works) and the database (/healthz answers 503 and says which part is down).
"""

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django import forms
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory, SimpleTestCase, TestCase, override_settings
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from home.forms_protection import MAX_TEXT_LENGTH, PublicFormMixin, client_address, plain_text
from investment.models import Country, InvestmentIndexPage, InvestorInquiry
from portal.cache_settings import cache_settings
from procedures.models import ProcedureIndexPage
from search.backend_settings import search_backends
from sections.models import ArticlePage, ContactPage, Question, QuestionIndexPage
from tests.helpers import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
CLOSED = "127.0.0.1:1"  # nothing listens on port 1: connections are refused at once
SMTP_DOWN = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 1,
    "EMAIL_USE_TLS": False,
    "EMAIL_TIMEOUT": 2,
}
REDIS_DOWN = cache_settings(f"redis://{CLOSED}/0", key_prefix="test")
ELASTICSEARCH_DOWN = search_backends(f"http://{CLOSED}", index_prefix="test_down_")


class PublicFormsTestCase(TestCase):
    """The demo site, with helpers that post valid data to each of the three public forms."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", password=PASSWORD, stdout=StringIO())
        qa_vi = QuestionIndexPage.objects.get(locale__language_code="vi")
        # The demo has no English Q&A page yet: translate it, as an editor would.
        qa_en = qa_vi.copy_for_translation(Locale.objects.get(language_code="en"))
        qa_en.save_revision().publish()
        cls.qa = {"vi": qa_vi, "en": QuestionIndexPage.objects.get(pk=qa_en.pk)}
        cls.contact = {code: ContactPage.objects.get(locale__language_code=code) for code in ("vi", "en")}
        cls.investment = {code: InvestmentIndexPage.objects.get(locale__language_code=code) for code in ("vi", "en")}
        cls.country = Country.objects.order_by("pk").first()

    def setUp(self):
        cache.clear()  # rate-limit counters

    def question(self, language="vi", **overrides):
        data = {
            "asker_name": "Trần Thị Mai",
            "email": "mai@example.vn",
            "phone": "0912 345 678",
            "organisation": "Công ty TNHH Mai",
            "title": "Thời hạn cấp giấy chứng nhận",
            "question": "Xin cho biết thời hạn cấp giấy chứng nhận đăng ký đầu tư?",
            "website": "",
        }
        data.update(overrides)
        return self.qa[language].url + "gui-cau-hoi/", data

    def contact_form(self, language="vi", **overrides):
        page = self.contact[language]
        data = {
            name: "lienhe@example.vn" if isinstance(field, forms.EmailField) else "Nội dung liên hệ về khu kinh tế"
            for name, field in page.get_form().fields.items()
        }
        data["website"] = ""
        data.update(overrides)
        return page.url, data

    def inquiry(self, language="vi", **overrides):
        data = {
            "name": "Kim Min-jun",
            "organisation": "Hanul Co.",
            "country": self.country.pk,
            "email": "minjun@example.kr",
            "interest": "land",
            "message": "We need 5 ha for a wood processing plant.",
            "consent": "on",
            "website": "",
        }
        data.update(overrides)
        return self.investment[language].url + "lien-he-dau-tu/", data

    def stored(self):
        return (Question.objects.count(), FormSubmission.objects.count(), InvestorInquiry.objects.count())

    def all_forms(self, language="vi", **overrides):
        return [self.question(language, **overrides), self.contact_form(language, **overrides)] + [
            self.inquiry(language, **overrides)
        ]


class CsrfTests:
    def test_forged_posts_are_refused_with_a_403_in_the_visitors_language(self):
        client = Client(enforce_csrf_checks=True)
        before = self.stored()
        for language, heading in (("vi", "Không gửi được biểu mẫu"), ("en", "The form could not be sent")):
            for url, data in self.all_forms(language):
                response = client.post(url, data)
                self.assertEqual(response.status_code, 403, url)
                self.assertContains(response, heading, status_code=403)
                self.assertContains(response, f'<html lang="{language}"', status_code=403)
        self.assertEqual(self.stored(), before)
        self.assertEqual(mail.outbox, [])

    def test_a_post_with_the_token_from_the_page_is_accepted(self):
        client = Client(enforce_csrf_checks=True)
        url, data = self.question()
        page = client.get(self.qa["vi"].url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        response = client.post(url, {**data, "csrfmiddlewaretoken": token})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(Question.objects.filter(email="mai@example.vn").exists())


class FormProtectionTests:
    def test_every_form_renders_the_honeypot_hidden_from_people(self):
        for page in (self.qa["vi"].url, self.contact["vi"].url, self.investment["vi"].url + "lien-he-dau-tu/"):
            html = self.client.get(page).content.decode()
            self.assertRegex(html, r'<div class="hp-field" aria-hidden="true">\s*<label for="id_website">', page)

    def test_honeypot_refuses_every_form_and_stores_nothing(self):
        before = self.stored()
        for url, data in self.all_forms(website="http://spam.example"):
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 400, url)
        self.assertEqual(self.stored(), before)
        self.assertEqual(mail.outbox, [])

    def test_every_text_field_has_a_length_limit_that_is_enforced(self):
        forms_and_urls = [
            (self.question, "question"),
            (self.contact_form, "contact"),
            (self.inquiry, "inquiry"),
        ]
        for build, name in forms_and_urls:
            url, data = build()
            form_fields = self._form_fields(name)
            for field_name, field in form_fields.items():
                if not isinstance(field, forms.CharField) or field_name == "website":
                    continue
                self.assertTrue(field.max_length, f"{name}.{field_name} has no length limit")
                self.assertLessEqual(field.max_length, MAX_TEXT_LENGTH)
                too_long = "a" * field.max_length + "a"
                if isinstance(field, forms.EmailField):
                    too_long = "a" * field.max_length + "@example.vn"
                before = self.stored()
                response = self.client.post(url, {**data, field_name: too_long})
                self.assertEqual(response.status_code, 400, f"{name}.{field_name}")
                self.assertEqual(self.stored(), before)

    def _form_fields(self, name):
        from investment.forms import InvestorInquiryForm
        from sections.forms import QuestionForm

        if name == "question":
            return QuestionForm().fields
        if name == "contact":
            return self.contact["vi"].get_form(page=self.contact["vi"]).fields
        return InvestorInquiryForm().fields

    def test_markup_is_stored_as_plain_text(self):
        script = "<script>alert('x')</script><b>Xin hỏi</b> về <a href='http://evil.example'>thủ tục</a> đầu tư"
        url, data = self.question(title="<i>Hỏi</i> về đầu tư", question=script)
        self.assertEqual(self.client.post(url, data).status_code, 200)
        question = Question.objects.get(email="mai@example.vn")
        self.assertEqual(question.title, "Hỏi về đầu tư")
        self.assertNotIn("<", question.question)
        self.assertIn("Xin hỏi về thủ tục đầu tư", question.question)

        url, data = self.contact_form()
        message_field = next(name for name in data if name.startswith("noi_dung"))
        self.assertEqual(self.client.post(url, {**data, message_field: script}).status_code, 200)
        submission = FormSubmission.objects.get(page=self.contact["vi"])
        stored = json.loads(submission.form_data) if isinstance(submission.form_data, str) else submission.form_data
        self.assertNotIn("<", stored[message_field])
        self.assertNotIn("website", stored)
        self.assertNotIn("<script>", mail.outbox[0].body)

        url, data = self.inquiry(message=script, name="<b>Kim</b>")
        self.assertEqual(self.client.post(url, data).status_code, 200)
        inquiry = InvestorInquiry.objects.get()
        self.assertEqual(inquiry.name, "Kim")
        self.assertNotIn("<", inquiry.message)

    def test_markup_only_answers_count_as_empty(self):
        url, data = self.question(asker_name="<b></b>")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors["asker_name"])
        self.assertFalse(Question.objects.filter(email="mai@example.vn").exists())

    def test_errors_in_the_visitors_language(self):
        url, data = self.question("en", question="short")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Not sent yet. Please check the following:", status_code=400)
        vi_url, vi_data = self.question("vi", question="short")
        response = self.client.post(vi_url, vi_data)
        self.assertContains(response, "Câu hỏi quá ngắn", status_code=400)


class RateLimitTests:
    @override_settings(PORTAL_FORM_RATE_LIMIT=2, PORTAL_FORM_RATE_WINDOW=600)
    def test_each_form_is_limited_per_address_in_the_visitors_language(self):
        builders = (self.question, self.contact_form, self.inquiry)
        for build in builders:
            for n in range(2):
                url, data = build("vi")
                data = {**data, "email": f"person{n}@example.vn"} if "email" in data else data
                self.assertEqual(self.client.post(url, data, REMOTE_ADDR="203.0.113.7").status_code, 200, url)
            before = self.stored()
            url, data = build("vi")
            response = self.client.post(url, {**data, "email": "third@example.vn"}, REMOTE_ADDR="203.0.113.7")
            self.assertContains(response, "Bạn đã gửi quá nhiều lần trong thời gian ngắn", status_code=429)
            url, data = build("en")
            response = self.client.post(url, data, REMOTE_ADDR="203.0.113.7")
            self.assertContains(response, "too many times in a short while", status_code=429)
            self.assertEqual(self.stored(), before)
            # Another visitor is not affected.
            url, data = build("vi")
            data = {**data, "email": "other@example.vn"} if "email" in data else data
            self.assertEqual(self.client.post(url, data, REMOTE_ADDR="198.51.100.9").status_code, 200, url)

    @override_settings(PORTAL_FORM_RATE_LIMIT=2, PORTAL_FORM_RATE_WINDOW=600)
    def test_forwarded_for_is_ignored_without_trusted_proxies(self):
        url, data = self.question()
        for n in range(2):
            forwarded = f"192.0.2.{n}"
            post = {**data, "email": f"p{n}@example.vn"}
            self.assertEqual(self.client.post(url, post, HTTP_X_FORWARDED_FOR=forwarded).status_code, 200)
        response = self.client.post(url, {**data, "email": "p9@example.vn"}, HTTP_X_FORWARDED_FOR="192.0.2.99")
        self.assertEqual(response.status_code, 429)

    @override_settings(PORTAL_TRUSTED_PROXY_COUNT=1)
    @override_settings(PORTAL_FORM_RATE_LIMIT=2, PORTAL_FORM_RATE_WINDOW=600)
    def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(self):
        url, data = self.question()
        for n in range(4):
            post = {**data, "email": f"proxy{n}@example.vn"}
            response = self.client.post(url, post, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
            self.assertEqual(response.status_code, 200)
        self.assertEqual(Question.objects.filter(email__startswith="proxy").count(), 4)

    @override_settings(PORTAL_FORM_RATE_LIMIT=2, PORTAL_FORM_RATE_WINDOW=600)
    def test_honeypot_hits_count_against_the_limit(self):
        url, data = self.question()
        for _n in range(2):
            self.assertEqual(self.client.post(url, {**data, "website": "x"}).status_code, 400)
        self.assertEqual(self.client.post(url, data).status_code, 429)


class ClientAddressTests(SimpleTestCase):
    def request(self, **meta):
        return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta)

    def test_remote_addr_unless_proxies_are_trusted(self):
        self.assertEqual(client_address(self.request(HTTP_X_FORWARDED_FOR="1.2.3.4")), "10.0.0.2")
        with self.settings(PORTAL_TRUSTED_PROXY_COUNT=1):
            # A client can prepend anything; the entry the trusted proxy appended is the one used.
            self.assertEqual(client_address(self.request(HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")), "1.2.3.4")
            self.assertEqual(client_address(self.request()), "10.0.0.2")
        with self.settings(PORTAL_TRUSTED_PROXY_COUNT=2):
            self.assertEqual(client_address(self.request(HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4, 10.0.0.1")), "1.2.3.4")

    def test_plain_text_drops_control_characters_and_leaves_nul_to_be_refused(self):
        self.assertEqual(plain_text("  ab\x07c\n<p>d</p> "), "abc\nd")
        self.assertEqual(plain_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2")
        self.assertEqual(plain_text("<<a>b>x"), "x")

        class Sample(PublicFormMixin, forms.Form):
            text = forms.CharField()

        self.assertFalse(Sample({"text": "a\x00b"}).is_valid())

    def test_the_mixin_protects_any_form(self):
        class Sample(PublicFormMixin, forms.Form):
            text = forms.CharField()

        form = Sample({"text": "<b>x</b>" + "y" * MAX_TEXT_LENGTH})
        self.assertIn("website", form.fields)
        self.assertFalse(form.is_valid())
        self.assertEqual(Sample().fields["text"].max_length, MAX_TEXT_LENGTH)


class EscapingTests:
    def test_an_answered_question_with_markup_is_shown_escaped(self):
        question = Question.objects.create(
            asker_name="<script>alert('name')</script>",
            email="x@example.vn",
            title="<script>alert('title')</script> Hỏi",
            question="<img src=x onerror=alert(1)> nội dung",
            answer="<script>alert('answer')</script> Trả lời",
            status=Question.Status.ANSWERED,
        )
        for url in (self.qa["vi"].url, f"{self.qa['vi'].url}{question.pk}/", self.qa["vi"].url + "?q=Hỏi"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            html = response.content.decode()
            self.assertNotIn("<script>alert(", html, url)
            self.assertNotIn("<img src=x", html, url)
            self.assertIn("&lt;script&gt;alert(", html, url)

    def test_search_terms_are_echoed_escaped(self):
        for url in ("/vi/search/?q=%3Cscript%3Ealert(1)%3C/script%3E", self.qa["vi"].url + "?q=%3Cscript%3Ex"):
            html = self.client.get(url).content.decode()
            self.assertNotIn("<script>alert(1)", html)
            self.assertNotIn("<script>x", html)


class MailServerDownTests:
    @override_settings(**SMTP_DOWN)
    def test_contact_form_stores_and_says_the_notification_is_delayed(self):
        url, data = self.contact_form("en")
        with self.assertLogs("home.forms_protection", "ERROR") as logs:
            response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(FormSubmission.objects.filter(page=self.contact["en"]).count(), 1)
        self.assertContains(response, "notice-success")
        self.assertContains(response, "The notification to the staff in charge could not be sent")
        self.assertIn("stored", logs.output[0])

    @override_settings(**SMTP_DOWN)
    def test_investor_inquiry_stores_and_says_the_notification_is_delayed(self):
        url, data = self.inquiry()
        with self.assertLogs("home.forms_protection", "ERROR"):
            response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Thư thông báo tới cán bộ phụ trách tạm thời chưa gửi được")
        inquiry = InvestorInquiry.objects.get()
        self.assertFalse(inquiry.mailed)

    def test_a_working_mail_server_shows_no_delay_notice(self):
        with self.settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            url, data = self.inquiry()
            response = self.client.post(url, data)
        self.assertNotContains(response, "notification-delayed")
        self.assertTrue(InvestorInquiry.objects.get().mailed)


class RedisDownTests:
    @override_settings(CACHES=REDIS_DOWN)
    def test_pages_search_forms_and_counter_still_work(self):
        procedures = ProcedureIndexPage.objects.get(locale__language_code="vi").url
        article = ArticlePage.objects.live().filter(locale__language_code="vi").first()
        for url in ("/vi/", "/en/", article.url, procedures, procedures + "?linh_vuc=x&muc_do=toan_trinh"):
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.assertEqual(self.client.get("/vi/search/", {"q": "dang ky dau tu"}).status_code, 200)
        self.assertEqual(self.client.get("/vi/search/suggest/", {"q": "dang k"}).status_code, 200)
        self.assertEqual(self.client.post("/visits/", {"page": article.pk}).status_code, 200)
        url, data = self.question()
        self.assertEqual(self.client.post(url, data).status_code, 200)  # no rate limit without a cache
        self.assertTrue(Question.objects.filter(email="mai@example.vn").exists())

    @override_settings(CACHES=REDIS_DOWN)
    def test_healthz_reports_the_cache_down_but_stays_up(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["status"], "degraded")
        self.assertEqual(body["down"], ["cache"])
        self.assertEqual(body["database"], "ok")


class ElasticsearchDownTests:
    @override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH_DOWN)
    def test_search_page_answers_503_in_the_visitors_language(self):
        with self.assertLogs("home.search", "ERROR"):
            vi = self.client.get("/vi/search/", {"q": "đăng ký đầu tư"})
        self.assertContains(vi, "Tìm kiếm tạm thời không hoạt động", status_code=503)
        self.assertEqual(vi["Retry-After"], "120")
        with self.assertLogs("home.search", "ERROR"):
            en = self.client.get("/en/search/", {"q": "investment"})
        self.assertContains(en, "Search is temporarily unavailable", status_code=503)
        # An empty query does not need the engine.
        self.assertEqual(self.client.get("/vi/search/").status_code, 200)

    @override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH_DOWN)
    def test_suggest_answers_503_json(self):
        with self.assertLogs("home.search", "ERROR"):
            response = self.client.get("/en/search/suggest/", {"q": "dang k"})
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["suggestions"], [])
        self.assertEqual(response.json()["error"], "Search is temporarily unavailable. Please try again later.")

    @override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH_DOWN)
    def test_procedure_listing_search_answers_503_and_the_plain_listing_still_works(self):
        url = ProcedureIndexPage.objects.get(locale__language_code="vi").url
        self.assertEqual(self.client.get(url, {"muc_do": "toan_trinh"}).status_code, 200)
        with self.assertLogs("home.search", "ERROR"):
            response = self.client.get(url, {"q": "dang ky"})
        self.assertContains(response, "Tìm kiếm tạm thời không hoạt động", status_code=503)

    @override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH_DOWN)
    def test_publishing_still_works_and_the_indexing_error_is_logged(self):
        article = ArticlePage.objects.live().filter(locale__language_code="vi").first()
        article.title = "Tin đã sửa khi Elasticsearch ngừng"
        with self.assertLogs("modelsearch.index", "ERROR") as logs, self.captureOnCommitCallbacks(execute=True):
            article.save_revision().publish()
        self.assertIn("search backend", logs.output[0])
        article.refresh_from_db()
        self.assertTrue(article.live)
        self.assertEqual(article.title, "Tin đã sửa khi Elasticsearch ngừng")
        self.assertEqual(self.client.get(article.url).status_code, 200)

    @override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH_DOWN)
    def test_healthz_reports_search_down_but_stays_up(self):
        body = self.client.get("/healthz").json()
        self.assertEqual(body["status"], "degraded")
        self.assertEqual(body["down"], ["search"])


class PublicFormTests(CsrfTests, FormProtectionTests, RateLimitTests, EscapingTests, PublicFormsTestCase):
    """One demo site for the form cases (loading it is the slow part)."""


class FailureTests(MailServerDownTests, RedisDownTests, ElasticsearchDownTests, PublicFormsTestCase):
    """Mail server, Redis and Elasticsearch at a closed port."""


class DatabaseDownTests(SimpleTestCase):
    """A separate process whose DATABASE_URL points at a closed port: /healthz answers 503 JSON."""

    def test_healthz_answers_503_and_names_the_database(self):
        script = (
            "import django, json; django.setup();"
            "from django.test.utils import setup_test_environment; setup_test_environment();"
            "from django.test import Client; r = Client().get('/healthz');"
            "page = Client(raise_request_exception=False).get('/vi/');"
            "print(json.dumps({'code': r.status_code, 'body': r.json(), 'type': r['Content-Type'],"
            " 'page': page.status_code, 'page_html': page.content.decode()}))"
        )
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="portal.settings.test",
            DATABASE_URL=f"postgres://postgres@{CLOSED}/portal",
            DATABASE_CONN_MAX_AGE="0",
        )
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        self.assertEqual(done.returncode, 0, done.stderr[-2000:])
        result = json.loads(done.stdout.strip().splitlines()[-1])
        self.assertEqual(result["code"], 503)
        self.assertEqual(result["type"], "application/json")
        self.assertEqual(result["body"]["status"], "error")
        self.assertEqual(result["body"]["down"], ["database"])
        self.assertTrue(result["body"]["database"].startswith("down: OperationalError"))
        self.assertEqual(result["body"]["cache"], "ok")
        # Pages answer the bilingual error page, which needs no database.
        self.assertEqual(result["page"], 500)
        self.assertIn('<section lang="en" class="error-language">', result["page_html"])
