"""The frame's copy is read-only in the admin: the frame files are authoritative (ADR 0007)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["municipality", "merger"])
def test_the_research_team_sees_the_frame_in_the_admin_but_cannot_change_it(
    frame, client_as, model
):
    researcher = client_as("researcher")
    assert researcher.get(f"/admin/municipalities/{model}/").status_code == 200
    assert researcher.get(f"/admin/municipalities/{model}/add/").status_code == 403
    page = researcher.get(f"/admin/municipalities/{model}/1/change/").content.decode()
    assert 'name="_save"' not in page
