"""Property-based tests (Hypothesis): arbitrary text and parameters never give a 500, and a failed
request never changes what is stored.

Targets: site search and its autocomplete, the procedure listing's filters, the legal document
filters and the three public forms (Q&A question, contact page, investor inquiry). Inputs: any
unicode (NUL and other control characters included), very long strings, odd page numbers, real and
made-up facet values. Derandomized with a modest number of examples, so a CI run is repeatable.
"""

import os
import re
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page, Revision

from investment.models import InvestmentIndexPage, InvestorInquiry
from procedures.models import ProcedureAgency, ProcedureIndexPage
from sections.models import ContactPage, LegalDocumentIndexPage, Question, QuestionIndexPage, Topic
from sections.models.catalogues import DocumentType, Issuer
from tests.helpers import PASSWORD

# 30 examples per property in `make test` (a few minutes); HYPOTHESIS_EXAMPLES=500 for a deeper run.
PROPERTY = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "30")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
TAG = re.compile(r"<[a-zA-Z!/?][^<>]*>")

# Any unicode except surrogates (which cannot be sent as UTF-8), NUL and control characters included.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=120)
long_text = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=5), st.integers(500, 4000))
markup = st.sampled_from(
    ["<script>alert(1)</script>", "<b>x</b>", "<<a>b>", "<img src=x onerror=alert(1)>", "&lt;i&gt;", "\x00", "'\"--"]
)
text = st.one_of(any_text, long_text, markup, st.builds(lambda a, b: a + b, markup, any_text))
page_number = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["", "0", "-1", "1.5", "1e9", "inf", "NaN", "last", "99999999999999999999", "٣", "²"]),
    any_text,
)


def stored_rows():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "questions": Question.objects.count(),
        "submissions": FormSubmission.objects.count(),
        "inquiries": InvestorInquiry.objects.count(),
    }


class PropertyTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", password=PASSWORD, stdout=StringIO())
        cls.procedures = ProcedureIndexPage.objects.get(locale__language_code="vi").url
        cls.legal = LegalDocumentIndexPage.objects.get(locale__language_code="vi").url
        cls.qa_ask = QuestionIndexPage.objects.get(locale__language_code="vi").url + "gui-cau-hoi/"
        cls.contact = ContactPage.objects.get(locale__language_code="vi")
        cls.inquiry_url = InvestmentIndexPage.objects.get(locale__language_code="vi").url + "lien-he-dau-tu/"
        cls.topics = list(Topic.objects.values_list("slug", flat=True)[:5])
        cls.agencies = list(ProcedureAgency.objects.values_list("slug", flat=True)[:5])
        cls.document_types = list(DocumentType.objects.values_list("slug", flat=True)[:5])
        cls.issuers = list(Issuer.objects.values_list("slug", flat=True)[:5])
        cls.contact_fields = list(cls.contact.get_form().fields)

    def get(self, url, params):
        before = stored_rows()
        response = self.client.get(url, params)
        self.assertLess(response.status_code, 500, (url, params))
        self.assertEqual(stored_rows(), before, "a GET changed stored content")
        return response

    def post_form(self, url, data, stored_kind):
        before = stored_rows()
        response = self.client.post(url, data)
        self.assertIn(response.status_code, (200, 400, 429), (url, data))
        after = stored_rows()
        if response.status_code == 200:
            self.assertEqual(after[stored_kind], before[stored_kind] + 1)
            after[stored_kind] -= 1
        self.assertEqual(after, before, "a failed submission changed stored rows")
        return response


def facet(known):
    return st.one_of(st.sampled_from(known or [""]), text)


class SearchProperties(PropertyTestCase):
    @PROPERTY
    @given(
        q=text,
        kind=st.one_of(text, st.sampled_from(["procedures.procedurepage", "sections.articlepage"])),
        page=page_number,
    )
    def test_site_search_never_fails(self, q, kind, page):
        self.get("/vi/search/", {"q": q, "type": kind, "page": page})

    @PROPERTY
    @given(q=text, language=st.sampled_from(["vi", "en"]))
    def test_suggest_always_answers_json(self, q, language):
        response = self.get(f"/{language}/search/suggest/", {"q": q})
        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response.json()["suggestions"], list)


class ListingProperties(PropertyTestCase):
    @PROPERTY
    @given(data=st.data())
    def test_procedure_listing_filters_never_fail(self, data):
        params = {
            "q": data.draw(text),
            "linh_vuc": data.draw(facet(self.topics)),
            "co_quan": data.draw(facet(self.agencies)),
            "muc_do": data.draw(facet(["toan_trinh", "mot_phan", "khong"])),
            "tinh_trang": data.draw(facet(["in_force", "superseded"])),
            "sap_xep": data.draw(facet(["ten", "ma", "moi", "lien-quan"])),
            "page": data.draw(page_number),
        }
        keep = data.draw(st.lists(st.sampled_from(sorted(params)), unique=True))
        response = self.get(self.procedures, {key: params[key] for key in keep})
        self.assertEqual(response.status_code, 200)

    @PROPERTY
    @given(data=st.data())
    def test_legal_document_filters_never_fail(self, data):
        params = {
            "q": data.draw(text),
            "loai": data.draw(facet(self.document_types)),
            "co-quan": data.draw(facet(self.issuers)),
            "linh-vuc": data.draw(facet(self.topics)),
            "nam": data.draw(st.one_of(st.integers(-5000, 5000).map(str), text)),
            "hieu-luc": data.draw(facet(["in_force", "expired", "not_yet"])),
            "page": data.draw(page_number),
        }
        keep = data.draw(st.lists(st.sampled_from(sorted(params)), unique=True))
        response = self.get(self.legal, {key: params[key] for key in keep})
        self.assertEqual(response.status_code, 200)


@override_settings(PORTAL_FORM_RATE_LIMIT=0)  # exercise storing; the limit has its own tests
class FormProperties(PropertyTestCase):
    def assert_plain(self, values):
        for value in values:
            if isinstance(value, str):
                self.assertIsNone(TAG.search(value), value)
                self.assertNotIn("\x00", value)

    @PROPERTY
    @given(
        asker_name=text,
        email=st.one_of(st.emails(), text),
        phone=text,
        title=text,
        question=st.one_of(text, st.text(min_size=10, max_size=300)),
        website=st.one_of(st.just(""), text),
    )
    def test_question_form(self, asker_name, email, phone, title, question, website):
        data = {"asker_name": asker_name, "email": email, "phone": phone, "title": title, "question": question}
        data["website"] = website
        response = self.post_form(self.qa_ask, data, "questions")
        if response.status_code == 200:
            stored = Question.objects.order_by("-pk").first()
            self.assert_plain([stored.asker_name, stored.title, stored.question, stored.phone])

    @PROPERTY
    @given(values=st.lists(st.one_of(text, st.emails()), min_size=8, max_size=8), website=st.one_of(st.just(""), text))
    def test_contact_form(self, values, website):
        data = dict(zip(self.contact_fields, values, strict=False))
        data["website"] = website
        response = self.post_form(self.contact.url, data, "submissions")
        if response.status_code == 200:
            submission = FormSubmission.objects.order_by("-pk").first()
            self.assert_plain(submission.get_data().values())

    @PROPERTY
    @given(
        name=text,
        organisation=text,
        country=st.one_of(st.integers(-5, 10**12).map(str), text),
        email=st.one_of(st.emails(), text),
        interest=st.one_of(st.sampled_from(["land", "project", "other"]), text),
        message=text,
        consent=st.sampled_from(["on", "", "off", "\x00"]),
        website=st.one_of(st.just(""), text),
    )
    def test_investor_inquiry_form(self, name, organisation, country, email, interest, message, consent, website):
        data = {
            "name": name,
            "organisation": organisation,
            "country": country,
            "email": email,
            "interest": interest,
            "message": message,
            "consent": consent,
            "website": website,
        }
        response = self.post_form(self.inquiry_url, data, "inquiries")
        if response.status_code == 200:
            stored = InvestorInquiry.objects.order_by("-pk").first()
            self.assert_plain([stored.name, stored.organisation, stored.message])
