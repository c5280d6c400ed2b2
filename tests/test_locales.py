"""Languages are configuration: a new code gets its locale and a translated home page, once."""

from django.test import TestCase, override_settings
from wagtail.models import Locale, Site

from home.locales import ensure_default_site_address, ensure_locales_and_homes
from home.models import HomePage

THREE = [("vi", "Tiếng Việt"), ("en", "English"), ("ko", "한국어")]


class LocaleSetupTests(TestCase):
    def test_migrate_created_vi_and_en_home_pages_as_translations(self):
        vi = HomePage.objects.get(locale__language_code="vi")
        en = HomePage.objects.get(locale__language_code="en")
        self.assertEqual(vi.translation_key, en.translation_key)
        self.assertTrue(vi.live and en.live)
        self.assertEqual(en.title, "Home")
        self.assertEqual(Site.objects.get(is_default_site=True).root_page_id, vi.pk)

    @override_settings(WAGTAIL_CONTENT_LANGUAGES=THREE, LANGUAGES=THREE)
    def test_adding_a_language_creates_its_locale_and_home_once(self):
        self.assertEqual(ensure_locales_and_homes(), ["ko"])
        korean = HomePage.objects.get(locale__language_code="ko")
        self.assertEqual(korean.title, "홈")
        self.assertEqual(ensure_locales_and_homes(), [])
        self.assertEqual(HomePage.objects.filter(locale__language_code="ko").count(), 1)
        self.assertEqual(Locale.objects.filter(language_code="ko").count(), 1)

    @override_settings(WAGTAILADMIN_BASE_URL="https://kkt.example.gov.vn")
    def test_default_site_address_follows_the_base_url_until_an_admin_sets_one(self):
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "localhost", 80
        site.save()
        ensure_default_site_address()
        site.refresh_from_db()
        self.assertEqual((site.hostname, site.port), ("kkt.example.gov.vn", 443))
        site.hostname = "congthongtin.example.vn"
        site.save()
        ensure_default_site_address()
        site.refresh_from_db()
        self.assertEqual(site.hostname, "congthongtin.example.vn")
