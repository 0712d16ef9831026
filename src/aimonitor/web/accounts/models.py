"""A user's role in the monitor, independent of the wave.

- A **researcher** runs the monitor for all municipalities (no municipality).
- A **coordinator** answers for one municipality: assigns its questions, submits its response.
- A **contributor** fills in questions of one municipality's response.

A user can hold several memberships (a contributor for two municipalities, say), at most one
per municipality. The municipality is its CBS code, not a row of one frame year, so a
membership outlives the wave; after a merger the portal follows the merger lineage.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MUNICIPALITY_CODE = RegexValidator(r"^GM\d{4}$", _("A CBS municipality code: GM and 4 digits."))


class Membership(models.Model):
    class Role(models.TextChoices):
        RESEARCHER = "researcher", _("researcher")
        COORDINATOR = "coordinator", _("coordinator")
        CONTRIBUTOR = "contributor", _("contributor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    municipality_code = models.CharField(
        _("municipality (CBS code)"),
        max_length=6,
        null=True,
        blank=True,
        validators=[MUNICIPALITY_CODE],
        help_text=_("Empty for researchers, required for coordinators and contributors."),
    )

    class Meta:
        ordering = ["user", "role", "municipality_code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="researcher") & Q(municipality_code__isnull=True))
                | (~Q(role="researcher") & Q(municipality_code__isnull=False)),
                name="municipality_only_for_municipal_roles",
            ),
            models.UniqueConstraint(
                fields=["user", "municipality_code"], name="one_role_per_user_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role="researcher"),
                name="one_researcher_membership_per_user",
            ),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        where = f" {self.municipality_code}" if self.municipality_code else ""
        return f"{self.user} – {self.get_role_display()}{where}"
