"""Personal links into a municipality's response, and the fieldwork's audit log.

A link (:class:`AccessLink`) is what an invited person opens: a signed token of which only
the SHA-256 hash is stored, bound to one person, one wave and one municipality, for one
purpose (:mod:`aimonitor.web.survey.purposes`: coordinator or contributor) and, for a
contributor, a set of themes. It expires when the wave closes and can be revoked; a new
link can be issued at any time. The person is a Django user with a
:class:`~aimonitor.web.accounts.models.Membership`: their name and e-mail address are
kept there, apart from the answers (which record only who changed them, through their
history).

:class:`FieldworkEvent` is the audit log of the fieldwork: logins, contact imports,
invitations, reminders and failed mails, revocations, submissions, reopenings and changes of
a wave; rows are only ever added.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aimonitor.web.waves.guards import FrozenError
from aimonitor.web.waves.models import Wave


class AccessLink(models.Model):
    class Purpose(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        CONTRIBUTOR = "contributor", _("contributor")
        BENCHMARK = "benchmark", _("benchmark")

    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_links"
    )
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="access_links")
    municipality_code = models.CharField(_("municipality (CBS code)"), max_length=6)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ["wave", "municipality_code", "created_at"]
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        indexes = [models.Index(fields=["wave", "municipality_code"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.municipality_code} ({self.user})"

    def is_usable(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at


class FieldworkEvent(models.Model):
    class Kind(models.TextChoices):
        INVITED = "invited", _("invited")
        REVOKED = "revoked", _("link revoked")
        SUBMITTED = "submitted", _("submitted")
        REOPENED = "reopened", _("reopened")
        REMINDED = "reminded", _("reminded")
        MAIL_FAILED = "mail_failed", _("mail not delivered")
        IMPORTED = "imported", _("contacts imported")
        WAVE_CHANGED = "wave_changed", _("wave changed")
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("login failed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    wave = models.ForeignKey(
        Wave,
        on_delete=models.CASCADE,
        related_name="fieldwork_events",
        null=True,
        blank=True,
        help_text=_("Empty for events of no wave (logins)."),
    )
    municipality_code = models.CharField(_("municipality (CBS code)"), max_length=6, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("fieldwork event")
        verbose_name_plural = _("fieldwork events")

    def __str__(self) -> str:
        where = f" {self.municipality_code}" if self.municipality_code else ""
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}{where}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise FrozenError("the fieldwork log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise FrozenError("the fieldwork log is append-only")
