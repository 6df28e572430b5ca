"""Export: every session of one profile (or of all) with its redness, as CSV or JSON."""

from __future__ import annotations

from pathlib import Path

from homekit.domain.errors import InvalidInput
from homekit.files import write_private
from homekit.services import Homekit
from homekit.transfer import formats

FORMATS = ("csv", "json")


def export_log(hk: Homekit, fmt: str, *, all_profiles: bool = False) -> str:
    """The export text in `fmt` ("csv" or "json"): sessions oldest first, profiles by age."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}; choose csv or json")
    profiles = hk.profiles() if all_profiles else [hk.profile()]
    data = [(p, hk.store.sessions(p.id)) for p in profiles]
    return formats.to_csv(data) if fmt == "csv" else formats.to_json(data)


def format_for(path: str | Path | None, given: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else JSON."""
    if given:
        return given
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "json"


def export_to_file(hk: Homekit, path: Path, fmt: str, *, all_profiles: bool = False) -> Path:
    """Write the export to `path`, owner-only (it is health data)."""
    text = export_log(hk, fmt, all_profiles=all_profiles)
    return write_private(path, text.encode("utf-8"))
