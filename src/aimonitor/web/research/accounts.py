"""Researchers' accounts: nobody signs up; the research team's administrator creates them
(``aimonitor researcher add``, or the admin) and every researcher sets up a second factor
before the first researcher page opens (:mod:`.access`)."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class ResearchAccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
