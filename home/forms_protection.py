"""One protection for every public form (Q&A question, contact page, investor inquiry).

- a honeypot field (``website``): rendered visually hidden, people leave it empty, bots fill it;
- a length limit on every text field (fields without one get ``MAX_TEXT_LENGTH``);
- markup stripped: what is stored is plain text (tags and control characters removed; NUL is refused);
- a per-address rate limit kept in the cache: at most ``PORTAL_FORM_RATE_LIMIT`` accepted (or
  honeypot-trapped) submissions per form and client address (and per e-mail address where the form
  has one) within ``PORTAL_FORM_RATE_WINDOW`` seconds. The client address is ``REMOTE_ADDR``, or the
  ``X-Forwarded-For`` entry added by the outermost of ``PORTAL_TRUSTED_PROXY_COUNT`` trusted proxies.
  A cache outage never refuses a visitor: the limit is then simply not applied;
- ``send_notification()``: mail after the submission is stored; a mail failure is logged and reported
  back so the visitor is told the notification is delayed, never shown an error.

CSRF is Django's middleware (every form template has ``{% csrf_token %}``); a refused request gets
``home.views.csrf_failure``, a 403 page in the visitor's language.
"""

import hashlib
import logging
import re

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.core.validators import MaxLengthValidator
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
MAX_TEXT_LENGTH = 5000
RATE_LIMITED = "rate_limited"
# C0 control characters except tab, newline and carriage return. NUL is left in: Django's field
# validator then refuses the submission with a clear error (and PostgreSQL never sees it).
CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What is left of a tag after strip_tags gave up (nested or broken markup such as "<<a>b>").
TAG_LIKE = re.compile(r"<[a-zA-Z!/?][^<>]*>")


def plain_text(value):
    """``value`` as plain text: tags removed, control characters (but NUL) dropped, space stripped."""
    text = CONTROL_CHARACTERS.sub("", value)
    if "<" in text:
        text = strip_tags(text)
        while TAG_LIKE.search(text):
            text = TAG_LIKE.sub("", text)
    return text.strip()


def client_address(request):
    """The visitor's IP address: REMOTE_ADDR unless trusted proxies put it in X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            # Each trusted proxy appends the address it received the request from; the entry the
            # outermost one added is the client. Anything further left was sent by the client itself.
            return forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return remote


def _rate_keys(scope, address, email=""):
    keys = []
    if address:
        keys.append(f"form-rate:{scope}:ip:" + hashlib.sha256(address.encode()).hexdigest())
    if email:
        keys.append(f"form-rate:{scope}:email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest())
    return keys


def rate_limited(scope, address, email=""):
    limit = settings.PORTAL_FORM_RATE_LIMIT
    if limit <= 0:
        return False
    try:
        return any((cache.get(key) or 0) >= limit for key in _rate_keys(scope, address, email))
    except Exception:  # noqa: BLE001  a cache outage must not refuse visitors
        logger.warning("Form rate limit not checked: cache unavailable", exc_info=True)
        return False


def count_submission(scope, address, email=""):
    window = settings.PORTAL_FORM_RATE_WINDOW
    for key in _rate_keys(scope, address, email):
        try:
            if cache.add(key, 1, window):
                continue
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, window)
        except Exception:  # noqa: BLE001
            logger.warning("Form rate limit not counted: cache unavailable", exc_info=True)


def honeypot_field():
    return forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class PublicFormMixin:
    """Mix into a public ``forms.Form``/``ModelForm`` (before it): see the module docstring.

    Pass ``client_address=client_address(request)`` when binding the form; call
    ``count_submission()`` once the submission is stored; answer ``error_status()`` when invalid.
    """

    rate_scope = "form"
    rate_email_field = None  # name of an e-mail field that is rate-limited as well
    honeypot_message = _("Không gửi được. Vui lòng thử lại.")
    rate_limit_message = _(
        "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau hoặc gọi điện cho chúng tôi."
    )

    def __init__(self, *args, client_address="", **kwargs):
        super().__init__(*args, **kwargs)
        self.client_address = client_address or ""
        self.honeypot_triggered = False
        self.fields.setdefault(HONEYPOT_FIELD, honeypot_field())
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                self._protect_text_field(field)

    @staticmethod
    def _protect_text_field(field):
        if not field.max_length:
            field.max_length = MAX_TEXT_LENGTH
            field.validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
            field.widget.attrs["maxlength"] = str(MAX_TEXT_LENGTH)
        limit = field.max_length
        to_python = field.to_python

        def plain_to_python(value):
            if isinstance(value, str) and len(value) > 2 * limit + 1000:
                return value[: limit + 1]  # far too long: refused by the length check without parsing it
            value = to_python(value)
            return plain_text(value) if isinstance(value, str) else value

        field.to_python = plain_to_python

    def _email(self):
        if not self.rate_email_field:
            return ""
        value = self.data.get(self.rate_email_field, "") if self.is_bound else ""
        return value if isinstance(value, str) else ""

    def clean(self):
        cleaned = super().clean()
        if self.data.get(HONEYPOT_FIELD):
            self.honeypot_triggered = True
            self.add_error(HONEYPOT_FIELD, self.honeypot_message)
        cleaned.pop(HONEYPOT_FIELD, None)
        if rate_limited(self.rate_scope, self.client_address, self._email()):
            raise forms.ValidationError(self.rate_limit_message, code=RATE_LIMITED)
        if self.honeypot_triggered:
            count_submission(self.rate_scope, self.client_address)
        return cleaned

    def count_submission(self):
        count_submission(self.rate_scope, self.client_address, self._email())

    def error_status(self):
        """429 when the visitor is over the rate limit, else 400."""
        return 429 if self.has_error(NON_FIELD_ERRORS, RATE_LIMITED) else 400


def send_notification(subject, body, recipients, from_email=None, what="submission"):
    """Send a notification about an already stored submission; False (logged) when mail fails."""
    try:
        send_mail(subject, body, from_email, recipients)
    except Exception:  # noqa: BLE001  the submission is stored; staff see it in the admin
        logger.exception("Could not send the notification mail for %s; it is stored and can be read in the admin", what)
        return False
    return True
