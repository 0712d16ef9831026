"""One response per municipality per wave, answers keyed by variable.

Answers are stored by variable name with a JSON value; the wave (:mod:`aimonitor.web.waves`)
keeps the questionnaire they answer.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.waves.models import Wave


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
