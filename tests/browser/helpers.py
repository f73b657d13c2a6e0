"""Helpers of the browser tests that are not fixtures."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_report(page: Page, axe: Axe) -> str:
    """The WCAG 2.1 AA violations axe-core finds on the page as it is now, as text ('' when none)."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = axe.run(page, options=options).response["violations"]
    if not violations:
        return ""
    lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


def stat(page: Page, testid: str) -> int:
    """The number shown under a data-testid; 0 when the element is absent (no ambition of that kind yet)."""
    locator = page.get_by_test_id(testid)
    if locator.count() == 0:
        return 0
    return int(re.sub(r"[^0-9]", "", locator.inner_text()) or 0)


def totals(page: Page, kind: str) -> tuple[int, int]:
    """(target, realised) of one ambition kind in the partners/_totals.html table on the page."""
    return stat(page, f"target-{kind}"), stat(page, f"realised-{kind}")


def percentage(realised: int, target: int) -> int:
    return round(100 * realised / target)
