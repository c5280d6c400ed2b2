"""Create and update page translations through wagtail-localize (synced, never unlinked copies)."""

from django.db import transaction
from wagtail.models import Locale


@transaction.atomic
def translate_page(page, locale, strings=None, publish=True, user=None):
    """Translate ``page`` into ``locale`` with wagtail-localize and return the translated page.

    ``strings`` maps source strings to their translations; segments without one fall back to the
    source text (editors finish them in the translation editor). Running it again updates the
    translation in place, so it is idempotent.
    """
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    if isinstance(locale, str):
        locale = Locale.objects.get(language_code=locale)
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = (strings or {}).get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    # wagtail-localize publishes on transaction commit; publish here instead so the result is the
    # same inside a surrounding transaction (demo loading, tests) as outside one.
    translation.save_target(user=user, publish=False)
    translated = page.get_translation(locale).specific
    if publish:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated
