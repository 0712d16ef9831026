"""A wave of the monitor, with a frozen copy of the questionnaire it was fielded with, so a
later questionnaire version never breaks an older wave.

The model moved here from ``fieldwork`` keeping its rows: see the migrations of this app.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Wave(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        OPEN = "open", _("open for responses")
        CLOSED = "closed", _("closed")
        PUBLISHED = "published", _("published")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    frame_year = models.PositiveSmallIntegerField(_("frame year"))
    questionnaire_id = models.CharField(_("questionnaire"), max_length=80)
    questionnaire_version = models.CharField(_("questionnaire version"), max_length=40)
    questionnaire = models.JSONField(_("frozen questionnaire"))
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Synthetic demonstration data; every output that shows it says so."),
    )

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        label = f"AI Monitor {self.year}"
        return f"{label} (synthetisch)" if self.is_synthetic else label
