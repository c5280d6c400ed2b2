"""What bumps the page cache generation (``home.cache``) and purges the front-end cache.

- Pages: published (including a wagtail-localize translation, which is published like any page),
  unpublished, moved, deleted. Draft saves change nothing public and bump nothing.
- Every other model of the portal's apps (snippets, settings, catalogues, departments, answered
  questions…) and Wagtail's sites, locales, images, documents and search promotions, on save and
  delete, except the bookkeeping models listed in ``IGNORED_MODELS``, which no public page shows.
- The visit counter's "most read" list on the home page is NOT a reason to bump: it is allowed to be
  up to ``PAGE_CACHE_SECONDS`` stale, otherwise every visit would empty the cache.

With ``WAGTAILFRONTENDCACHE`` configured (Varnish, Cloudflare…), publishing or unpublishing a page
also purges its URL and the URLs of the pages that list it: its ancestors (section, news index, home).
"""

import logging

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import bump_generation

logger = logging.getLogger(__name__)

WATCHED_APPS = {"home", "sections", "procedures", "investment"}
WATCHED_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailsearchpromotions.searchpromotion",
    "taggit.tag",
}
# Written by visitors or by background jobs, and shown on no public page (or, for the visit counts,
# allowed to be stale: see above).
IGNORED_MODELS = {
    "home.dailyvisits",
    "home.pageviews",
    "home.onlinevisitor",
    "sections.contentreview",
    "sections.reminderlog",
    "sections.editorialsettings",
    "investment.investorinquiry",
}


def _label(model):
    return model._meta.label_lower


def _watched(model):
    label = _label(model)
    if label in IGNORED_MODELS or issubclass(model, Page):
        return False
    return label in WATCHED_MODELS or model._meta.app_label in WATCHED_APPS


# What saving a revision, locking or workflow bookkeeping writes on the page row: nothing public.
PAGE_BOOKKEEPING_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "live_revision",
    "expired",
    "go_live_at",
    "expire_at",
    "approved_go_live_at",
}


def model_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw:
        return
    if isinstance(instance, Page):
        # Publishing has its own signal; this catches pages saved directly (imports, scripts, tests).
        if update_fields is None or not set(update_fields) <= PAGE_BOOKKEEPING_FIELDS:
            bump_generation()
        return
    if not _watched(sender):
        return
    if created and _label(sender) == "sections.question" and not (instance.status == "answered" and instance.answer):
        return  # a visitor's new question: shown only once answered (that save bumps)
    bump_generation()


def model_deleted(sender, instance, **kwargs):
    if _watched(sender):
        bump_generation()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation()


def page_changed(sender, instance, **kwargs):
    bump_generation()
    purge_frontend_cache(instance)


def page_moved(sender, instance, url_path_before=None, parent_page_before=None, **kwargs):
    bump_generation()
    purge_frontend_cache(instance, old_url_path=url_path_before, old_parent=parent_page_before)


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_frontend_cache(page, old_url_path=None, old_parent=None):
    """Purge ``page`` and its ancestors below the root (the pages that list it) from the front-end cache."""
    if not frontend_cache_configured():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    try:
        batch = PurgeBatch()
        pages = list(page.get_ancestors(inclusive=True).filter(depth__gte=2).specific(defer=True))
        if old_parent is not None:  # a moved page: the pages that listed it at its old place too
            pages += list(old_parent.get_ancestors(inclusive=True).filter(depth__gte=2).specific(defer=True))
        batch.add_pages(pages)
        if old_parent is not None and old_url_path != page.url_path:  # and its old address (same slug)
            old_parent_url = old_parent.get_full_url()
            if old_parent_url:
                batch.add_url(old_parent_url + page.slug + "/")
        batch.purge()
    except Exception:  # noqa: BLE001 - a purge failure must never fail the publish
        logger.exception("Front-end cache purge failed for page %s", page.pk)


def connect():
    post_save.connect(model_saved, dispatch_uid="page_cache_model_saved")
    post_delete.connect(model_deleted, dispatch_uid="page_cache_model_deleted")
    post_delete.connect(page_deleted, dispatch_uid="page_cache_page_deleted")
    page_published.connect(page_changed, dispatch_uid="page_cache_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache_page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="page_cache_page_moved")
