"""The language of the request being answered, as the core takes it."""

from __future__ import annotations

from django.utils.translation import get_language

from aimonitor.i18n import DEFAULT_LANGUAGE, Lang, UnknownLanguageError, check_language


def current_language() -> Lang:
    """The language of this request (Dutch unless the person switched to English); the
    default for a language the site does not have."""
    try:
        return check_language((get_language() or DEFAULT_LANGUAGE)[:2])
    except UnknownLanguageError:
        return DEFAULT_LANGUAGE
