"""The public dashboard in a real browser: the views switch in place with htmx and by a plain
form without JavaScript, every page type passes axe-core at desktop and phone width, and the
Content-Security-Policy holds.

Screenshots go to ``$AIMONITOR_SCREENSHOTS`` (a folder) when set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from aimonitor.web.fieldwork.demo import store_demo_waves
from aimonitor.web.municipalities.loading import load_frame_into_database
from aimonitor.web.outputs.publish import forget_published
from aimonitor.web.public.dashboard import forget_dashboard

from .conftest import Browsing
from .pages import axe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "device_scale_factor": 2}


@pytest.fixture
def published_demo() -> None:
    forget_published()
    forget_dashboard()
    load_frame_into_database()
    store_demo_waves(seed=2024)


def test_the_views_of_a_theme_switch_in_place_and_pass_axe_on_desktop_and_phone(
    published_demo: None, browsing: Browsing, tmp_path: Path
) -> None:
    folder = Path(os.environ.get("AIMONITOR_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    page = browsing.page()
    page.goto("/dashboard/")
    expect(page).to_have_url(browsing.base_url + "/dashboard/2024/")
    expect(page.get_by_text("Synthetische demonstratiedata").first).to_be_visible()
    found["wave"] = axe_violations(page)
    screenshot(page, folder, "dashboard-wave")

    page.get_by_role("link", name="4. Soorten AI").first.click()
    expect(page.locator("h1")).to_contain_text("Soorten AI")
    found["theme, national"] = axe_violations(page)
    screenshot(page, folder, "dashboard-theme")

    # htmx: choosing a view replaces the figures in place and puts the view in the address.
    page.evaluate("() => document.body.setAttribute('data-unchanged', '')")
    page.get_by_label("Naar provincie").check()
    expect(page.locator(".dashboard-breakdown").first).to_contain_text("Zeeland")
    expect(page).to_have_url(browsing.base_url + "/dashboard/2024/ai_types/?per=provincie")
    assert page.evaluate("() => document.body.hasAttribute('data-unchanged')"), (
        "the page was loaded anew: htmx did not swap the figures in place"
    )
    found["theme by province"] = axe_violations(page)
    screenshot(page, folder, "dashboard-province")
    # The language form returns to the view chosen with htmx, not to the one first loaded.
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(browsing.base_url + "/dashboard/2024/ai_types/?per=provincie")
    expect(page.locator(".dashboard-breakdown").first).to_contain_text("Zeeland")
    expect(page.locator("h1")).to_contain_text("Types of AI")
    found["theme by province, English"] = axe_violations(page)
    screenshot(page, folder, "dashboard-province-english")

    phone = browsing.page(**PHONE)
    phone.goto("/dashboard/2024/ai_types/?per=grootteklasse")
    expect(phone.locator(".dashboard-breakdown").first).to_contain_text("inwoners")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width}px wide on a 375px phone: it scrolls sideways"
    found["phone, by size class"] = axe_violations(phone)
    screenshot(phone, folder, "dashboard-phone")

    assert found == {name: [] for name in found}
    assert browsing.page_errors == []
    assert not [line for line in browsing.console if "Content Security Policy" in line]


def test_without_javascript_the_forms_still_switch_the_view_and_the_language(
    published_demo: None, browsing: Browsing
) -> None:
    page = browsing.page(java_script_enabled=False)
    page.goto("/dashboard/2024/literacy/")
    page.get_by_label("Door de jaren heen").check()
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(browsing.base_url + "/dashboard/2024/literacy/?per=trend")
    expect(page.locator(".dashboard-breakdown").first).to_contain_text("2023")
    # The language form carries this reader's own CSRF token (the page around it is kept).
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_contain_text("AI literacy and awareness")
    expect(page).to_have_url(browsing.base_url + "/dashboard/2024/literacy/?per=trend")
