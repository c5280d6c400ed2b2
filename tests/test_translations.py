"""The English interface translation is complete and its compiled catalogue matches the source."""

from pathlib import Path

import polib
from django.test import SimpleTestCase
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parent.parent / "portal" / "locale" / "en" / "LC_MESSAGES"


class EnglishCatalogueTests(SimpleTestCase):
    def test_every_message_is_translated_and_none_is_fuzzy(self):
        po = polib.pofile(str(LOCALE_DIR / "django.po"))
        self.assertGreater(len(po), 100)
        self.assertEqual([e.msgid for e in po.untranslated_entries()], [])
        self.assertEqual([e.msgid for e in po.fuzzy_entries()], [])

    def test_compiled_catalogue_matches_the_source(self):
        po = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(LOCALE_DIR / "django.po")) if not e.obsolete}
        mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(LOCALE_DIR / "django.mo")) if e.msgid}
        self.assertEqual(po, mo, "run `manage.py compilemessages` and commit django.mo")

    def test_interface_strings_switch_language(self):
        with translation.override("en"):
            self.assertEqual(translation.gettext("Văn bản"), "Legal documents")
        with translation.override("vi"):
            self.assertEqual(translation.gettext("Văn bản"), "Văn bản")
