"""The survey pages. Thin: access from :mod:`.access`, reads from :mod:`.reads`, saving
from :mod:`.saving`, and every word and count from the core (:mod:`aimonitor.questionnaire.form`).

Every page works without JavaScript (ordinary form posts); with it, htmx saves each
question as it changes (:func:`item`) and routing shows and hides questions in place.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.contrib.auth import login
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimonitor.questionnaire import Questionnaire
from aimonitor.questionnaire.entry import build_fields
from aimonitor.questionnaire.form import (
    FormInputs,
    SurveyItem,
    build_progress,
    build_survey_item,
    build_theme_form,
)
from aimonitor.report.response import ResponseDocument, render_response_pdf
from aimonitor.web.fieldwork.consent import record_naming_consent
from aimonitor.web.fieldwork.reads import read_naming_consent
from aimonitor.web.language import current_language
from aimonitor.web.survey.access import (
    NoLinkError,
    SurveyAccess,
    remember_link,
    session_links,
    survey_access,
)
from aimonitor.web.survey.invitations import send_invitation
from aimonitor.web.survey.links import (
    LinkProblem,
    is_researcher_address,
    issue_link,
    open_link,
    person_for,
)
from aimonitor.web.survey.purposes import link_purpose
from aimonitor.web.survey.ratelimit import client_address, over_limit
from aimonitor.web.survey.reads import (
    StoredAnswer,
    read_municipality_names,
    read_previous_answers,
    read_stored_answers,
    read_team,
)
from aimonitor.web.survey.saving import (
    Conflict,
    ItemSave,
    ShownConflict,
    describe_conflicts,
    stored_values,
    submit_response,
    write_item,
)

TOKEN_REQUESTS_PER_MINUTE = 20
SAVES_PER_MINUTE = 600


@require_GET
def open_token(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: log its person in and go to their response."""
    if over_limit("token", client_address(request), TOKEN_REQUESTS_PER_MINUTE):
        return render(request, "survey/link_problem.html", {"problem": "rate"}, status=429)
    result = open_link(token)
    if isinstance(result, LinkProblem):
        status = 410 if result in (LinkProblem.EXPIRED, LinkProblem.REVOKED) else 404
        return render(request, "survey/link_problem.html", {"problem": result.value}, status=status)
    login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    remember_link(request, result)
    landing = link_purpose(result.purpose).landing
    return redirect(landing, year=result.wave.year, code=result.municipality_code)


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The responses this session may answer (its personal links)."""
    links = session_links(request)
    if len(links) == 1:
        return redirect("survey:overview", year=links[0].wave.year, code=links[0].municipality_code)
    return render(request, "survey/start.html", {"links": links}, status=200 if links else 403)


def _access(request: HttpRequest, year: int, code: str) -> SurveyAccess:
    return survey_access(request, year, code)


def _no_link_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A visitor without a usable link gets the page that says how to get in (403)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NoLinkError:
            return render(request, "survey/link_problem.html", {"problem": "no_access"}, status=403)

    return wrapped


def _inputs(
    access: SurveyAccess,
    answers: Mapping[str, object],
    *,
    problems: Mapping[str, str] | None = None,
    entered: Mapping[str, Sequence[str]] | None = None,
) -> tuple[FormInputs, str | None]:
    predecessor, previous = read_previous_answers(access.wave, access.municipality.code)
    names = read_municipality_names(access.wave.frame_year)
    return (
        FormInputs(
            answers=answers,
            previous=previous,
            problems=problems or {},
            entered=entered or {},
            municipality_names=names,
        ),
        predecessor,
    )


def _context(access: SurveyAccess, **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "wave": access.wave,
        "municipality": access.municipality,
        "response": access.response,
        "year": access.wave.year,
        "code": access.municipality.code,
        **extra,
    }


@require_GET
@_no_link_page
def overview(request: HttpRequest, year: int, code: str) -> HttpResponse:
    return _overview_page(request, _access(request, year, code))


def _overview_page(
    request: HttpRequest, access: SurveyAccess, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The overview: progress per theme, who works on what, invitation, approval, submission
    (``extra``: what a refused invitation or submission adds)."""
    lang = current_language()
    answers = stored_values(read_stored_answers(access.response))
    questionnaire = access.questionnaire
    context = {
        "progress": build_progress(questionnaire, answers, lang),
        "team": read_team(access.wave, access.municipality.code),
        "naming": read_naming_consent(access.wave, access.municipality.code),
        "themes": questionnaire.themes,
        "theme_names": {t.id: t.name.get(lang) for t in questionnaire.themes},
        "missing": [],
        **extra,
    }
    if status != 200:  # after a refused post: the language switch returns to the overview
        context["language_next"] = reverse(
            "survey:overview", args=[access.wave.year, access.municipality.code]
        )
    return render(request, "survey/overview.html", _context(access, **context), status=status)


@require_http_methods(["GET", "POST"])
@_no_link_page
def theme(request: HttpRequest, year: int, code: str, theme_id: str) -> HttpResponse:
    """A theme's questions; a post saves them all (the page without JavaScript)."""
    access = _access(request, year, code)
    q = access.questionnaire
    try:
        q.theme(theme_id)
    except KeyError:
        raise Http404("no such theme") from None
    lang = current_language()
    editable = access.may_edit(theme_id)
    stored = read_stored_answers(access.response)
    problems: dict[str, str] = {}
    conflicts: dict[str, Conflict] = {}
    entered: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("this theme is not yours to change")
        if _too_many_saves(request):
            return HttpResponse(status=429)
        form = _form(request)
        action = request.POST.get("action", "")
        for item in q.items_of(theme_id):
            if action and not action.endswith(":" + item.id):
                continue
            if not action and not _page_shows(q, item.id, form):
                continue  # not on the posting page (routed away there): nothing was entered
            form_for_item = _action_form(access, item.id, action, form, stored)
            if form_for_item is None:
                continue
            outcome = write_item(access, item.id, form_for_item, lang)
            stored = outcome.answers
            problems.update(outcome.problems)
            conflicts.update(outcome.conflicts)
        if not problems and not conflicts:
            return redirect(request.path + "?saved=1")
        entered = {k: v for k, v in form.items() if _belongs_to(k, problems, conflicts)}
        status = 422
    answers = stored_values(stored)
    inputs, predecessor = _inputs(access, answers, problems=problems, entered=entered)
    page = build_theme_form(q, theme_id, inputs, lang)
    themes = q.themes
    position = [t.id for t in themes].index(theme_id)
    return render(
        request,
        "survey/theme.html",
        _context(
            access,
            page=page,
            editable=editable,
            revisions={name: s.revision for name, s in stored.items()},
            conflicts=describe_conflicts(access, conflicts, lang, inputs.municipality_names),
            predecessor=predecessor,
            saved=request.GET.get("saved") == "1",
            progress=build_progress(q, answers, lang),
            previous_theme=themes[position - 1] if position > 0 else None,
            next_theme=themes[position + 1] if position + 1 < len(themes) else None,
            problem_count=len(problems) + len(conflicts),
        ),
        status=status,
    )


def _belongs_to(field: str, problems: Mapping[str, str], conflicts: Mapping[str, Conflict]) -> bool:
    base = field.split("__", 1)[0]
    return base in problems or base in conflicts


def _form(request: HttpRequest) -> dict[str, list[str]]:
    return {key: request.POST.getlist(key) for key in request.POST}


def _too_many_saves(request: HttpRequest) -> bool:
    return over_limit("save", str(request.user.pk), SAVES_PER_MINUTE)


def _action_form(
    access: SurveyAccess,
    item_id: str,
    action: str,
    form: dict[str, list[str]],
    stored: Mapping[str, StoredAnswer],
) -> dict[str, list[str]] | None:
    """What to save for ``item_id``: the posted fields, last year's answer (``previous:``),
    or nothing (``theirs:``: keep the stored answer that conflicted)."""
    kind = action.split(":", 1)[0]
    if kind == "theirs":
        return None
    if kind != "previous":
        return form
    _, previous = read_previous_answers(access.wave, access.municipality.code)
    fields: dict[str, list[str]] = {}
    for variable in access.questionnaire.variables():
        if variable.item == item_id:
            fields.update(build_fields(variable, previous.get(variable.name)))
            current = stored.get(variable.name)
            fields[f"{variable.name}__revision"] = [str(current.revision if current else 0)]
    return fields


@require_POST
@_no_link_page
def item(request: HttpRequest, year: int, code: str, item_id: str) -> HttpResponse:
    """Autosave of one question (htmx): the question again, with what became of the save,
    and every question whose routing changed, swapped in place."""
    access = _access(request, year, code)
    q = access.questionnaire
    try:
        question = q.item(item_id)
    except KeyError:
        raise Http404("no such question") from None
    if not access.may_edit(question.theme):
        raise PermissionDenied("this theme is not yours to change")
    if _too_many_saves(request):
        return HttpResponse(status=429)
    lang = current_language()
    stored_before = read_stored_answers(access.response)
    form = _form(request)
    action = request.POST.get("action", "")
    fields = _action_form(access, item_id, action, form, stored_before)
    outcome = (
        write_item(access, item_id, fields, lang)
        if fields is not None
        else ItemSave(answers=stored_before)
    )
    after = stored_values(outcome.answers)
    failed = {**outcome.problems, **dict.fromkeys(outcome.conflicts, "")}
    entered = {k: v for k, v in form.items() if _belongs_to(k, outcome.problems, outcome.conflicts)}
    inputs, _predecessor = _inputs(access, after, problems=outcome.problems, entered=entered)
    revisions = {name: s.revision for name, s in outcome.answers.items()}
    shown = describe_conflicts(access, outcome.conflicts, lang, inputs.municipality_names)
    main = _render_item(
        request,
        access,
        build_survey_item(q, question, inputs, lang),
        revisions,
        shown,
        saved=not failed and fields is not None,
        resolved=action.split(":", 1)[0] in ("mine", "theirs"),
    )
    changed = [
        other
        for other in q.items_of(question.theme)
        if other.id != item_id and _page_shows(q, other.id, form) != q.is_shown(other.id, after)
    ]
    oob = [
        _render_item(
            request, access, build_survey_item(q, other, inputs, lang), revisions, {}, oob=True
        )
        for other in changed
    ]
    progress = render_to_string(
        "survey/_progress.html",
        {"progress": build_progress(q, after, lang), "oob": True, **_context(access)},
        request,
    )
    announcement = render_to_string(
        "survey/_announcement.html",
        {"item": question.id, "saved": not failed and fields is not None, "failed": bool(failed)},
        request,
    )
    status = 422 if failed else 200
    return HttpResponse(main + "".join(oob) + progress + announcement, status=status)


def _page_shows(q: Questionnaire, item_id: str, form: Mapping[str, Sequence[str]]) -> bool:
    """Whether the page that posted ``form`` shows the item: a shown item posts the revision
    of each of its answers (the page may be older than the last save of someone else)."""
    return any(f"{v.name}__revision" in form for v in q.variables() if v.item == item_id)


def _render_item(
    request: HttpRequest,
    access: SurveyAccess,
    survey_item: SurveyItem,
    revisions: Mapping[str, int],
    conflicts: Mapping[str, ShownConflict],
    *,
    saved: bool = False,
    oob: bool = False,
    resolved: bool = False,
) -> str:
    return render_to_string(
        "survey/_item.html",
        _context(
            access,
            item=survey_item,
            editable=True,
            revisions=revisions,
            conflicts=conflicts,
            saved=saved,
            oob=oob,
            resolved=resolved,
        ),
        request,
    )


@require_POST
@_no_link_page
def invite(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The coordinator invites a colleague for one or more themes."""
    access = _access(request, year, code)
    if not access.may_invite:
        raise PermissionDenied("only the coordinator invites")
    lang = current_language()
    email = request.POST.get("email", "").strip()
    name = request.POST.get("name", "").strip()[:150]
    known = {t.id for t in access.questionnaire.themes}
    themes = [t for t in request.POST.getlist("themes") if t in known]
    errors = set()  # worded by the template
    try:
        validate_email(email)
    except ValidationError:
        errors.add("email")
    else:
        if is_researcher_address(email):
            errors.add("researcher")
    if not themes:
        errors.add("themes")
    if errors:
        return _overview_page(
            request,
            access,
            status=422,
            invite_errors=errors,
            invite_values={"email": email, "name": name, "themes": themes},
        )
    inviter: User = access.link.user
    issued = issue_link(
        access.wave,
        code,
        person_for(email, name),
        "contributor",
        themes=themes,
        issued_by=inviter,
    )
    send_invitation(
        issued,
        access.municipality,
        inviter.get_full_name() or inviter.username,
        lang,
        base_url=request.build_absolute_uri("/"),
    )
    return redirect(reverse("survey:overview", args=[year, code]) + "?invited=1")


@require_GET
@_no_link_page
def response_pdf(request: HttpRequest, year: int, code: str) -> HttpResponse:
    access = _access(request, year, code)
    lang = current_language()
    answers = stored_values(read_stored_answers(access.response))
    document = ResponseDocument(
        municipality=access.municipality.name,
        wave_year=access.wave.year,
        status=str(access.response.get_status_display()),
        synthetic=access.wave.is_synthetic,
        municipality_names=read_municipality_names(access.wave.frame_year),
    )
    pdf = render_response_pdf(access.questionnaire, answers, document, lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"ai-monitor-{year}-{code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@_no_link_page
def submit(request: HttpRequest, year: int, code: str) -> HttpResponse:
    access = _access(request, year, code)
    if not access.may_submit:
        raise PermissionDenied("only the coordinator submits, once")
    lang = current_language()
    missing = submit_response(access)
    if not missing:
        return redirect(reverse("survey:overview", args=[year, code]) + "?submitted=1")
    variables = [access.questionnaire.variable(name) for name in missing]
    return _overview_page(
        request,
        access,
        status=422,
        missing=[(v.theme, v.item, v.label.get(lang)) for v in variables],
    )


@require_POST
@_no_link_page
def naming(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The coordinator decides whether the municipality's answers may appear under its name
    in the open data (``named`` = ``yes`` or ``no``)."""
    access = _access(request, year, code)
    if not access.may_decide_naming:
        raise PermissionDenied("only the coordinator decides for the municipality")
    choice = request.POST.get("named")
    if choice not in ("yes", "no"):
        return _overview_page(request, access, status=422, naming_error=True)
    record_naming_consent(
        access.wave, access.municipality, named=choice == "yes", by=access.link.user
    )
    return redirect(reverse("survey:overview", args=[year, code]) + "?naming=1#naming")
