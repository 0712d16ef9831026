"""The research portal's forms: a new wave, its dates, a contact file, a reopening, a mail text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aimonitor.paths import data_dir
from aimonitor.web.research.mailing import MailText, check_mail_text
from aimonitor.web.research.operations import REASON_LENGTH
from aimonitor.web.waves.models import Wave

MAX_CONTACT_FILE = 2_000_000
"""Bytes: a contact file of every municipality with a few people each is far below this."""


_CLASSES = {
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "file": "utrecht-form-file",
}


class UtrechtForm(forms.Form):
    """A form whose fields carry the NL Design System classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            kind = getattr(field.widget, "input_type", "textarea")
            default = "utrecht-textbox utrecht-textbox--html-input"
            field.widget.attrs.setdefault("class", _CLASSES.get(kind, default))


def questionnaire_files() -> list[Path]:
    return sorted((data_dir() / "questionnaires").glob("*.yaml"))


def frame_years() -> list[int]:
    return sorted(
        int(p.stem.rsplit("_", 1)[1]) for p in (data_dir() / "frame").glob("municipalities_*.csv")
    )


class DatesForm(UtrechtForm):
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date comes after the opening date."))
        return data


class NewWaveForm(DatesForm):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    questionnaire = forms.ChoiceField(label=_("Questionnaire version"))
    frame_year = forms.TypedChoiceField(label=_("Population frame of"), coerce=int)
    field_order = ["year", "questionnaire", "frame_year", "opens_on", "closes_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questionnaire = self.fields["questionnaire"]
        frame_year = self.fields["frame_year"]
        assert isinstance(questionnaire, forms.ChoiceField)
        assert isinstance(frame_year, forms.ChoiceField)
        questionnaire.choices = [(p.name, p.stem) for p in questionnaire_files()]
        frame_year.choices = [(y, str(y)) for y in reversed(frame_years())]

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if Wave.objects.filter(year=year).exists():
            raise forms.ValidationError(_("There is a wave of this year already."))
        return year


class ContactFileForm(UtrechtForm):
    file = forms.FileField(
        label=_("Contact file (CSV)"),
        help_text=_("Columns code, name, email, role; see the format description."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CONTACT_FILE:
            raise forms.ValidationError(_("The file is larger than 2 MB: is it the right one?"))
        return upload


class ReopenForm(UtrechtForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_LENGTH,
        help_text=_("Who asked, and why; kept in the fieldwork log."),
    )


class MailTextCheck(forms.BaseForm):
    """A form of a mail text (``subject``, ``body``): refused unless
    :func:`~aimonitor.web.research.mailing.check_mail_text` finds nothing wrong (the portal's
    page and the admin)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "subject" in data and "body" in data:
            problem = check_mail_text(MailText(data["subject"], data["body"]))
            if problem:
                raise forms.ValidationError(problem)
        return data


class MailTextForm(MailTextCheck, UtrechtForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))
