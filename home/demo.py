"""Demo data for the home app: agency identity, the superuser, the home pages' text."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from wagtail.models import Site

from .locales import ensure_locales_and_homes
from .models import AgencySettings, HomePage
from .translation import translate_page

DEMO_PAGES = Path(__file__).resolve().parent.parent / "sections" / "demo_data" / "pages.json"


def ensure_user(username, password, context, **fields):
    """Create the user once; later runs change nothing unless the password differs."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
        if created:
            context.count("users")
    return user


def load(context):
    data = json.loads(DEMO_PAGES.read_text(encoding="utf-8"))
    agency = data["agency"]
    ensure_locales_and_homes()
    settings_obj = AgencySettings.load()
    wanted = {
        "name_vi": agency["name_vi"],
        "name_en": agency["name_en"],
        "parent_vi": agency["parent_vi"],
        "parent_en": agency["parent_en"],
        "address_vi": agency["address_vi"],
        "address_en": agency["address_en"],
        "phone": agency["phone"],
        "fax": agency.get("fax", ""),
        "email": agency["email"],
        "hours_vi": agency.get("hours_vi", ""),
        "hours_en": agency.get("hours_en", ""),
        "licence_vi": "Chịu trách nhiệm nội dung: Trưởng Ban biên tập",
        "licence_en": "Responsible for content: Head of the Editorial Board",
        # The meeting of 26/07/2017 counted nearly 426,000 visits on the old site.
        "visits_before_launch": 426000,
    }
    if any(getattr(settings_obj, k) != v for k, v in wanted.items()):
        for key, value in wanted.items():
            setattr(settings_obj, key, value)
        settings_obj.save()

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and site.site_name != agency["name_vi"]:
        site.site_name = agency["name_vi"]
        site.save(update_fields=["site_name"])

    ensure_user(
        "admin",
        context.password,
        context,
        is_superuser=True,
        is_staff=True,
        email="admin@example.vn",
        first_name="Quản trị",
        last_name="hệ thống",
    )

    home = HomePage.objects.get(locale__language_code="vi")
    home_text = data["home"]
    intro = f"<p>{home_text['intro_vi']}</p>"
    if home.title != "Trang chủ" or home.intro != intro:
        home.title = "Trang chủ"
        home.intro = intro
        home.save_revision().publish()
        english = {"Trang chủ": "Home", home_text["intro_vi"]: home_text["intro_en"]}
        translate_page(home, "en", english)
