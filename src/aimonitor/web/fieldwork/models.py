"""A wave of the monitor, one response per municipality per wave, answers keyed by variable.

Answers are stored by variable name with a JSON value, and every wave keeps a frozen copy of
the questionnaire it was fielded with, so a later questionnaire version never breaks an
older wave.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from aimonitor.web.municipalities.models import Municipality


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


class MunicipalResponse(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        SUBMITTED = "submitted", _("submitted")

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="responses"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    class Meta:
        ordering = ["wave", "municipality__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "municipality"], name="one_response_per_municipality_per_wave"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} – {self.wave.year}"


class Answer(models.Model):
    response = models.ForeignKey(
        MunicipalResponse, on_delete=models.CASCADE, related_name="answers"
    )
    variable = models.CharField(_("variable"), max_length=60)
    value = models.JSONField(_("value"))

    class Meta:
        ordering = ["response", "variable"]
        constraints = [
            models.UniqueConstraint(fields=["response", "variable"], name="one_answer_per_variable")
        ]

    def __str__(self) -> str:
        return f"{self.variable} = {self.value!r}"
