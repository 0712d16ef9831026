"""A wave of the monitor, with a frozen copy of the questionnaire it was fielded with, so a
later questionnaire version never breaks an older wave, and the fingerprint of the population
frame it was opened with (ADR 0008).

What is fixed when (``docs/decisions/0008-frozen-waves.md``):

- a draft may change in every way, and be deleted;
- once opened, its year, frame (year and fingerprint), questionnaire and synthetic flag are
  frozen, and it never returns to draft; it may close, reopen and be published;
- a published wave changes no more, and is never deleted (synthetic waves are replaced as a
  whole by ``aimonitor demo-data`` only, see :mod:`aimonitor.web.waves.guards`).

Every change is kept in the wave's history (django-simple-history): who, when, what.
The model moved here from ``fieldwork`` keeping its rows: see the migrations of this app.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimonitor.frame import load_frame
from aimonitor.web.waves.guards import FrozenError, is_replacing_synthetic_waves

FROZEN_ONCE_OPEN = (
    "year",
    "frame_year",
    "frame_sha256",
    "questionnaire_id",
    "questionnaire_version",
    "questionnaire",
    "is_synthetic",
)
"""The fields a wave keeps from the moment it leaves the draft status."""


class WaveQuerySet(models.QuerySet["Wave"]):
    """Bulk changes skip ``save`` and the history: they may touch drafts only."""

    def update(self, **kwargs: Any) -> int:
        fixed = self.exclude(status=Wave.Status.DRAFT)
        if fixed.exists():
            raise FrozenError(
                f"waves {_years(fixed)} are no longer drafts: change them one by one with "
                "save(), which checks the change and records it in the history"
            )
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        for wave in self:
            wave.check_deletable()
        return super().delete()


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
    frame_sha256 = models.CharField(
        _("frame fingerprint"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Recorded when the wave opens; estimation refuses a changed frame."),
    )
    questionnaire_id = models.CharField(_("questionnaire"), max_length=80)
    questionnaire_version = models.CharField(_("questionnaire version"), max_length=40)
    questionnaire = models.JSONField(_("frozen questionnaire"))
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Synthetic demonstration data; every output that shows it says so."),
    )
    history = HistoricalRecords()

    objects = WaveQuerySet.as_manager()

    class Meta:
        ordering = ["year"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | ~models.Q(frame_sha256=""),
                name="a_fielded_wave_records_its_frame",
            )
        ]

    def __str__(self) -> str:
        label = f"AI Monitor {self.year}"
        return f"{label} (synthetisch)" if self.is_synthetic else label

    @property
    def is_published(self) -> bool:
        return self.status == Wave.Status.PUBLISHED

    def change_problems(self) -> list[str]:
        """What is wrong with saving this wave over its stored state (empty: nothing)."""
        if self._state.adding or self.pk is None:
            return []
        stored = Wave.objects.filter(pk=self.pk).first()
        if stored is None:
            return []
        return _change_problems(stored, self)

    def clean(self) -> None:
        problems = self.change_problems()
        if problems:
            raise ValidationError(problems)

    def save(self, *args: Any, **kwargs: Any) -> None:
        problems = self.change_problems()
        if problems:
            raise FrozenError(f"wave {self.year}: " + "; ".join(problems))
        if self.status != Wave.Status.DRAFT and not self.frame_sha256:
            self.frame_sha256 = load_frame(self.frame_year).sha256
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "frame_sha256"}
        super().save(*args, **kwargs)

    def check_deletable(self) -> None:
        if self.status == Wave.Status.DRAFT:
            return
        if self.is_synthetic and is_replacing_synthetic_waves():
            return
        hint = " (demo waves are replaced by 'aimonitor demo-data')" if self.is_synthetic else ""
        raise FrozenError(f"wave {self.year} is {self.status}: only a draft can be deleted{hint}")

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self.check_deletable()
        return super().delete(*args, **kwargs)


ALLOWED_STATUS_CHANGES: dict[str, set[str]] = {
    Wave.Status.DRAFT: {Wave.Status.DRAFT, Wave.Status.OPEN},
    Wave.Status.OPEN: {Wave.Status.OPEN, Wave.Status.CLOSED},
    Wave.Status.CLOSED: {Wave.Status.CLOSED, Wave.Status.OPEN, Wave.Status.PUBLISHED},
    Wave.Status.PUBLISHED: {Wave.Status.PUBLISHED},
}


def _change_problems(stored: Wave, new: Wave) -> list[str]:
    if stored.status == Wave.Status.PUBLISHED:
        changed = [
            f.name
            for f in Wave._meta.concrete_fields
            if getattr(stored, f.attname) != getattr(new, f.attname)
        ]
        return [f"it is published and cannot change ({', '.join(changed)})"] if changed else []
    problems = []
    if new.status not in ALLOWED_STATUS_CHANGES[stored.status]:
        problems.append(f"its status cannot go from {stored.status} to {new.status}")
    if stored.status != Wave.Status.DRAFT:
        changed = [f for f in FROZEN_ONCE_OPEN if getattr(stored, f) != getattr(new, f)]
        if changed:
            problems.append(f"{', '.join(changed)} are frozen since it opened")
    return problems


def _years(waves: models.QuerySet[Wave]) -> str:
    return ", ".join(str(y) for y in waves.values_list("year", flat=True))
