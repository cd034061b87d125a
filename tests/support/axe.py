"""Accessibility checks for pages open in Chromium: axe-core, reflow at 320 px, keyboard."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.2 AA as axe-core 4.12 knows it. Tag-based runOnly also turns on rules that are off
# by default, such as target-size (tagged wcag22aa); test_browser_start checks that it ran.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}

_axe = Axe()


def run_axe(page, context: str | None = None) -> dict:
    """The raw axe results for the page (or the part matched by the CSS selector `context`)."""
    return _axe.run(page, context=context, options=AXE_OPTIONS).response


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node.get('failureSummary', '').strip()}".replace(
                "\n", "\n       "))
    return "\n".join(lines)


def assert_accessible(page, context: str | None = None) -> dict:
    """Fail with every axe violation (rule, help and the elements at fault) on the page."""
    results = run_axe(page, context)
    violations = results["violations"]
    assert len(violations) == 0, (
        f"axe found {len(violations)} accessibility violation(s) on {page.url}"
        f"{f' in {context}' if context else ''}:\n{describe_violations(violations)}")
    return results


def assert_no_horizontal_scroll(page) -> None:
    """Content reflows at the current width (use a 320 px viewport for WCAG 1.4.10)."""
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})")
    if widths["scroll"] > widths["client"]:
        wide = page.evaluate(
            """(limit) => Array.from(document.querySelectorAll('body *'))
                 .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                 .slice(0, 10)
                 .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                      + (e.className && typeof e.className === 'string'
                         ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))""",
            widths["client"])
        raise AssertionError(
            f"{page.url} scrolls sideways: {widths['scroll']} px of content in "
            f"{widths['client']} px; too wide: {wide}")


FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'body';
  const text = (e.innerText || e.value || e.getAttribute('aria-label') || '').trim();
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.getAttribute('href') ? '[href=' + e.getAttribute('href') + ']' : '')
    + (text ? ' "' + text.split(/\\s+/).join(' ') + '"' : '');
}"""


def focused(page) -> str:
    """A short description of the focused element, e.g. `a[href=#main-content] "Skip..."`."""
    return page.evaluate(FOCUSED)


def tab_through(page, max_steps: int = 30) -> list[str]:
    """Press Tab up to `max_steps` times; describe the focused element after each press.

    Starts from where focus is now (straight after `page.goto`, the top of the page) and
    stops early when focus comes back to the first stop (the page has been gone round).
    """
    stops: list[str] = []
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stops and stop == stops[0]:
            break
        stops.append(stop)
    return stops


def tab_to(page, wanted: str, max_steps: int = 80) -> str:
    """Press Tab until the focused element's description contains `wanted`; return it."""
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        stop = focused(page)
        if wanted in stop:
            return stop
    raise AssertionError(f"{wanted!r} never took the focus on {page.url}")
