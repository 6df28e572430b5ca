"""The shape of the code, which no linter checks: no class made of many bases or grown past a
few dozen methods (use cases are composed, docs/design/index.md), and no module past 300
lines (split along a real seam instead)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "homekit"
MAX_BASES = 3
MAX_PUBLIC_METHODS = 30
MAX_LINES = 300


def _classes() -> dict[str, list[tuple[str, ast.ClassDef]]]:
    """Every class defined in homekit/, by name (a name may be defined twice)."""
    found: dict[str, list[tuple[str, ast.ClassDef]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}"
                found.setdefault(node.name, []).append((where, node))
    return found


def _own_public(node: ast.ClassDef) -> set[str]:
    return {n.name for n in node.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and not n.name.startswith("_")}


def _public_methods(node: ast.ClassDef, classes: dict[str, list[tuple[str, ast.ClassDef]]],
                    seen: frozenset[str] = frozenset()) -> set[str]:
    """The public methods a class defines or inherits from homekit's own classes (a library's
    base, such as Textual's Screen, is not counted: its methods are not this code's)."""
    names = _own_public(node)
    for base in node.bases:
        name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
        if name in classes and name not in seen and len(classes[name]) == 1:
            names |= _public_methods(classes[name][0][1], classes, seen | {node.name})
    return names


def test_no_class_has_more_than_three_bases_or_thirty_public_methods():
    classes = _classes()
    assert "Homekit" in classes and "Context" in classes  # the walk sees the services
    too_many_bases = [where for defs in classes.values() for where, node in defs
                      if len(node.bases) > MAX_BASES]
    too_big = {where: len(methods) for defs in classes.values() for where, node in defs
               if len(methods := _public_methods(node, classes)) > MAX_PUBLIC_METHODS}
    assert too_many_bases == []
    assert too_big == {}


def test_the_count_sees_inherited_methods():
    """The walk counts a homekit base's methods: the check above cannot be dodged by moving
    methods into a parent class."""
    src = "class A:\n" + "".join(f"    def m{i}(self): ...\n" for i in range(20)) + (
        "class B(A):\n" + "".join(f"    def n{i}(self): ...\n" for i in range(20)))
    classes: dict[str, list[tuple[str, ast.ClassDef]]] = {}
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.ClassDef):
            classes.setdefault(node.name, []).append((node.name, node))
    assert len(_public_methods(classes["B"][0][1], classes)) == 40


def test_no_module_is_longer_than_three_hundred_lines():
    long = {str(p.relative_to(PACKAGE.parent)): n for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_a_command_builds_only_the_use_cases_it_uses(tmp_path):
    """`hk.status` builds the status and the safety it needs, and loads no other use case."""
    code = ("import sys\nfrom homekit.services import Homekit\n"
            f"hk = Homekit.open({str(tmp_path / 'h.db')!r})\nhk.status.status()\n"
            "print(sorted(m for m in sys.modules if m.startswith('homekit.services')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.split() == [
        "['homekit.services',", "'homekit.services.context',", "'homekit.services.safety',",
        "'homekit.services.status']"]
