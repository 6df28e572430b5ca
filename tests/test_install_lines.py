"""Every install line homekit prints or documents installs homekit: the package index name is
homekit-skinlog (`homekit` there is an unrelated HomeKit library), or `.` in a clone, and
every extra named exists."""

from __future__ import annotations

import re
from pathlib import Path

from homekit import words

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
#: `pip install 'X[extra]'`, `pip install .`, `pip install -e '.[test]'` ...
PIP_LINE = re.compile(r"pip install (?:-q )?(?:-e )?'?([^'\s\[]+)(?:\[([a-z,]+)\])?'?")


def _extras() -> set[str]:
    block = PYPROJECT.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    return set(re.findall(r"^([a-z]+) = \[", block, flags=re.M))


def _documents() -> list[Path]:
    docs = ROOT / "docs"
    return [ROOT / "README.md", *(sorted(docs.rglob("*.md")) if docs.is_dir() else [])]


def test_the_words_name_the_distribution_of_pyproject():
    name = re.search(r'^name = "([^"]+)"', PYPROJECT, flags=re.M)
    assert name and name.group(1) == words.DISTRIBUTION == "homekit-skinlog"


def test_the_printed_install_lines_name_a_real_extra_both_ways():
    for extra in ("replica", "heic"):
        line = words.install_extra(extra)
        assert extra in _extras()
        assert f"pip install 'homekit-skinlog[{extra}]'" in line
        assert f"pip install '.[{extra}]'" in line
    from homekit.domain.errors import InvalidInput, StorageError

    assert "homekit-skinlog[replica]" in words.error(StorageError(code="replica_missing"))
    assert "homekit-skinlog[heic]" in words.error(
        InvalidInput(code="photo_not_image", name="x.heic"))


def test_every_documented_install_line_installs_homekit():
    found = []
    for doc in _documents():
        for target, extras in PIP_LINE.findall(doc.read_text(encoding="utf-8")):
            if target.startswith("-"):
                continue
            found.append((doc.name, target, extras))
            if target in (".", "homekit-skinlog"):
                assert set(filter(None, extras.split(","))) <= _extras(), (doc, target, extras)
            else:  # a tool named by its own package (the benchmarks' peers, mkdocs ...)
                assert target != "homekit", f"{doc.name}: pip install {target}[{extras}]"
    assert ("README.md", ".", "") in found
