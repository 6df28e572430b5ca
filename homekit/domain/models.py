"""Plain data the rest of the program passes around."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from homekit.domain.records import Record
from homekit.domain.records import json_fields as json_fields
from homekit.domain.status import Status as Status
from homekit.domain.vocabulary import AREAS as AREAS
from homekit.domain.vocabulary import DEFAULT_PROFILE as DEFAULT_PROFILE
from homekit.domain.vocabulary import DEFAULT_TARGET_SESSIONS as DEFAULT_TARGET_SESSIONS
from homekit.domain.vocabulary import REDNESS_LEVELS as REDNESS_LEVELS
from homekit.domain.vocabulary import SKIN_TYPE_NUMERALS as SKIN_TYPE_NUMERALS
from homekit.domain.vocabulary import SKIN_TYPES as SKIN_TYPES
from homekit.domain.vocabulary import STINGING_LEVELS as STINGING_LEVELS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:

    from homekit.domain.drafts import RednessDraft as RednessDraft
    from homekit.domain.drafts import SessionChanges as SessionChanges
    from homekit.domain.drafts import SessionDraft as SessionDraft
    from homekit.domain.drafts import SessionFilter as SessionFilter
    from homekit.domain.drafts import SessionImport as SessionImport

#: What a user enters or a file brings in, not yet stored: in `domain.drafts`, built only by
#: the commands that write or filter (a read such as `status --json` never defines them).
_DRAFTS = ("SessionDraft", "SessionChanges", "SessionFilter", "RednessDraft", "SessionImport")


def __getattr__(name: str) -> object:
    if name in _DRAFTS:
        from homekit.domain import drafts

        return getattr(drafts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, eq=False, repr=False)
class Profile(Record):
    """One person's log settings and safety answers (a file can hold several)."""

    id: int
    name: str
    target_sessions: int = DEFAULT_TARGET_SESSIONS
    min_interval_days: int = 7
    created_at: str = ""
    #: Answer to "do you have eczema or acne rosacea?" (None: not asked yet).
    has_skin_condition: bool | None = None
    #: When the user acknowledged the eczema/rosacea warning (ISO timestamp).
    condition_acknowledged_at: str | None = None
    #: Isotretinoin: "never", the ISO date the course finished, or None (not asked).
    isotretinoin: str | None = None
    #: When the user acknowledged the recent-isotretinoin warning (ISO timestamp).
    isotretinoin_acknowledged_at: str | None = None
    #: Takes blood thinners (None: not asked).
    blood_thinners: bool | None = None
    #: When the medical answers were last given (ISO timestamp).
    medical_answered_at: str | None = None
    #: Fitzpatrick skin type 1-6 as the user gives it (None: not given): information for the
    #: report and a professional, never a diagnosis or a rule.
    skin_type: int | None = None

    def to_json(self) -> dict[str, object]:
        """Its settings and answers by column name (the file's own id left out), as
        `profile show --json` prints them."""
        return {
            "name": self.name,
            "target_sessions": self.target_sessions,
            "min_interval_days": self.min_interval_days,
            "created_at": self.created_at,
            "has_skin_condition": self.has_skin_condition,
            "condition_acknowledged_at": self.condition_acknowledged_at,
            "isotretinoin": self.isotretinoin,
            "isotretinoin_acknowledged_at": self.isotretinoin_acknowledged_at,
            "blood_thinners": self.blood_thinners,
            "medical_answered_at": self.medical_answered_at,
            "skin_type": self.skin_type,
        }


@dataclass(frozen=True, eq=False, repr=False)
class Redness(Record):
    """Redness seen after a session: how strong, and after how many minutes it faded."""

    id: int | None
    session_id: int
    observed_at: str  # local "YYYY-MM-DDTHH:MM"
    severity: int  # 0-4, see REDNESS_LEVELS
    faded_after_min: int | None = None  # None: still red when observed
    notes: str = ""
    #: The number of its session (see `Session.number`); 0 when not read from the store.
    session_number: int = field(default=0, compare=False)

    @property
    def severity_word(self) -> str:
        return REDNESS_LEVELS[self.severity]

    to_json = json_fields("id", "session_id", "observed_at", "severity", "severity_word",
                          "faded_after_min", "notes")


#: The fields of a session a user can change, in the order forms show them.
EDITABLE_FIELDS: tuple[str, ...] = (
    "session_date", "start_time", "duration_min", "areas", "device_level", "glasses_worn",
    "stinging", "notes",
)
#: Fields that may be cleared (set back to "not recorded").
CLEARABLE_FIELDS: tuple[str, ...] = EDITABLE_FIELDS[1:]


@dataclass(frozen=True, init=False, eq=False, repr=False)
class SessionFields(Record):
    """What a session is as entered, the fields a `SessionDraft` (validated, not yet stored)
    and a stored `Session` share, declared once: each class adds its own (the draft none).
    No constructor, equality or repr of its own (each class makes its `__init__`; equality
    compares the class first)."""

    session_date: dt.date
    start_time: str | None = None  # "HH:MM"
    duration_min: int | None = None
    areas: tuple[str, ...] = ()
    device_level: int | None = None
    glasses_worn: bool | None = None
    stinging: int | None = None
    notes: str = ""
    #: Pre-session checklist items confirmed (None: not asked); see domain.checklist.
    checklist: tuple[str, ...] | None = None
    #: Logged past a redness block on a professional's say-so.
    cleared_by_professional: bool = False
    #: The treatment (domain.treatments), microneedling's needle depth in mm, and the product
    #: kinds (retinoid, acid) whose hold the user chose to log it despite.
    treatment: str = "microdermabrasion"
    depth_mm: float | None = None
    despite: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False, kw_only=True)
class Session(SessionFields):
    """A logged session with its redness observations (oldest first): what was entered
    (`SessionFields`, positional from `session_date` on) and what storing it gave it, named
    (`Session(date, id=..., profile_id=...)`)."""

    id: int
    profile_id: int
    created_at: str = ""
    redness: tuple[Redness, ...] = field(default=())
    #: Its place by date within its profile (1 = the earliest): the number both UIs, the
    #: report and the calendar show. The `id` is what commands take. 0: not read from the store.
    number: int = field(default=0, compare=False)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict; keys are the column names of the `sessions` table, and `number`."""
        return {
            "id": self.id,
            "number": self.number,
            "profile_id": self.profile_id,
            "session_date": self.session_date.isoformat(),
            "start_time": self.start_time,
            "duration_min": self.duration_min,
            "areas": list(self.areas),
            "device_level": self.device_level,
            "glasses_worn": self.glasses_worn,
            "stinging": self.stinging,
            "notes": self.notes,
            "created_at": self.created_at,
            "checklist": None if self.checklist is None else list(self.checklist),
            "cleared_by_professional": self.cleared_by_professional,
            "treatment": self.treatment,
            "depth_mm": self.depth_mm,
            "despite": list(self.despite),
            "redness": [r.to_json() for r in self.redness],
        }

    @property
    def worst_redness(self) -> Redness | None:
        if not self.redness:
            return None
        return max(self.redness, key=lambda r: (r.severity, r.observed_at))

    @property
    def latest_redness(self) -> Redness | None:
        if not self.redness:
            return None
        return max(self.redness, key=lambda r: (r.observed_at, r.id or 0))

