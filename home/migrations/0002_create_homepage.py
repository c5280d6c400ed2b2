"""Replace Wagtail's placeholder page with the Vietnamese home page and point the default site at it.

No hard-coded ids or paths: the placeholder's tree position is reused when it exists, otherwise the
home page is appended under the root. Other languages' home pages are created as translations of this
one by ``home.locales.ensure_locales_and_homes`` (run after every migrate), because languages are
configuration.
"""

import uuid

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number):
    digits = ""
    while number:
        number, rem = divmod(number, len(ALPHABET))
        digits = ALPHABET[rem] + digits
    return digits.rjust(STEPLEN, "0")


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).order_by("path").first()
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    placeholder = Page.objects.filter(content_type=page_type, depth=2, slug="home").first()
    if placeholder is not None:
        path = placeholder.path
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()
        root.numchild = Page.objects.filter(depth=2).count()
    else:
        last = Page.objects.filter(depth=2).order_by("-path").first()
        path = root.path + _encode(int(last.path[-STEPLEN:], 36) + 1 if last else 1)
    locale, _created = Locale.objects.get_or_create(language_code="vi")
    home_type, _created = ContentType.objects.get_or_create(app_label="home", model="homepage")
    home = HomePage.objects.create(
        title="Trang chủ",
        draft_title="Trang chủ",
        slug="trang-chu",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/trang-chu/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        has_unpublished_changes=False,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="")
    else:
        site.root_page = home
        site.save(update_fields=["root_page"])


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home.HomePage")
    Page = apps.get_model("wagtailcore.Page")
    HomePage.objects.all().delete()
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
