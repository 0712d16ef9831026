"""One response per municipality per wave, answers keyed by variable.

Answers are stored by variable name with a JSON value; the wave (:mod:`aimonitor.web.waves`)
keeps the questionnaire they answer.

What is fixed when (``docs/decisions/0008-frozen-waves.md``): nothing of a published wave's
responses and answers changes, and none is added or deleted; a submitted response keeps its
wave, municipality and answers until it is reopened (status back to in progress), which its
history records. Both models keep a history (django-simple-history).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.waves.guards import FrozenError, is_replacing_synthetic_waves
from aimonitor.web.waves.models import Wave

SUBMITTED = "submitted"
PUBLISHED = Wave.Status.PUBLISHED


def _deletable_while_replacing(is_synthetic_wave: bool) -> bool:
    return is_synthetic_wave and is_replacing_synthetic_waves()


class MunicipalResponseQuerySet(models.QuerySet["MunicipalResponse"]):
    """Bulk changes skip ``save`` and the history: never on a submitted response or a
    published wave's, and never of the status (submitting and reopening are recorded)."""

    def update(self, **kwargs: Any) -> int:
        if "status" in kwargs or "submitted_at" in kwargs:
            raise FrozenError(
                "a response's status changes one by one with save(), so its history records it"
            )
        fixed = self.filter(models.Q(status=SUBMITTED) | models.Q(wave__status=PUBLISHED))
        if fixed.exists():
            raise FrozenError(
                f"{fixed.count()} of these responses are submitted or of a published wave"
            )
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        for response in self.select_related("wave"):
            response.check_deletable()
        return super().delete()

    def bulk_create(
        self, objs: Iterable[MunicipalResponse], *args: Any, **kwargs: Any
    ) -> list[MunicipalResponse]:
        objs = list(objs)
        published = Wave.objects.filter(
            pk__in={response.wave_id for response in objs}, status=PUBLISHED
        )
        if published.exists():
            raise FrozenError(f"wave {published[0].year} is published: it takes no new responses")
        return super().bulk_create(objs, *args, **kwargs)


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
    history = HistoricalRecords()

    objects = MunicipalResponseQuerySet.as_manager()

    class Meta:
        ordering = ["wave", "municipality__code"]
        verbose_name = _("municipal response")
        verbose_name_plural = _("municipal responses")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "municipality"], name="one_response_per_municipality_per_wave"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} – {self.wave.year}"

    def change_problems(self) -> list[str]:
        """What is wrong with saving this response over its stored state (empty: nothing)."""
        problems = []
        if Wave.objects.filter(pk=self.wave_id, status=PUBLISHED).exists():
            problems.append("its wave is published")
        stored = (
            None
            if self._state.adding
            else (MunicipalResponse.objects.filter(pk=self.pk).select_related("wave").first())
        )
        if stored is None:
            return problems
        if stored.wave.status == PUBLISHED and not problems:
            problems.append("its wave is published")
        if stored.status == SUBMITTED:
            moved = [
                f
                for f in ("wave_id", "municipality_id", "is_synthetic")
                if getattr(stored, f) != getattr(self, f)
            ]
            if moved:
                problems.append(f"it is submitted: {', '.join(moved)} cannot change")
            if self.status == SUBMITTED and stored.submitted_at != self.submitted_at:
                problems.append("it is submitted: submitted_at cannot change")
        return problems

    def clean(self) -> None:
        problems = self.change_problems()
        if problems:
            raise ValidationError(problems)

    def save(self, *args: Any, **kwargs: Any) -> None:
        problems = self.change_problems()
        if problems:
            raise FrozenError(f"response {self}: " + "; ".join(problems))
        if self.status == SUBMITTED and self.submitted_at is None:
            self.submitted_at = timezone.now()
        if self.status != SUBMITTED:
            self.submitted_at = None
        if kwargs.get("update_fields") is not None and "status" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "submitted_at"}
        super().save(*args, **kwargs)

    def check_deletable(self) -> None:
        if _deletable_while_replacing(self.wave.is_synthetic):
            return
        if self.wave.status == PUBLISHED:
            raise FrozenError(f"response {self}: its wave is published")
        if self.status == SUBMITTED:
            raise FrozenError(f"response {self} is submitted: reopen it before deleting it")

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self.check_deletable()
        return super().delete(*args, **kwargs)


class AnswerQuerySet(models.QuerySet["Answer"]):
    """Bulk changes of answers: never of a submitted response or a published wave."""

    def _check_open(self) -> None:
        fixed = self.filter(
            models.Q(response__status=SUBMITTED) | models.Q(response__wave__status=PUBLISHED)
        )
        if fixed.exists():
            raise FrozenError(
                f"{fixed.count()} of these answers belong to a submitted response or a "
                "published wave"
            )

    def update(self, **kwargs: Any) -> int:
        self._check_open()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if not (
            is_replacing_synthetic_waves()
            and not self.filter(response__wave__is_synthetic=False).exists()
        ):
            self._check_open()
        return super().delete()

    def bulk_create(self, objs: Iterable[Answer], *args: Any, **kwargs: Any) -> list[Answer]:
        objs = list(objs)
        check_answers_can_change({answer.response_id for answer in objs})
        return super().bulk_create(objs, *args, **kwargs)


def check_answers_can_change(response_ids: Iterable[int]) -> None:
    """Refuse when any of these responses is submitted or of a published wave."""
    fixed = MunicipalResponse.objects.filter(pk__in=set(response_ids)).filter(
        models.Q(status=SUBMITTED) | models.Q(wave__status=PUBLISHED)
    )
    if fixed.exists():
        names = ", ".join(str(r) for r in fixed.select_related("wave", "municipality")[:3])
        raise FrozenError(
            f"answers of a submitted response or a published wave cannot change ({names})"
        )


class Answer(models.Model):
    response = models.ForeignKey(
        MunicipalResponse, on_delete=models.CASCADE, related_name="answers"
    )
    variable = models.CharField(_("variable"), max_length=60)
    value = models.JSONField(_("value"))
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Counts the saves: a save that started from an older revision is a conflict."),
    )
    history = HistoricalRecords()

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["response", "variable"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "variable"], name="one_answer_per_variable")
        ]

    def __str__(self) -> str:
        return f"{self.variable} = {self.value!r}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored = None if self._state.adding else Answer.objects.filter(pk=self.pk).first()
        check_answers_can_change(
            {self.response_id} | ({stored.response_id} if stored is not None else set())
        )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if not _deletable_while_replacing(self.response.wave.is_synthetic):
            check_answers_can_change({self.response_id})
        return super().delete(*args, **kwargs)


class NamingConsent(models.Model):
    """Whether a municipality allows its own answers of a wave to appear under its name in
    the open microdata (``aimonitor export``); without a record, it does not. The coordinator
    decides in the survey portal while their link is valid (also after submission: it is
    not an answer); a researcher can record a decision received otherwise, in the admin.
    The history keeps every decision."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="naming_consents")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="naming_consents"
    )
    named = models.BooleanField(_("may be named in the open data"), default=False)
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)
    decided_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent to be named in the open data")
        verbose_name_plural = _("consents to be named in the open data")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "municipality"], name="one_naming_consent_per_municipality_per_wave"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name} – {self.wave.year}: {'ja' if self.named else 'nee'}"
