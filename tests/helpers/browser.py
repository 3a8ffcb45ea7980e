"""Headless Chromium for the report's browser tests: Debian's `chromium` (Playwright's own
download does not run here), and a page whose errors, dialogs and requests are recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import REPO

CHROMIUM = shutil.which("chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "tests" / "artifacts"


class Watched:
    """A page whose console errors, page errors, dialogs and requests are recorded; every
    request that is not for the file itself or a data: URL is refused."""

    def __init__(
        self,
        browser,
        path: Path,
        width: int = 1400,
        height: int = 1000,
        color_scheme: str = "light",
    ):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(
            viewport={"width": width, "height": height}, color_scheme=color_scheme
        )
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url, wait_until="load")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.split("#")[0] == self.url or url.startswith("data:"):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def clean(self) -> bool:
        return self.errors == [] and self.refused == [] and self.dialogs == []

    def shot(self, name: str, selector: str | None = None) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        target = self.page.locator(selector).first if selector else self.page
        target.screenshot(path=str(ARTIFACTS / name))

    def visible_rows(self) -> int:
        """The findings table's rows that a filter leaves shown."""
        return self.page.evaluate(
            "() => Array.from(document.querySelectorAll('#findings-table tbody tr'))"
            ".filter(r => !r.hidden).length"
        )

    def close(self):
        self.page.close()
