"""Accessibility: axe-core (the npm package, injected from node_modules) finds no serious or
critical violation on any page (all rules in light mode, the colour rules again in dark mode);
every image has a text alternative."""

from __future__ import annotations

import pytest

from .page_tools import axe_run, js, load, no_alt

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def axe_problems(tour, mode: str) -> list[str]:
    problems = []
    for path, v in tour.items():
        error = v.error or (v.dark_error if mode == "dark" else "")
        if error:
            problems.append(f"/{path}: {error}")
        for viol in getattr(v, mode).axe:
            if viol["impact"] not in BLOCKING:
                continue
            n = len(viol["nodes"])
            nodes = "\n      ".join(viol["nodes"][:3]) + (
                f"\n      (+{n - 3} more)" if n > 3 else ""
            )
            problems.append(
                f"/{path}: {viol['impact']} {viol['id']}: {viol['help']} ({n} element(s)):"
                f"\n      {nodes}"
            )
    return problems


def test_axe_light_mode(tour) -> None:
    problems = axe_problems(tour, "light")
    assert not problems, "\n".join(problems)


def test_axe_dark_mode_colours(tour) -> None:
    problems = axe_problems(tour, "dark")
    assert not problems, "\n".join(problems)


def test_every_image_has_alt_text(tour) -> None:
    missing = [f"/{path}: {tag}" for path, v in tour.items() for tag in v.no_alt]
    assert not missing, "images without a text alternative:\n" + "\n".join(missing)


def test_axe_and_the_alt_check_are_live(site, page) -> None:
    """The checks above can fail: an image without alt text is found by axe and by no_alt."""
    load(page, site.url(site.pages[0]), idle=False)
    page.evaluate(js("add_image_without_alt"))
    ids = {v["id"] for v in axe_run(page) if v["impact"] in BLOCKING}
    assert "image-alt" in ids
    assert no_alt(page)
