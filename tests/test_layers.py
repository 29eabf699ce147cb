"""Imports run one way: core ← accounts ← audit ← observaties, with hechting (the checklist)
and zaaksysteem (the case system's calls) beside accounts. A module that imported upwards would
tie a lower app to a higher one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = {
    "core",
    "accounts",
    "hechting",
    "audit",
    "observaties",
    "zaaksysteem",
    "api",
    "config",
    "demo",
}
# What each package may import of the others (besides itself). What a refused request to a
# client-data page was about, observaties registers with audit (`register_refusals`).
ALLOWED = {
    "core": set(),
    "accounts": {"core"},
    "hechting": {"core"},
    "audit": {"core", "accounts"},
    # The case system's settings and calls: they know nothing of what is sent.
    "zaaksysteem": {"core"},
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
    "package", ["core", "accounts", "hechting", "audit", "observaties", "zaaksysteem", "config"]
)
def test_no_production_package_imports_the_demo_and_benchmark_app(package):
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for module in _imports(path)
        if module.split(".")[0] == "demo"
    ]
    assert found == []


# Inside observaties, from the bottom up: a module imports only from its own layer or below.
OBSERVATIES_LAYERS = [
    # what is stored, who may see it, and content as the checklist records it
    {
        "models",
        "access",
        "access_log",
        "checks",
        "db_roles",
        "observations.content",
        "documents.charts",
    },
    {"selectors"},  # reads
    # the rules content meets (those on the safety section in a module of their own, below the
    # others, which run them); the sheet's wording
    {"observations.safety_rules"},
    {"observations.rules", "parent_sheet"},
    {"documents"},  # reports, PDF, archive
    {"services", "retention", "tasks"},  # writes, and the background tasks that run them
    {"checklist", "forms", "pages"},  # forms and what pages share
    {"views", "urls", "apps", "templatetags", "management"},
]


def _observaties_unit(module):
    """The unit of OBSERVATIES_LAYERS that `module` (dotted, under observaties) belongs to."""
    parts = module.split(".")[1:]
    for size in (2, 1):
        name = ".".join(parts[:size])
        if any(name in layer for layer in OBSERVATIES_LAYERS):
            return name
    return None


def _layer(unit):
    return next(index for index, layer in enumerate(OBSERVATIES_LAYERS) if unit in layer)


def _observaties_imports(path):
    """The observaties modules `path` imports, `from observaties import x` as observaties.x."""
    for module in _imports(path):
        if module.startswith("observaties."):
            yield module
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "observaties" and node.level == 0:
            yield from (f"observaties.{alias.name}" for alias in node.names)


def test_inside_observaties_imports_go_down_the_layers():
    upward = []
    for path in sorted((ROOT / "observaties").rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("")
        own_imports = list(_observaties_imports(path))
        if "migrations" in relative.parts or not own_imports:
            continue
        own = _observaties_unit(".".join(relative.parts))
        assert own is not None, f"{relative} belongs to no layer of OBSERVATIES_LAYERS"
        for module in own_imports:
            unit = _observaties_unit(module)
            if unit is not None and _layer(unit) > _layer(own):
                upward.append(f"{relative}: {module}")
    assert upward == []


@pytest.mark.parametrize("package", sorted(APPS))
def test_no_module_is_over_500_lines(package):
    """A module that grows past this is doing more than one thing: split it by concept."""
    long = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts and (count := len(path.read_text().splitlines())) > 500
    ]
    assert long == []
