"""Project conventions enforced as system checks, not by memory."""

from django.core import checks


@checks.register()
def page_types_declare_tree_rules(app_configs, **kwargs):
    """Every project page type declares parent_page_types and subpage_types itself."""
    from wagtail.models import get_page_models

    project_apps = {"home", "sections", "procedures", "investment", "search"}
    errors = []
    for model in get_page_models():
        if model._meta.app_label not in project_apps:
            continue
        for attribute in ("parent_page_types", "subpage_types"):
            declared = any(
                attribute in klass.__dict__
                for klass in model.__mro__
                if klass.__module__.startswith(tuple(project_apps))
            )
            if not declared:
                errors.append(
                    checks.Error(
                        f"{model.__name__} must declare {attribute}.",
                        hint="State the page tree rules in code so the admin cannot break the structure.",
                        obj=model,
                        id="portal.E001",
                    )
                )
    return errors
