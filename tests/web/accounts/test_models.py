import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from aimonitor.web.accounts.models import Membership

pytestmark = pytest.mark.django_db

Role = Membership.Role


def test_the_cast_holds_a_researcher_and_members_of_two_municipalities(cast):
    roles = {name: (m.membership.role, m.membership.municipality_code) for name, m in cast.items()}
    assert roles == {
        "researcher": (Role.RESEARCHER, None),
        "coordinator_a": (Role.COORDINATOR, "GM0363"),
        "contributor_a": (Role.CONTRIBUTOR, "GM0363"),
        "contributor_b": (Role.CONTRIBUTOR, "GM0599"),
    }


@pytest.mark.parametrize(
    ("role", "code"),
    [(Role.RESEARCHER, "GM0363"), (Role.COORDINATOR, None), (Role.CONTRIBUTOR, None)],
)
def test_a_municipality_goes_with_coordinators_and_contributors_only(role, code):
    user = User.objects.create_user("someone")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=role, municipality_code=code)


def test_a_user_has_one_role_per_municipality(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=cast["contributor_a"].user, role=Role.COORDINATOR, municipality_code="GM0363"
        )
    Membership.objects.create(
        user=cast["contributor_a"].user, role=Role.CONTRIBUTOR, municipality_code="GM0599"
    )
    assert cast["contributor_a"].user.memberships.count() == 2


def test_a_malformed_municipality_code_is_refused_with_its_format():
    membership = Membership(
        user=User.objects.create_user("someone"), role=Role.CONTRIBUTOR, municipality_code="363"
    )
    with translation.override("nl"), pytest.raises(ValidationError, match="GM en 4 cijfers"):
        membership.full_clean()


def test_a_membership_reads_as_who_in_which_role_where(cast):
    with translation.override("nl"):
        assert str(cast["coordinator_a"].membership) == "coordinator_a – coördinator GM0363"
