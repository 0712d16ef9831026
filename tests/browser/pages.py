"""What the browser tests do with a page: check it with axe-core, take its screenshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__tests__/axe.min.js"
"""Where the pages load axe-core from: a same-origin address, served by the test (see
:func:`axe_violations`), so the site's ``script-src 'self'`` admits it unchanged."""


def screenshot(page: Page, folder: Path, name: str) -> None:
    """The whole page, from its top (scrolled down, Chromium draws the skip link, which
    waits above the viewport for focus, into a full-page screenshot)."""
    path = folder / f"{name}.png"
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def axe_violations(page: Page) -> list[str]:
    """The serious and critical violations axe-core finds on the page as it is now.

    axe is added as a script from the page's own origin (the request is answered by the
    test), so the Content-Security-Policy stays as the site sends it: no ``bypass_csp``."""
    page.route(
        "**" + AXE_URL,
        lambda route: route.fulfill(path=AXE, content_type="text/javascript"),
    )
    page.add_script_tag(url=AXE_URL)
    results: dict[str, Any] = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
    )
    assert results["passes"], "axe-core checked nothing"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
