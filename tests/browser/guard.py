"""The guard of every browser test: each request to another host is blocked and recorded, and
so is each console error, uncaught exception and failed request of the pages.

Hand-written, not pytest-playwright's: the plugin creates contexts (``new_context``) but has no
notion of a host to stay on, nor of a page's console or failed requests; so each context the
plugin or the tour creates is handed to :meth:`Guard.watch`, which adds a Playwright route that
aborts every URL the :class:`~normdocs_site.static_server.StaticServer` calls another host's
(``blockedbyclient``, as a browser's blocker does) and listeners that record the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    Route,
    WebSocket,
)

TIMEOUT_MS = 15_000  # of every action and wait of the pages (Playwright's default: 30 s)


@dataclass
class Guard:
    """What the watched contexts' pages did wrong: requests to other hosts (blocked), console
    errors and failed requests, in order. ``is_other_host`` is the served site's."""

    is_other_host: Callable[[str], bool]
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def mark(self) -> tuple[int, int, int]:
        return len(self.external), len(self.console_errors), len(self.failed)

    def since(self, mark: tuple[int, int, int] = (0, 0, 0)) -> list[str]:
        """What was recorded after ``mark`` (by default: everything), as messages."""
        a, b, c = mark
        return (
            [f"request to another host: {u}" for u in self.external[a:]]
            + [f"console error: {m}" for m in self.console_errors[b:]]
            + [f"failed request: {m}" for m in self.failed[c:]]
        )

    def watch(self, context: BrowserContext) -> BrowserContext:
        """Block and record every request of ``context`` to another host; watch its pages."""
        context.set_default_timeout(TIMEOUT_MS)

        def block(route: Route) -> None:
            self.external.append(route.request.url)
            route.abort("blockedbyclient")

        context.route(self.is_other_host, block)
        context.on("page", self._watch_page)
        return context

    def _watch_page(self, page: Page) -> None:
        def on_console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                loc = msg.location.get("url", "")
                self.console_errors.append(f"{msg.text} ({loc or page.url})")

        def on_response(resp: Response) -> None:
            if resp.status >= 400:
                self.failed.append(f"HTTP {resp.status} {resp.url}")

        def on_failed(req: Request) -> None:
            if not self.is_other_host(req.url) and req.failure != "net::ERR_ABORTED":
                self.failed.append(f"{req.failure} {req.url}")

        def on_websocket(ws: WebSocket) -> None:
            if self.is_other_host(ws.url):
                self.external.append(ws.url)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught {exc}"))
        page.on("response", on_response)
        page.on("requestfailed", on_failed)
        page.on("websocket", on_websocket)
