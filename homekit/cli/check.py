"""`homekit check`: is the data file healthy? Integrity, schema, the rule on every row, modes."""

from __future__ import annotations

import argparse

from homekit import words
from homekit.cli.options import command

#: The commands this module registers (so the CLI builds only the one being run).
COMMANDS = ("check",)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from homekit.cli import Context


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub, common, "check", cmd_check, help="check the data file: integrity, schema, rule, modes")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    """Check the data file: SQLite's integrity check, that its schema is exactly homekit's,
    that every stored value is valid (the undo journal's steps too) and every two sessions
    of a profile are at least its interval apart, and that the file and its folders are
    owner-only, and that no folder on the way to it can be written by others. Exit status 0
    when healthy, 1 otherwise."""
    import json

    from homekit.cli.output import json_safe, say

    h = ctx.open(verify=False).check.check_file()
    if args.json:
        print(json_safe(json.dumps(as_json(h), indent=2, ensure_ascii=False)))
    else:
        say(words.check_text(h))
    return 0 if h.healthy else 1


def as_json(h: Any) -> dict[str, Any]:
    d = h.difference
    return {
        "file": str(h.path),
        "healthy": h.healthy,
        "schema_version": h.schema_version,
        "integrity": h.integrity,
        "schema": None if d is None else {
            "change": d.change, "type": d.type, "name": d.name, "table": d.table,
            "text": words.difference_text(d)},
        "migration_record": h.record,
        "rows": [{"profile": p.profile, "date": p.date, "session_id": p.session_id,
                  "kind": p.kind, "text": words.control_free(words.row_problem(p))}
                 for p in h.problems],
        "modes": [{"path": str(c.path), "mode": words.mode_text(c.old), "reason": c.reason}
                  for c in h.open_modes]
        + [{"path": str(f.path), "mode": words.mode_text(f.mode),
            "reason": words.open_folder_reason(f)} for f in h.folders],
        "tightened": [{"path": str(c.path), "was": words.mode_text(c.old),
                       "now": words.mode_text(c.new)} for c in h.mode_changes if c.new],
        "repaired": h.repaired,
        "journal": [{"id": f.entry_id, "part": f.part, "problem": f.problem,
                     "text": words.control_free(words.journal_fault_line(f))}
                    for f in h.journal],
    }

