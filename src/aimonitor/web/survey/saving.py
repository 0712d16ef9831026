"""Saving answers: one item at a time, every value checked, no change overwritten unseen.

Each answer carries a revision (the number of saves). A page sends, with every answer, the
revision it showed; a save that started from an older revision than the stored one, with a
different value, is a conflict: nothing is written, and the person sees the other value,
who gave it and when, and chooses. A save of the value already stored (a resent autosave)
changes nothing. Saves of one response queue behind a lock on its row, so two saves never
interleave. Who saved is recorded in the answer's history (django-simple-history, from the
request's user).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from aimonitor.i18n import Lang
from aimonitor.questionnaire.entry import FormData, build_answer
from aimonitor.questionnaire.form import (
    describe_answer,
    missing_answers,
    no_answer_text,
    refusal_text,
)
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.survey.access import SurveyAccess
from aimonitor.web.survey.models import FieldworkEvent
from aimonitor.web.survey.reads import LastChange, StoredAnswer, read_last_change

IN_PROGRESS = MunicipalResponse.Status.IN_PROGRESS
NOT_STARTED = MunicipalResponse.Status.NOT_STARTED


@dataclass(frozen=True)
class Conflict:
    mine: object
    theirs: object
    revision: int
    change: LastChange | None


@dataclass
class ItemSave:
    """What became of one item's save."""

    saved: list[str] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    answers: dict[str, StoredAnswer] = field(default_factory=dict)
    """Every stored answer of the response after the save."""


def base_revision(form: FormData, variable: str) -> int | None:
    """The revision the page showed for ``variable`` (0: no answer), ``None`` if not sent."""
    raw = form.get(f"{variable}__revision", ())
    text = raw[0] if raw else ""
    return int(text) if text.isdigit() and len(text) < 10 else None


def write_item(access: SurveyAccess, item_id: str, form: FormData, lang: Lang) -> ItemSave:
    """Save the answers of ``item_id`` from ``form`` (see the module text).

    A page that shows a conflict sends the stored revision with the person's own value, so
    saving it again keeps theirs deliberately, and a third change meanwhile is seen again.
    A save without a revision counts as one from an empty page."""
    q = access.questionnaire
    outcome = ItemSave()
    variables = [v for v in q.variables() if v.item == item_id]
    with transaction.atomic():
        response = MunicipalResponse.objects.select_for_update().get(pk=access.response.pk)
        rows = {a.variable: a for a in Answer.objects.filter(response=response)}
        stored = {name: StoredAnswer(a.value, a.revision) for name, a in rows.items()}
        values = stored_values(stored)
        if response.status == MunicipalResponse.Status.SUBMITTED:
            message = refusal_text("submitted", lang)
            outcome.problems = {v.name: message for v in variables}
            outcome.answers = stored
            return outcome
        shown = q.is_shown(item_id, values)
        for variable in variables:
            entry = build_answer(q, variable, form, lang)
            if entry.problem is not None:
                outcome.problems[variable.name] = entry.problem
                continue
            current = stored.get(variable.name)
            if (current is not None and current.value == entry.value) or (
                current is None and entry.value is None
            ):
                continue  # the stored value again (a resent save): nothing to do
            if not shown and entry.value is not None:
                outcome.problems[variable.name] = refusal_text("routed_away", lang)
                continue
            seen = base_revision(form, variable.name) or 0
            now = current.revision if current is not None else 0
            if seen != now:
                outcome.conflicts[variable.name] = Conflict(
                    entry.value,
                    current.value if current is not None else None,
                    now,
                    read_last_change(response, variable.name),
                )
                continue
            row = rows.get(variable.name)
            if entry.value is None:
                if row is not None:
                    row.delete()
                    del stored[variable.name]
            elif row is None:
                row = Answer.objects.create(
                    response=response,
                    variable=variable.name,
                    value=entry.value,
                    revision=_next_revision(response, variable.name),
                )
                stored[variable.name] = StoredAnswer(row.value, row.revision)
            else:
                row.value = entry.value
                row.revision += 1
                row.save(update_fields=["value", "revision"])
                stored[variable.name] = StoredAnswer(row.value, row.revision)
            outcome.saved.append(variable.name)
        if outcome.saved and response.status == NOT_STARTED:
            response.status = IN_PROGRESS
            response.save(update_fields=["status"])
        outcome.answers = stored
    return outcome


def _next_revision(response: MunicipalResponse, variable: str) -> int:
    """A cleared answer that is given again continues its count, so a page that still shows
    the value from before the clearing sees a conflict."""
    latest = (
        Answer.history.filter(response_id=response.pk, variable=variable)
        .order_by("-history_id")
        .values_list("revision", flat=True)
        .first()
    )
    return (latest or 0) + 1


def submit_response(access: SurveyAccess) -> list[str]:
    """Submit on behalf of the municipality; the required questions still open, if any
    (then nothing is submitted)."""
    with transaction.atomic():
        response = MunicipalResponse.objects.select_for_update().get(pk=access.response.pk)
        if response.status == MunicipalResponse.Status.SUBMITTED:
            return []
        answers = dict(Answer.objects.filter(response=response).values_list("variable", "value"))
        missing = [v.name for v in missing_answers(access.questionnaire, answers)]
        if missing:
            return missing
        response.status = MunicipalResponse.Status.SUBMITTED
        response.save(update_fields=["status"])
        FieldworkEvent.objects.create(
            kind=FieldworkEvent.Kind.SUBMITTED,
            wave=access.wave,
            municipality_code=access.municipality.code,
            actor=access.link.user,
        )
    return []


def stored_values(answers: Mapping[str, StoredAnswer]) -> dict[str, object]:
    return {name: answer.value for name, answer in answers.items()}


@dataclass(frozen=True)
class ShownConflict:
    """A conflict as the page shows it: both answers in words, who and when."""

    by: str
    at: object
    theirs: str
    mine: str
    revision: int


def describe_conflicts(
    access: SurveyAccess,
    conflicts: Mapping[str, Conflict],
    lang: Lang,
    municipality_names: Mapping[int, str],
) -> dict[str, ShownConflict]:
    nothing = no_answer_text(lang)
    shown = {}
    for name, conflict in conflicts.items():
        variable = access.questionnaire.variable(name)
        shown[name] = ShownConflict(
            by=conflict.change.by if conflict.change else "?",
            at=conflict.change.at if conflict.change else None,
            theirs=describe_answer(variable, conflict.theirs, lang, municipality_names) or nothing,
            mine=describe_answer(variable, conflict.mine, lang, municipality_names) or nothing,
            revision=conflict.revision,
        )
    return shown
