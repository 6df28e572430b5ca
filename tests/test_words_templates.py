"""Error sentences written as templates of their facts (words.errors `_ERRORS`)."""

from __future__ import annotations

import string

import homekit.words  # noqa: F401  (every topic registers its sentences)
from homekit.domain.errors import HomekitError, InvalidInput
from homekit.words.errors import _ERRORS, error


def test_a_template_fills_in_the_facts_and_repr_where_it_asks() -> None:
    assert error(HomekitError(code="unknown_format", format="xml")) == (
        "unknown export format 'xml'; choose csv or json")
    assert error(InvalidInput(code="no_undo_step", id=12)) == (
        "no undo step 12 (see: homekit undo --list --json)")


def test_a_path_fact_is_shown_on_one_line_and_shortened() -> None:
    assert error(HomekitError(code="import_missing", name="a\nb.json")) == (
        "a\\nb.json does not exist")
    long = "/x/" + "d" * 300 + "/export.json"
    said = error(HomekitError(code="import_is_folder", name=long))
    assert "..." in said and said.endswith("export.json is a folder, not a file")
    assert len(said) < 160


def test_a_fact_with_braces_is_put_in_as_it_is() -> None:
    assert error(HomekitError(code="replica_failed", problem="{not} a field")) == (
        "replication failed: {not} a field")


def test_every_template_names_only_the_conversions_words_knows() -> None:
    templates = {code: t for code, t in _ERRORS.items() if isinstance(t, str)}
    assert len(templates) > 50
    for code, template in templates.items():
        for _, field, _, conversion in string.Formatter().parse(template):
            if field is not None:
                assert field.isidentifier(), (code, field)
                assert conversion in (None, "r", "p"), (code, conversion)
