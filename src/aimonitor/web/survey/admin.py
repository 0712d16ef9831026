"""Personal links and the fieldwork log in the admin.

A researcher issues a link with "add personal link": e-mail address, wave, municipality,
purpose and (for a contributor) themes; the link is mailed and shown once in a message.
Links cannot be edited (only their hash is kept); the action "revoke" withdraws them.
The fieldwork log is read-only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.survey.invitations import send_invitation
from aimonitor.web.survey.links import is_researcher_address, issue_link, person_for, revoke_link
from aimonitor.web.survey.models import AccessLink, FieldworkEvent
from aimonitor.web.waves.models import Wave


class IssueLinkForm(forms.ModelForm):
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Name"), required=False, max_length=150)
    themes_text = forms.CharField(
        label=_("themes"),
        required=False,
        help_text=_("For a contributor: theme ids, comma separated (vision, champions, ...)."),
    )

    class Meta:
        model = AccessLink
        fields = ["wave", "municipality_code", "purpose"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        wave: Wave | None = data.get("wave")
        code = (data.get("municipality_code") or "").strip().upper()
        if wave is not None:
            if wave.status != Wave.Status.OPEN:
                raise forms.ValidationError(_("The wave is not open for answers."))
            if not Municipality.objects.filter(frame_year=wave.frame_year, code=code).exists():
                self.add_error("municipality_code", _("Not a municipality of the wave's frame."))
            known = {theme["id"] for theme in wave.questionnaire.get("themes", [])}
            themes = [t.strip() for t in data.get("themes_text", "").split(",") if t.strip()]
            unknown = sorted(set(themes) - known)
            if unknown:
                self.add_error("themes_text", ", ".join(unknown))
            if data.get("purpose") == AccessLink.Purpose.CONTRIBUTOR and not themes:
                self.add_error("themes_text", _("Choose at least one theme."))
            data["themes"] = themes
        if is_researcher_address(data.get("email") or ""):
            self.add_error("email", _("This address belongs to a researcher's account."))
        data["municipality_code"] = code
        return data


@admin.register(AccessLink)
class AccessLinkAdmin(admin.ModelAdmin):
    list_display = [
        "municipality_code",
        "wave",
        "purpose",
        "user",
        "themes",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = ["wave", "purpose"]
    search_fields = ["municipality_code", "user__username", "user__email"]
    actions = ["revoke"]
    readonly_fields = [f.name for f in AccessLink._meta.fields]

    def get_form(
        self, request: HttpRequest, obj: Any | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = IssueLinkForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else list(self.readonly_fields)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["email", "name", "wave", "municipality_code", "purpose", "themes_text"]
        return list(self.readonly_fields)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: AccessLink, form: Any, change: bool) -> None:
        data = form.cleaned_data
        issued = issue_link(
            data["wave"],
            data["municipality_code"],
            person_for(data["email"], data.get("name", "")),
            data["purpose"],
            themes=data["themes"],
            issued_by=request.user if request.user.is_authenticated else None,
        )
        municipality = Municipality.objects.get(
            frame_year=issued.link.wave.frame_year, code=issued.link.municipality_code
        )
        url = send_invitation(
            issued, municipality, "AI Monitor", "nl", base_url=request.build_absolute_uri("/")
        )
        for field in AccessLink._meta.concrete_fields:  # the admin logs and shows ``obj``
            setattr(obj, field.attname, getattr(issued.link, field.attname))
        obj._state.adding = False
        messages.success(request, _("Link sent. It is shown only now: %(url)s") % {"url": url})

    @admin.action(description=_("Revoke the selected links"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[AccessLink]) -> None:
        for link in queryset.select_related("wave", "user"):
            revoke_link(link, request.user if request.user.is_authenticated else None)


class RecordAdmin(admin.ModelAdmin):
    """A record in the admin: read, never added, changed or removed there (the fieldwork
    log, the mails sent)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FieldworkEvent)
class FieldworkEventAdmin(RecordAdmin):
    list_display = ["at", "kind", "wave", "municipality_code", "actor", "detail"]
    list_filter = ["kind", "wave"]
    search_fields = ["municipality_code", "detail"]
