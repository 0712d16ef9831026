"""What the research team keeps per wave: its contacts, its mail texts and every mail sent.

- :class:`Contact`: a person to invite for a municipality, imported from CSV
  (:mod:`aimonitor.fieldwork.contacts` checks the file; :mod:`.contacts` stores it). A shared
  organisation (werkorganisatie) is one contact of the municipality that answers, with the
  municipalities it ``covers``.
- :class:`MailTemplate`: the wave's own text of the invitation or the reminder in one
  language; without one the shipped default (``research/mail/*.txt``) is used.
- :class:`Delivery`: one mail to one contact, sent, refused by the receiving server
  (bounced) or failed; what reminders count, and what the cockpit shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aimonitor.web.waves.models import Wave


class Contact(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        CONTRIBUTOR = "contributor", _("contributor")

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="contacts")
    municipality_code = models.CharField(_("municipality (CBS code)"), max_length=6)
    covers = models.JSONField(
        _("also answers for"),
        default=list,
        blank=True,
        help_text=_("CBS codes of the municipalities a shared organisation answers for."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="nl"
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        ordering = ["wave", "municipality_code", "role", "email"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "municipality_code", "email"], name="one_contact_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> ({self.municipality_code})"


class MailTemplate(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("invitation")
        REMINDER = "reminder", _("reminder")

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="mail_templates")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["wave", "kind", "language"]
        verbose_name = _("mail text")
        verbose_name_plural = _("mail texts")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "kind", "language"], name="one_text_per_kind_and_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.wave.year} {self.get_kind_display()} ({self.language})"


class Delivery(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        BOUNCED = "bounced", _("refused by the receiving server")
        FAILED = "failed", _("failed")

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="deliveries")
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    municipality_code = models.CharField(_("municipality (CBS code)"), max_length=6)
    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=12, choices=MailTemplate.Kind.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        indexes = [models.Index(fields=["wave", "contact", "kind"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.email}: {self.status}"
