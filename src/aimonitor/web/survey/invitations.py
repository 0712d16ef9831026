"""The invitation mail: a personal link, what it is for, until when it works.

Sent by the coordinator's invite form, by ``aimonitor invite`` and the admin. The mail's
words are a template (``survey/invitation.txt``) in the language of the moment.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from aimonitor.i18n import Lang
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.survey.access import frozen_questionnaire
from aimonitor.web.survey.links import IssuedLink


def link_url(issued: IssuedLink, base_url: str | None = None) -> str:
    """The full address of the link (``base_url``: scheme and host, else the configured
    ``AIMONITOR_BASE_URL``)."""
    base = (base_url or settings.BASE_URL).rstrip("/")
    return base + reverse("survey:open", args=[issued.token])


def send_invitation(
    issued: IssuedLink,
    municipality: Municipality,
    inviter: str,
    lang: Lang,
    *,
    base_url: str | None = None,
) -> str:
    """Mail the link to its person; the link's address."""
    link = issued.link
    questionnaire = frozen_questionnaire(link.wave)
    themes = [
        t.name.get(lang) for t in questionnaire.themes if not link.themes or t.id in link.themes
    ]
    subject = _("AI Monitor %(year)s: your questions for %(municipality)s")
    return _send(
        issued,
        municipality,
        subject,
        "survey/invitation.txt",
        {"inviter": inviter, "themes": themes},
        base_url,
    )


def send_benchmark_link(
    issued: IssuedLink, municipality: Municipality, *, base_url: str | None = None
) -> str:
    """Mail a benchmark link to its person (in the language of the moment); its address."""
    subject = _("AI Monitor %(year)s: the benchmark of %(municipality)s")
    return _send(issued, municipality, subject, "survey/benchmark_invitation.txt", {}, base_url)


def _send(
    issued: IssuedLink,
    municipality: Municipality,
    subject: str,
    template: str,
    context: dict[str, object],
    base_url: str | None,
) -> str:
    """Mail ``template`` with the link to its person; the link's address."""
    link = issued.link
    url = link_url(issued, base_url)
    body = render_to_string(
        template,
        {
            **context,
            "url": url,
            "municipality": municipality,
            "wave": link.wave,
            "expires_at": link.expires_at,
        },
    )
    values = {"year": link.wave.year, "municipality": municipality.name}
    send_mail(subject % values, body, None, [link.user.email or link.user.username])
    return url
