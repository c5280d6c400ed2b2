"""Investment promotion: page tree, zone figures, filters and comparison, the investor inquiry form,
its admin listing, and numbers per locale."""

import re
from decimal import Decimal
from io import StringIO
from unittest import mock

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from investment.models import (
    Country,
    IncentivePage,
    InvestmentForm,
    InvestmentGuidePage,
    InvestmentIndexPage,
    InvestmentProjectPage,
    InvestorInquiry,
    Sector,
    ZonePage,
)
from investment.templatetags.investment_tags import local_number
from sections.models import ArticlePage, Department, SectionPage, StandardPage
from tests.helpers import PASSWORD, build_demo_structure


def make_zone(index, slug, kind="kcn", total="100", industrial="80", leased="20", department=None, **fields):
    zone = ZonePage(
        title=fields.pop("title", f"Khu {slug}"),
        slug=slug,
        kind=kind,
        location="Kon Tum",
        latitude=fields.pop("latitude", Decimal("14.35")),
        longitude=fields.pop("longitude", Decimal("108.0")),
        total_area=Decimal(total),
        industrial_area=Decimal(industrial),
        leased_area=Decimal(leased),
        department=department or index.department,
        **fields,
    )
    index.add_child(instance=zone)
    zone.save_revision().publish()
    return zone


def make_project(index, slug, sector, form, zone=None, usd="10", status="calling"):
    project = InvestmentProjectPage(
        title=f"Dự án {slug}",
        slug=slug,
        summary="Tóm tắt",
        sector=sector,
        zone=zone,
        area=Decimal("5"),
        capital_vnd=Decimal(usd) * 25,
        capital_usd=Decimal(usd),
        investment_form=form,
        land_status="cleared",
        status=status,
    )
    index.add_child(instance=project)
    project.save_revision().publish()
    return project


class TreeRulesTests(WagtailPageTestCase):
    def test_every_investment_page_type_has_its_place(self):
        self.assertAllowedParentPageTypes(InvestmentIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(
            InvestmentIndexPage,
            {ZonePage, InvestmentProjectPage, IncentivePage, InvestmentGuidePage, StandardPage},
        )
        for model in (ZonePage, InvestmentProjectPage, IncentivePage, InvestmentGuidePage):
            self.assertAllowedParentPageTypes(model, {InvestmentIndexPage})
            self.assertAllowedSubpageTypes(model, set())
        self.assertCanNotCreateAt(HomePage, ZonePage)
        self.assertCanNotCreateAt(SectionPage, InvestmentProjectPage)
        self.assertFalse(ZonePage.show_in_menus_default)

    def test_one_guide_per_section(self):
        structure = build_demo_structure()
        index = structure.sections["xuc-tien-dau-tu"]
        self.assertCanCreateAt(InvestmentIndexPage, InvestmentGuidePage)
        self.assertTrue(InvestmentGuidePage.can_create_at(index))
        index.add_child(instance=InvestmentGuidePage(title="Hướng dẫn", slug="hd", steps=[]))
        self.assertFalse(InvestmentGuidePage.can_create_at(index))


class ZoneFiguresTests(TestCase):
    def test_occupancy_and_available_land_are_computed_from_the_areas(self):
        zone = ZonePage(total_area=Decimal("129.7"), industrial_area=Decimal("92.8"), leased_area=Decimal("71.3"))
        self.assertEqual(zone.occupancy_rate, Decimal("76.8"))
        self.assertEqual(zone.available_area, Decimal("21.5"))
        zone.leased_area = Decimal("0")
        self.assertEqual(zone.occupancy_rate, Decimal("0.0"))
        self.assertEqual(zone.available_area, Decimal("92.8"))
        self.assertIsNone(ZonePage(total_area=1, industrial_area=0, leased_area=0).occupancy_rate)

    def test_areas_must_nest(self):
        structure = build_demo_structure()
        index = structure.sections["xuc-tien-dau-tu"]
        zone = make_zone(index, "kcn-a")
        zone.leased_area = Decimal("81")
        with self.assertRaises(ValidationError) as raised:
            zone.full_clean()
        self.assertIn("leased_area", raised.exception.message_dict)
        zone.leased_area, zone.industrial_area = Decimal("10"), Decimal("101")
        with self.assertRaises(ValidationError) as raised:
            zone.full_clean()
        self.assertIn("industrial_area", raised.exception.message_dict)


class ListingQueriesTests(TestCase):
    """Listing pages cost the same number of queries for 2 zones as for 10 (bench measures 10 and 500)."""

    def count(self, url):
        cache.clear()
        self.client.get(url)  # warm process-wide caches (content types, locales) first
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_query_count_does_not_grow_with_zones_and_projects(self):
        structure = build_demo_structure()
        index = structure.sections["xuc-tien-dau-tu"]
        sector = Sector.objects.create(slug="s", name_vi="Ngành", name_en="Sector")
        form = InvestmentForm.objects.create(slug="f", name_vi="Hình thức", name_en="Form")
        zones = [make_zone(index, f"k{n}") for n in range(2)]
        for n in range(2):
            make_project(index, f"p{n}", sector, form, zones[0])
        small = [self.count(index.url), self.count(index.url + "du-an/")]
        ids = "&".join(f"zones={z.pk}" for z in zones)
        small_compare = self.count(index.url + "so-sanh/?" + ids)
        zones += [make_zone(index, f"k{n}") for n in range(2, 10)]
        for n in range(2, 10):
            make_project(index, f"p{n}", sector, form, zones[n])
        large = [self.count(index.url), self.count(index.url + "du-an/")]
        self.assertEqual(small, large)
        ids = "&".join(f"zones={z.pk}" for z in zones[:2])
        self.assertEqual(small_compare, self.count(index.url + "so-sanh/?" + ids))

    def test_zone_list_is_paginated_and_the_map_shows_the_nearest_zones_only(self):
        from investment.templatetags.investment_tags import MAP_NEIGHBOURS
        from investment.views import ZONES_PER_PAGE

        structure = build_demo_structure()
        index = structure.sections["xuc-tien-dau-tu"]
        total = ZONES_PER_PAGE + 8
        zones = [
            make_zone(index, f"z{n:02d}", leased="60" if n % 2 else "20", longitude=Decimal(f"{107 + n / 100:.2f}"))
            for n in range(total)
        ]
        first = self.client.get(index.url)
        self.assertEqual(len(first.context["zones"]), ZONES_PER_PAGE)
        self.assertContains(first, 'rel="next"')
        second = self.client.get(index.url, {"page": "2"})
        self.assertEqual(len(second.context["zones"]), total - ZONES_PER_PAGE)
        shown = {z.pk for z in first.context["zones"]} | {z.pk for z in second.context["zones"]}
        self.assertEqual(shown, {z.pk for z in zones})
        for wrong in ("abc", "0", "999"):  # the nearest valid page, never an error
            self.assertEqual(self.client.get(index.url, {"page": wrong}).status_code, 200)
        # The land filter runs in the database: 80 ha industrial minus 60 leased leaves 20 ha, minus 20 leaves 60.
        free = self.client.get(index.url, {"min_land": "50"})
        self.assertEqual(free.context["zones"].paginator.count, (total + 1) // 2)
        # The offline map draws this zone and its nearest neighbours, not every zone of the province.
        response = self.client.get(zones[0].url)
        svg = re.search(r'<svg class="zone-map-svg".*?</svg>', response.content.decode(), re.S).group(0)
        self.assertEqual(svg.count("<circle"), min(total, MAP_NEIGHBOURS + 1))
        self.assertIn(f"<title>{zones[1].title}</title>", svg)  # the nearest one is among them


class NumberFormatTests(TestCase):
    def test_numbers_per_locale(self):
        with translation.override("vi"):
            self.assertEqual(local_number(Decimal("1234.50")), "1.234,5")
            self.assertEqual(local_number(Decimal("70438.00")), "70.438")
            self.assertEqual(local_number(Decimal("45000"), 2), "45.000")
        with translation.override("en"):
            self.assertEqual(local_number(Decimal("1234.50")), "1,234.5")
            self.assertEqual(local_number(Decimal("0.35"), 2), "0.35")
        self.assertEqual(local_number(None), "")
        self.assertEqual(local_number("not a number"), "not a number")

    def test_dates_per_locale(self):
        import datetime

        from django.utils.formats import date_format

        day = datetime.date(2026, 3, 9)
        with translation.override("vi"):
            self.assertEqual(date_format(day, "SHORT_DATE_FORMAT"), "09-03-2026")
        with translation.override("en"):
            self.assertEqual(date_format(day, "SHORT_DATE_FORMAT"), "03/09/2026")


class InvestmentDemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", password=PASSWORD, stdout=StringIO())
        cls.vi_index = InvestmentIndexPage.objects.get(locale__language_code="vi")
        cls.en_index = InvestmentIndexPage.objects.get(locale__language_code="en")

    def setUp(self):
        cache.clear()

    def zone(self, slug):
        return ZonePage.objects.get(slug=slug)


class DemoContentTests(InvestmentDemoTestCase):
    def test_demo_has_the_zones_projects_incentives_and_guide(self):
        vi = ZonePage.objects.filter(locale__language_code="vi")
        self.assertEqual(sorted(vi.values_list("kind", flat=True)), ["ccn", "ccn", "kcn", "kcn", "kcn", "kkt"])
        self.assertGreaterEqual(InvestmentProjectPage.objects.filter(locale__language_code="vi").count(), 8)
        self.assertEqual(IncentivePage.objects.filter(locale__language_code="vi").count(), 3)
        self.assertEqual(InvestmentGuidePage.objects.filter(locale__language_code="vi").count(), 1)
        for zone in vi:
            self.assertLessEqual(zone.leased_area, zone.industrial_area)
            self.assertLessEqual(zone.industrial_area, zone.total_area)

    def test_every_vietnamese_investment_page_has_a_live_english_translation_listing_it(self):
        from home.templatetags.portal_tags import hreflang_alternates

        # Every investment page; the news articles the sections demo files here are news, not translated.
        pages = self.vi_index.get_descendants(inclusive=True).live().not_type(ArticlePage).specific()
        self.assertGreater(len(pages), 18)
        for page in pages:
            english = page.get_translations().filter(locale__language_code="en").live().first()
            self.assertIsNotNone(english, page.url_path)
            self.assertNotEqual(english.title, page.title, page.url_path)
            self.assertNotEqual(english.slug, page.slug, page.url_path)
            codes = {a["code"]: a["url"] for a in hreflang_alternates({"request": None}, english)}
            self.assertTrue(codes["vi"].endswith(page.url), page.url_path)
        # wagtail-localize translations, not unlinked copies.
        from wagtail_localize.models import Translation

        self.assertTrue(Translation.objects.filter(source__object_id=self.vi_index.translation_key).exists())

    def test_hoa_binh_zone_is_owned_by_its_developer_which_may_edit_it(self):
        hoa_binh = self.zone("kcn-hoa-binh")
        dtptht = Department.objects.get(code="DTPTHT")
        self.assertEqual(hoa_binh.department, dtptht)
        granted = set(
            GroupPagePermission.objects.filter(group=dtptht.group, page=hoa_binh).values_list(
                "permission__codename", flat=True
            )
        )
        self.assertEqual(granted, {"add_page", "change_page"})
        editor = dtptht.group.user_set.first()
        self.assertTrue(hoa_binh.permissions_for_user(editor).can_edit())
        self.assertFalse(hoa_binh.permissions_for_user(editor).can_publish())
        self.assertFalse(self.zone("kcn-sao-mai").permissions_for_user(editor).can_edit())

    def test_demo_loads_twice_without_changes(self):
        before = (ZonePage.objects.count(), InvestmentProjectPage.objects.count(), Sector.objects.count())
        call_command("load_demo", password=PASSWORD, stdout=StringIO())
        after = (ZonePage.objects.count(), InvestmentProjectPage.objects.count(), Sector.objects.count())
        self.assertEqual(before, after)


class PublicPagesTests(InvestmentDemoTestCase):
    def test_zone_page_shows_figures_formatted_per_locale(self):
        vi = self.client.get(self.zone("kkt-cua-khau-quoc-te-bo-y").url)
        self.assertContains(vi, "1.234,5 ha")
        self.assertContains(vi, "70.438 ha")
        self.assertContains(vi, "25,3 %")
        en_zone = self.zone("bo-y-international-border-gate-economic-zone")
        self.assertTrue(en_zone.url.startswith("/en/investment-promotion/"))
        en = self.client.get(en_zone.url)
        self.assertContains(en, "1,234.5 ha")
        self.assertContains(en, "70,438 ha")
        self.assertContains(en, 'hreflang="vi"')
        self.assertContains(en, "geo:14.72410,107.56280")
        day = timezone.localtime(en_zone.last_published_at)
        self.assertContains(en, f"{day:%m/%d/%Y}</time>")
        self.assertContains(
            vi, f"{timezone.localtime(self.zone('kkt-cua-khau-quoc-te-bo-y').last_published_at):%d-%m-%Y}</time>"
        )
        # The offline map: an inline SVG placing the six zones by their coordinates, no tile server.
        svg = re.search(r'<svg class="zone-map-svg".*?</svg>', en.content.decode(), re.S).group(0)
        self.assertEqual(svg.count("<circle"), 6)
        self.assertNotIn("http", svg.replace("http://www.w3.org", ""))

    def test_zone_filters(self):
        response = self.client.get(self.vi_index.url, {"kind": "ccn"})
        self.assertEqual({z.slug for z in response.context["zones"]}, {"ccn-dak-la", "ccn-thanh-trung"})
        response = self.client.get(self.vi_index.url, {"min_land": "90"})
        self.assertEqual(
            {z.slug for z in response.context["zones"]}, {"kkt-cua-khau-quoc-te-bo-y", "kcn-sao-mai", "kcn-dak-to"}
        )
        response = self.client.get(self.en_index.url, {"kind": "kcn", "min_land": "100"})
        self.assertEqual([z.slug for z in response.context["zones"]], ["dak-to-industrial-zone"])
        for bad in ({"kind": "xyz"}, {"min_land": "abc\x00"}, {"min_land": "-5"}):
            response = self.client.get(self.vi_index.url, bad)
            self.assertEqual(response.status_code, 200)

    def test_project_filters(self):
        url = self.vi_index.url + "du-an/"
        response = self.client.get(url)
        self.assertEqual(len(response.context["projects"].object_list), 8)
        response = self.client.get(url, {"sector": "logistics"})
        self.assertEqual([p.slug for p in response.context["projects"]], ["kho-ngoai-quan-bo-y"])
        response = self.client.get(url, {"min_capital": "15", "max_capital": "30"})
        self.assertEqual(
            {p.slug for p in response.context["projects"]}, {"kho-ngoai-quan-bo-y", "nha-may-co-khi-sao-mai",
                                                             "nha-may-che-bien-sam"}
        )  # fmt: skip
        response = self.client.get(url, {"status": "awarded"})
        self.assertEqual([p.slug for p in response.context["projects"]], ["nha-may-gach-ccn-dak-la"])
        # English: the zone filter uses the English zones and finds the translated projects.
        en_zone = self.zone("dak-to-industrial-zone")
        response = self.client.get(self.en_index.url + "du-an/", {"zone": en_zone.pk})
        self.assertEqual(
            {p.slug for p in response.context["projects"]}, {"dak-to-cassava-starch-plant", "dak-to-rooftop-solar"}
        )
        self.assertContains(response, f'href="{en_zone.url}"')
        for bad in ({"zone": "999999"}, {"sector": "\x00"}, {"min_capital": "x"}, {"page": "abc"}):
            self.assertEqual(self.client.get(url, bad).status_code, 200)

    def test_comparison_shows_chosen_zones_side_by_side_and_ignores_bad_ids(self):
        a, b = self.zone("kcn-hoa-binh"), self.zone("kcn-sao-mai")
        en_zone = self.zone("dak-to-industrial-zone")  # another locale's zone: not in this index
        query = f"zones={b.pk}&zones=abc&zones={a.pk}&zones=99999&zones={en_zone.pk}&zones=%00&zones={a.pk}"
        response = self.client.get(self.vi_index.url + "so-sanh/?" + query)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["zones"], [b, a])
        html = response.content.decode()
        self.assertIn("76,8 %", html)
        self.assertIn("11,4 %", html)
        empty = self.client.get(self.vi_index.url + "so-sanh/")
        self.assertEqual(empty.status_code, 200)
        self.assertContains(empty, "Hãy chọn ít nhất một khu để so sánh.")

    def test_guide_links_procedures_and_incentives_render(self):
        guide = InvestmentGuidePage.objects.get(locale__language_code="vi")
        response = self.client.get(guide.url)
        self.assertContains(response, 'href="/vi/thu-tuc-hanh-chinh/"')
        for page in IncentivePage.objects.live():
            self.assertEqual(self.client.get(page.url).status_code, 200)
        for page in InvestmentProjectPage.objects.live():
            self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_search_returns_only_the_current_locale(self):
        response = self.client.get("/en/search/", {"q": "Industrial Zone"})
        results = list(response.context["search_results"])
        self.assertTrue(results)
        self.assertTrue(all(r.locale.language_code == "en" for r in results))
        response = self.client.get("/vi/search/", {"q": "Khu công nghiệp"})
        results = list(response.context["search_results"])
        self.assertTrue(results)
        self.assertTrue(all(r.locale.language_code == "vi" for r in results))


class LanguageSwitcherFallbackTests(InvestmentDemoTestCase):
    def test_untranslated_page_links_to_the_translated_section_with_a_notice(self):
        new_zone = make_zone(self.vi_index, "ccn-moi", kind="ccn")
        html = self.client.get(new_zone.url).content.decode()
        expected = self.en_index.url + "?untranslated=1"
        self.assertRegex(html, rf'<a[^>]+href="{re.escape(expected)}"[^>]*hreflang="en"')
        landing = self.client.get(expected)
        self.assertContains(landing, "notice-untranslated")
        self.assertNotContains(self.client.get(self.en_index.url), "notice-untranslated")
        # A translated page links straight to its translation.
        hoa_binh = self.zone("kcn-hoa-binh")
        html = self.client.get(hoa_binh.url).content.decode()
        self.assertIn(f'href="{self.zone("hoa-binh-industrial-zone").url}"', html)

    def test_language_links_mark_the_fallback(self):
        from django.test import RequestFactory

        from home.templatetags.portal_tags import language_links

        new_zone = make_zone(self.vi_index, "ccn-moi-2", kind="ccn")
        request = RequestFactory().get(new_zone.url)
        with translation.override("vi"):
            links = {link["code"]: link for link in language_links({"request": request}, new_zone)}
        self.assertTrue(links["en"]["is_fallback"])
        self.assertFalse(links["en"]["is_translation"])
        self.assertFalse(links["vi"]["is_fallback"])


class TranslationApprovalTests(InvestmentDemoTestCase):
    def test_a_translation_made_by_an_editor_is_a_draft_until_the_board_approves_it(self):
        from wagtail.models import Locale
        from wagtail_localize.operations import TranslationCreator

        qldt = Department.objects.get(code="QLDT")
        bbt = Department.objects.get(code="BBT")
        editor, board_editor = qldt.group.user_set.first(), bbt.group.user_set.first()
        zone = make_zone(self.vi_index, "kcn-moi", department=qldt)
        TranslationCreator(editor, [Locale.objects.get(language_code="en")]).create_translations(zone)
        english = zone.get_translation(Locale.objects.get(language_code="en"))
        self.assertFalse(english.live)
        self.assertEqual(self.client.get("/en/investment-promotion/kcn-moi/").status_code, 404)
        # The same moderation as any edit: submitted by the unit, approved by the editorial board.
        workflow = english.get_workflow()
        self.assertIsNotNone(workflow)
        english.save_revision(user=editor)
        state = workflow.start(english, editor)
        task_state = state.current_task_state
        self.assertEqual(set(task_state.task.specific.groups.all()), {bbt.group})
        self.assertFalse(english.live)
        task_state.task.specific.on_action(task_state, board_editor, "approve")
        english.refresh_from_db()
        self.assertTrue(english.live)


class InquiryTests(InvestmentDemoTestCase):
    def url(self, index=None):
        return (index or self.vi_index).url + "lien-he-dau-tu/"

    def data(self, **overrides):
        data = {
            "name": "Kim Min-jun",
            "organisation": "Hanul Co.",
            "country": Country.objects.get(slug="han-quoc").pk,
            "email": "minjun@example.kr",
            "interest": "land",
            "message": "We need 5 ha for a wood processing plant.",
            "consent": "on",
            "website": "",
        }
        data.update(overrides)
        return data

    def test_form_renders_in_both_languages(self):
        self.assertContains(self.client.get(self.url()), "Gửi yêu cầu tư vấn đầu tư")
        self.assertEqual(self.client.get(self.url(self.en_index)).status_code, 200)

    def test_inquiry_is_stored_then_mailed_to_qldt(self):
        response = self.client.post(self.url(), self.data())
        self.assertEqual(response.status_code, 200)
        inquiry = InvestorInquiry.objects.get()
        self.assertEqual(inquiry.email, "minjun@example.kr")
        self.assertTrue(inquiry.mailed)
        self.assertEqual(inquiry.language, "vi")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, [Department.objects.get(code="QLDT").email])
        self.assertIn("We need 5 ha", mail.outbox[0].body)

    def test_a_failing_mail_server_loses_nothing(self):
        with mock.patch("home.forms_protection.send_mail", side_effect=OSError("SMTP down")):
            response = self.client.post(self.url(self.en_index), self.data())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "notice-success")
        inquiry = InvestorInquiry.objects.get()
        self.assertFalse(inquiry.mailed)
        self.assertEqual(inquiry.language, "en")

    def test_honeypot_is_rejected_and_nothing_stored(self):
        response = self.client.post(self.url(), self.data(website="http://spam.example"))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(InvestorInquiry.objects.exists())
        self.assertEqual(mail.outbox, [])

    @override_settings(PORTAL_FORM_RATE_LIMIT=3)
    def test_rate_limit_per_address_in_the_visitors_language(self):
        for n in range(3):
            response = self.client.post(self.url(), self.data(message=f"Message {n}"))
            self.assertEqual(response.status_code, 200)
        response = self.client.post(self.url(), self.data())
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Bạn đã gửi quá nhiều lần trong thời gian ngắn", status_code=429)
        response = self.client.post(self.url(self.en_index), self.data())
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "You have sent this too many times in a short while", status_code=429)
        self.assertContains(response, "Not sent yet. Please check the following:", status_code=429)
        # Another address from the same IP is limited too (per IP).
        response = self.client.post(self.url(), self.data(email="other@example.kr"))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(InvestorInquiry.objects.count(), 3)

    def test_errors_in_vietnamese_and_english(self):
        bad = self.data(email="not-an-email", consent="")
        vi = self.client.post(self.url(), bad)
        self.assertEqual(vi.status_code, 400)
        self.assertContains(vi, "Cần đồng ý để chúng tôi có thể trả lời bạn.", status_code=400)
        self.assertContains(vi, "Chưa gửi được", status_code=400)
        en = self.client.post(self.url(self.en_index), bad)
        self.assertEqual(en.status_code, 400)
        with translation.override("en"):
            expected = translation.gettext("Cần đồng ý để chúng tôi có thể trả lời bạn.")
        self.assertContains(en, expected, status_code=400)
        self.assertContains(en, "Not sent yet. Please check the following:", status_code=400)
        self.assertContains(en, "Enter a valid email address.", status_code=400)
        self.assertContains(en, 'value="Kim Min-jun"', status_code=400)
        self.assertFalse(InvestorInquiry.objects.exists())

    def test_nul_bytes_in_a_posted_inquiry_are_refused_politely(self):
        response = self.client.post(self.url(), self.data(name="Kim\x00", message="a\x00b", country="\x00"))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(InvestorInquiry.objects.exists())

    def test_get_of_the_form_route_with_junk_is_fine(self):
        self.assertEqual(self.client.get(self.url(), {"x": "\x00"}).status_code, 200)


class InquiryAdminTests(InvestmentDemoTestCase):
    def setUp(self):
        super().setUp()
        InvestorInquiry.objects.create(name="A", email="a@example.com", interest="land", message="Hi", consent=True)

    def editor(self, code):
        return Department.objects.get(code=code).group.user_set.first()

    def test_only_qldt_and_the_board_see_and_export_inquiries(self):
        view = Permission.objects.get(codename="view_investorinquiry")
        holders = set(Department.objects.filter(group__permissions=view).values_list("code", flat=True))
        self.assertEqual(holders, {"QLDT", "BBT"})
        for code in ("QLDT", "BBT"):
            self.client.force_login(self.editor(code))
            listing = self.client.get("/admin/snippets/investment/investorinquiry/")
            self.assertEqual(listing.status_code, 200, code)
            export = self.client.get("/admin/snippets/investment/investorinquiry/", {"export": "csv"})
            self.assertEqual(export.status_code, 200)
            self.assertIn("a@example.com", b"".join(export.streaming_content).decode())
            xlsx = self.client.get("/admin/snippets/investment/investorinquiry/", {"export": "xlsx"})
            self.assertEqual(xlsx.status_code, 200)
        self.client.force_login(self.editor("QHXD"))
        self.assertIn(self.client.get("/admin/snippets/investment/investorinquiry/").status_code, (302, 403))

    def test_the_right_follows_ownership_of_the_investment_section(self):
        view = Permission.objects.get(codename="view_investorinquiry")
        qhxd = Department.objects.get(code="QHXD")
        self.vi_index.department = qhxd
        self.vi_index.save()
        holders = set(Department.objects.filter(group__permissions=view).values_list("code", flat=True))
        self.assertIn("QHXD", holders)
        self.assertIn("BBT", holders)


class ConfiguredLanguageTests(TestCase):
    THREE = [("vi", "Tiếng Việt"), ("en", "English"), ("ko", "한국어")]

    def test_adding_a_language_by_configuration_gives_a_working_home(self):
        from django.test import override_settings

        from home.locales import ensure_locales_and_homes

        with override_settings(LANGUAGES=self.THREE, WAGTAIL_CONTENT_LANGUAGES=self.THREE):
            self.assertEqual(ensure_locales_and_homes(), ["ko"])
            response = self.client.get("/ko/")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, '<html lang="ko"')
            self.assertContains(response, 'hreflang="ko"')
            self.assertEqual(response.context["page"].locale.language_code, "ko")


class AdminFormsTests(WagtailPageTestCase):
    """The real admin forms: a zone is created with its figures; impossible areas are refused."""

    def setUp(self):
        from django.contrib.auth import get_user_model

        self.structure = build_demo_structure()
        self.index = self.structure.sections["xuc-tien-dau-tu"]
        self.user = get_user_model().objects.create_superuser("root", "root@example.vn", "pass-123-x")
        self.client.force_login(self.user)
        self.sector = Sector.objects.create(slug="logistics", name_vi="Kho vận", name_en="Logistics")

    def zone_data(self, **overrides):
        from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

        data = {
            "title": "Khu công nghiệp Mới",
            "slug": "kcn-moi",
            "intro": rich_text("<p>Khu mới.</p>"),
            "department": self.structure.departments["DTPTHT"].pk,
            "body": streamfield([]),
            "kind": "kcn",
            "location": "Xã Hòa Bình",
            "latitude": "14.3",
            "longitude": "108.0",
            "total_area": "100",
            "industrial_area": "80",
            "leased_area": "20",
            "price_currency": "USD",
            "incentives": rich_text(""),
            "investors": streamfield([]),
            "contacts": streamfield([]),
            "gallery": streamfield([]),
        }
        data.update(overrides)
        form_data = nested_form_data(data)
        form_data["priority_sectors"] = [str(self.sector.pk)]  # a multiple choice: a list, not nested
        return form_data

    def test_create_a_zone_and_an_incentive_through_the_admin(self):
        from wagtail.test.utils.form_data import nested_form_data, rich_text

        self.assertCanCreate(self.index, ZonePage, self.zone_data())
        zone = ZonePage.objects.get(slug="kcn-moi")
        self.assertEqual(zone.occupancy_rate, Decimal("25.0"))
        self.assertEqual(list(zone.priority_sectors.all()), [self.sector])
        self.assertCanCreate(
            self.index,
            IncentivePage,
            nested_form_data(
                {
                    "title": "Ưu đãi thuế",
                    "slug": "uu-dai-thue",
                    "kind": "tax",
                    "zone_kind": "",
                    "summary": "Thuế suất 10%.",
                    "body": rich_text("<p>Nội dung.</p>"),
                    "legal_basis": "Nghị định 218/2013/NĐ-CP",
                }
            ),
        )

    def test_the_admin_refuses_leased_land_above_industrial_land(self):
        from django.urls import reverse

        url = reverse("wagtailadmin_pages:add", args=("investment", "zonepage", self.index.pk))
        response = self.client.post(url, self.zone_data(leased_area="90"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ZonePage.objects.filter(slug="kcn-moi").exists())
        self.assertContains(response, "Diện tích đã cho thuê không được lớn hơn diện tích đất công nghiệp.")
