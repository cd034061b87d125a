"""Where code lives, checked on the source: the rules the README's "How it is built" states."""
from __future__ import annotations

import ast
from pathlib import Path

KIOSK = Path(__file__).resolve().parents[1] / "kiosk"
# The one piece of SQL outside kiosk/data/: the access rule, written as a condition beside
# its Python twin so the two cannot drift, and passed into the queries that need it.
SCOPE_RULE = ("services/access/staff_access.py", "person_scope")


def modules(under: Path = KIOSK) -> list[Path]:
    return sorted(path for path in under.rglob("*.py") if "migrations" not in path.parts)


def imported(path: Path) -> set[str]:
    """Every module a file imports, relative imports made absolute."""
    package = ".".join(path.relative_to(KIOSK.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def selects_built(path: Path) -> list[str]:
    """The functions (or module level) of a file that call select()."""
    found = []

    def visit(node, where):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else where
            if isinstance(child, ast.Call) and getattr(child.func, "id", None) == "select":
                found.append(where)
            visit(child, inner)

    visit(ast.parse(path.read_text("utf-8")), "<module>")
    return found


def test_nothing_outside_the_kiosk_blueprint_imports_it():
    """Printing, staff and letters take shared helpers from kiosk.templating and kiosk.screens;
    only create_app (kiosk/__init__.py) names the blueprint, to register it."""
    found = {str(path.relative_to(KIOSK)): sorted(name for name in imported(path)
                                                  if name == "kiosk.me" or name.startswith("kiosk.me."))
             for path in modules() if path.relative_to(KIOSK).parts[0] not in ("me", "__init__.py")}
    assert {path: names for path, names in found.items() if names} == {}


def test_queries_are_built_in_kiosk_data_alone():
    found = {}
    for path in modules():
        relative = path.relative_to(KIOSK).as_posix()
        allowed = {SCOPE_RULE[1]} if relative == SCOPE_RULE[0] else set()
        if not relative.startswith("data/") and set(selects_built(path)) - allowed:
            found[relative] = sorted(set(selects_built(path)) - allowed)
    assert found == {}, "these build a select(): name a query in kiosk/data/ instead"


def test_queries_are_handed_the_rules_they_apply():
    """kiosk/data/ takes the scope (and any other rule) as an argument, never from services."""
    found = {path.name: sorted(name for name in imported(path) if name.startswith("kiosk.services"))
             for path in modules(KIOSK / "data")}
    assert {name: services for name, services in found.items() if services} == {}


def test_the_checks_above_can_fail():
    assert selects_built(KIOSK / "data" / "queries.py")
    assert "kiosk.templating" in imported(KIOSK / "screens.py")
    assert "kiosk.me.bp" in imported(KIOSK / "__init__.py")
    assert SCOPE_RULE[1] in selects_built(KIOSK / SCOPE_RULE[0])
