"""Municipalities as the frame of a given year describes them, and the merger lineage."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """One municipality in one frame year (a code may recur across years)."""

    frame_year = models.PositiveSmallIntegerField(_("frame year"))
    code = models.CharField(_("CBS code"), max_length=6)
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province"), max_length=40)
    inhabitants = models.PositiveIntegerField(_("inhabitants"))
    size_class = models.CharField(_("size class"), max_length=12)

    class Meta:
        ordering = ["frame_year", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["frame_year", "code"], name="unique_code_per_frame_year"
            )
        ]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name} ({self.code}, {self.frame_year})"


class Merger(models.Model):
    """A municipality that joined another on 1 January of ``year_effective`` (or during it)."""

    year_effective = models.PositiveSmallIntegerField(_("year effective"))
    old_code = models.CharField(_("old code"), max_length=6)
    old_name = models.CharField(_("old name"), max_length=100)
    new_code = models.CharField(_("new code"), max_length=6)
    new_name = models.CharField(_("new name"), max_length=100)

    class Meta:
        ordering = ["year_effective", "old_code"]
        constraints = [
            models.UniqueConstraint(fields=["old_code", "year_effective"], name="unique_merger")
        ]

    def __str__(self) -> str:
        return f"{self.old_name} → {self.new_name} ({self.year_effective})"
