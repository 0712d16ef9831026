"""The research portal's pages. Thin: access from :mod:`.access`, reads from :mod:`.reads`,
changes from :mod:`.operations`, :mod:`.contacts` and :mod:`.mailing`, and every count and
word of the figures from the core (:mod:`aimonitor.fieldwork`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimonitor.errors import AimonitorError
from aimonitor.fieldwork.contacts import build_contact_import
from aimonitor.fieldwork.errors import ContactFileError
from aimonitor.fieldwork.progress import FieldworkState
from aimonitor.frame import load_frame, load_lineage
from aimonitor.i18n import Lang, UnknownLanguageError, check_language
from aimonitor.web.research.access import researcher_required
from aimonitor.web.research.calllist import render_call_list
from aimonitor.web.research.contacts import conflicts_with_stored, store_contacts
from aimonitor.web.research.forms import (
    ContactFileForm,
    DatesForm,
    MailTextForm,
    NewWaveForm,
    ReopenForm,
    questionnaire_files,
)
from aimonitor.web.research.mailing import (
    PLACEHOLDERS,
    RoundBusyError,
    load_mail_text,
    read_mail_text,
    send_invitations,
)
from aimonitor.web.research.models import MailTemplate
from aimonitor.web.research.operations import (
    close_wave,
    create_wave,
    open_wave,
    reopen_response,
    save_mail_text,
    set_dates,
)
from aimonitor.web.research.reads import (
    read_contact_count,
    read_contacts,
    read_fieldwork,
    read_fieldwork_log,
    read_fieldwork_progress,
    read_municipality_rows,
)
from aimonitor.web.waves.models import Wave
from aimonitor.web.waves.reads import read_wave, read_waves_newest_first

INVITE_SECONDS = 20
"""A round of invitations from the page stops in time for the request (gunicorn's timeout is
30 s); sending again continues with the contacts left."""

STATE_ORDER = (
    FieldworkState.NOT_STARTED,
    FieldworkState.IN_PROGRESS,
    FieldworkState.AWAITING_SIGN_OFF,
    FieldworkState.SUBMITTED,
    FieldworkState.COVERED,
)


def _lang(request: HttpRequest) -> Lang:
    try:
        return check_language((getattr(request, "LANGUAGE_CODE", "nl") or "nl")[:2])
    except UnknownLanguageError:
        return "nl"


def _wave(year: int) -> Wave:
    try:
        return read_wave(year)
    except AimonitorError:
        raise Http404("no such wave") from None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@researcher_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """The waves, and a new one."""
    form = NewWaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        file = next(p for p in questionnaire_files() if p.name == data["questionnaire"])
        try:
            wave = create_wave(
                data["year"],
                file,
                data["frame_year"],
                data["opens_on"],
                data["closes_on"],
                by=_user(request),
            )
        except AimonitorError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Wave %(year)s is ready as a draft.") % {"year": wave.year})
            return redirect("research:wave", wave.year)
    waves = read_waves_newest_first()
    return render(
        request,
        "research/home.html",
        {"waves": waves, "form": form},
        status=422 if form.errors else 200,
    )


@researcher_required
@require_GET
def wave(request: HttpRequest, year: int) -> HttpResponse:
    """The fieldwork cockpit of a wave."""
    wave = _wave(year)
    lang = _lang(request)
    context: dict[str, object] = {
        "wave": wave,
        "dates_form": DatesForm(initial={"opens_on": wave.opens_on, "closes_on": wave.closes_on}),
        "contacts": read_contact_count(wave),
    }
    if wave.status != Wave.Status.DRAFT:
        progress, coverage_problem = read_fieldwork(wave)
        rows = read_municipality_rows(wave, progress)
        context.update(
            progress=progress,
            lang=lang,
            states=[(state, state.label.get(lang)) for state in STATE_ORDER],
            lists=[
                (state, state.label.get(lang), [r for r in rows if r.state is state])
                for state in STATE_ORDER
            ],
            problems=[r for r in rows if r.mail.problems],
            coverage_problem=coverage_problem,
            r=progress.representativeness,
            r_variables=(
                progress.representativeness.by_size_class,
                progress.representativeness.by_province,
            ),
            reopen_form=ReopenForm(),
        )
    return render(request, "research/wave.html", context)


@researcher_required
@require_POST
def wave_dates(request: HttpRequest, year: int) -> HttpResponse:
    wave = _wave(year)
    form = DatesForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("research:wave", year)
    try:
        set_dates(
            wave, form.cleaned_data["opens_on"], form.cleaned_data["closes_on"], by=_user(request)
        )
    except AimonitorError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The dates have been saved."))
    return redirect("research:wave", year)


@researcher_required
@require_POST
def wave_status(request: HttpRequest, year: int) -> HttpResponse:
    wave = _wave(year)
    action = request.POST.get("action")
    try:
        if action == "open":
            open_wave(wave, by=_user(request))
            messages.success(
                request, _("The wave is open: its questionnaire and frame are frozen.")
            )
        elif action == "close":
            close_wave(wave, by=_user(request))
            messages.success(request, _("The wave is closed: links no longer open."))
        else:
            return HttpResponse(status=400)
    except AimonitorError as error:
        messages.error(request, str(error))
    return redirect("research:wave", year)


@researcher_required
@require_http_methods(["GET", "POST"])
def contacts(request: HttpRequest, year: int) -> HttpResponse:
    """The wave's contacts, and importing a file of them (all rows or none)."""
    wave = _wave(year)
    lang = _lang(request)
    form = ContactFileForm(request.POST or None, request.FILES or None)
    rejected: list[tuple[int, str]] = []
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
            file_error = _("The file is not UTF-8 text: save it from the spreadsheet as CSV UTF-8.")
        if text is not None:
            try:
                checked = build_contact_import(text, load_frame(wave.frame_year), load_lineage())
            except ContactFileError as error:
                file_error = error.reason.get(lang)
            else:
                problems = checked.rejected or conflicts_with_stored(wave, checked)
                if problems:
                    rejected = [(row.line, row.reason.get(lang)) for row in problems]
                else:
                    stored = store_contacts(wave, checked, by=_user(request), filename=upload.name)
                    messages.success(
                        request,
                        _("%(added)s contacts added, %(updated)s updated.")
                        % {"added": stored.added, "updated": stored.updated},
                    )
                    return redirect("research:contacts", year)
    status = 422 if (rejected or file_error or form.errors) else 200
    return render(
        request,
        "research/contacts.html",
        {
            "wave": wave,
            "form": form,
            "rejected": rejected,
            "file_error": file_error,
            "contacts": read_contacts(wave),
        },
        status=status,
    )


@researcher_required
@require_POST
def invite_all(request: HttpRequest, year: int) -> HttpResponse:
    wave = _wave(year)
    if wave.status != Wave.Status.OPEN:
        messages.error(request, _("Open the wave before sending invitations."))
        return redirect("research:wave", year)
    progress = read_fieldwork_progress(wave)
    names = {m.code: m.name for m in load_frame(wave.frame_year).municipalities}
    try:
        run = send_invitations(wave, progress, names, by=_user(request), seconds=INVITE_SECONDS)
    except RoundBusyError as error:
        messages.error(request, str(error))
        return redirect("research:wave", year)
    messages.success(
        request,
        _("Invitations: %(sent)s sent, %(failed)s not delivered, %(skipped)s skipped.")
        % {"sent": len(run.sent), "failed": len(run.failed), "skipped": run.skipped},
    )
    if run.left:
        messages.info(
            request,
            _("%(left)s invitations are still to go: send again to continue.") % {"left": run.left},
        )
    return redirect("research:wave", year)


@researcher_required
@require_POST
def reopen(request: HttpRequest, year: int, code: str) -> HttpResponse:
    wave = _wave(year)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the response is reopened."))
        return redirect("research:wave", year)
    try:
        reopen_response(wave, code, form.cleaned_data["reason"], by=_user(request))
    except AimonitorError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The response of %(code)s is open again.") % {"code": code})
    return redirect("research:wave", year)


@researcher_required
@require_GET
def call_list(request: HttpRequest, year: int) -> HttpResponse:
    """The municipalities that have not responded, with whom to call (CSV, ; separated for
    Dutch spreadsheets)."""
    wave = _wave(year)
    if wave.status == Wave.Status.DRAFT:
        raise Http404("a draft has no fieldwork")
    lang = _lang(request)
    rows = read_municipality_rows(wave, read_fieldwork_progress(wave))
    text = render_call_list(rows, lang)
    response = HttpResponse(text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="belijst-{year}.csv"'
    return response


@researcher_required
@require_http_methods(["GET", "POST"])
def mail_texts(request: HttpRequest, year: int, kind: str, language: str) -> HttpResponse:
    """The wave's text of an invitation or reminder in one language."""
    wave = _wave(year)
    if kind not in MailTemplate.Kind.values or language not in ("nl", "en"):
        raise Http404("no such text")
    lang = check_language(language)
    current = read_mail_text(wave, kind, lang)
    form = MailTextForm(
        request.POST or None, initial={"subject": current.subject, "body": current.body}
    )
    if request.method == "POST" and form.is_valid():
        save_mail_text(
            wave, kind, language, form.cleaned_data["subject"], form.cleaned_data["body"]
        )
        messages.success(request, _("The text has been saved; the next mails use it."))
        return redirect("research:mail", year, kind, language)
    return render(
        request,
        "research/mail.html",
        {
            "wave": wave,
            "form": form,
            "kind": kind,
            "language": language,
            "kinds": MailTemplate.Kind.choices,
            "placeholders": PLACEHOLDERS,
            "is_default": current == load_mail_text(kind, lang),
        },
        status=422 if form.errors else 200,
    )


@researcher_required
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    """The fieldwork log: the latest 300 events."""
    events = read_fieldwork_log(300)
    return render(request, "research/log.html", {"events": events})
