"""Imports run one way: core ← accounts ← audit ← observaties, with hechting (the checklist)
beside accounts. A module that imported upwards would tie a lower app to a higher one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = {"core", "accounts", "hechting", "audit", "observaties", "config", "demo"}
# What each package may import of the others (besides itself). What a refused request to a
# client-data page was about, observaties registers with audit (`register_refusals`).
ALLOWED = {
    "core": set(),
    "accounts": {"core"},
    "hechting": {"core"},
    "audit": {"core", "accounts"},
}


def _imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_lower_package_imports_nothing_above_it(package):
    upward = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for module in _imports(path):
            top = module.split(".")[0]
            if top not in APPS or top == package:
                continue
            if not any(
                module == allowed or module.startswith(f"{allowed}.") or top == allowed
                for allowed in ALLOWED[package]
            ):
                upward.append(f"{path.relative_to(ROOT)}: {module}")
    assert upward == []


def test_no_view_module_imports_another():
    """What several pages share lives beside the views (`observaties/pages.py`,
    `observaties/access_log.py`), so a view module never depends on another."""
    crossing = []
    for path in sorted((ROOT / "observaties" / "views").glob("*.py")):
        for module in _imports(path):
            if module.startswith("observaties.views"):
                crossing.append(f"{path.relative_to(ROOT)}: {module}")
    assert crossing == []


@pytest.mark.parametrize(
    "package", ["core", "accounts", "hechting", "audit", "observaties", "config"]
)
def test_no_production_package_imports_the_demo_and_benchmark_app(package):
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for module in _imports(path)
        if module.split(".")[0] == "demo"
    ]
    assert found == []
