"""Litestream's log read as facts: one line (`LogLine`) and the progress it reports (`Progress`),
for `homekit replicate` to show. Split from replica, which finds, configures and runs Litestream."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

#: One `key=value` field of a log line (the value may be quoted).
_FIELD = re.compile(r'(\w[\w.-]*)=("(?:[^"\\]|\\.)*"|\S*)')


@dataclass(frozen=True)
class LogLine:
    """One line of Litestream's log (`time=... level=... msg=... key=value ...`)."""

    level: str
    msg: str
    fields: dict[str, str]

    @classmethod
    def parse(cls, line: str) -> LogLine:
        fields = {}
        for key, value in _FIELD.findall(line):
            if value.startswith('"'):
                try:
                    value = json.loads(value)
                except ValueError:
                    value = value.strip('"')
            fields[key] = value
        if "msg" not in fields:  # e.g. "Error: cannot open store: ..."
            text = line.strip()
            error = text.startswith("Error:")
            return cls("ERROR" if error else "INFO", text.removeprefix("Error:").strip(), {})
        return cls(fields.get("level", "INFO").upper(), fields.get("msg", ""), fields)

    @property
    def error(self) -> str:
        return self.fields.get("error") or self.msg


@dataclass(frozen=True)
class Progress:
    """What Litestream reported last: transactions sent to the replica and the last problem."""

    uploads: int = 0
    txid: int = 0
    at: str = ""
    problem: str = ""
