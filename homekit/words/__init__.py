"""Every sentence both UIs show, built from the services' facts and the domain's constants.

The CLI prints these and the app shows them, so a hint can never disagree with a validator
or with the other UI. Nothing here reads the clock, the store or the terminal. One module to
the callers (`from homekit import words`), kept in one file per topic below.

A name is loaded with its own topic's module on first use (PEP 562), not all 20 at once: a
command's `--help` or a status with one warning loads what it says, no more. `WHERE` says which
module defines each name (a test keeps it in step with the modules); a name it misses is still
found, as the star imports found it, by loading the modules.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:  # what mypy sees: every topic's names, as one module
    from homekit.words.alerts import *  # noqa: F403
    from homekit.words.base import *  # noqa: F403
    from homekit.words.calendar import *  # noqa: F403
    from homekit.words.commands import *  # noqa: F403
    from homekit.words.data_commands import *  # noqa: F403
    from homekit.words.datafile import *  # noqa: F403
    from homekit.words.errors import *  # noqa: F403
    from homekit.words.events import *  # noqa: F403
    from homekit.words.files import *  # noqa: F403
    from homekit.words.help import *  # noqa: F403
    from homekit.words.imports import *  # noqa: F403
    from homekit.words.notices import *  # noqa: F403
    from homekit.words.photos import *  # noqa: F403
    from homekit.words.replica import *  # noqa: F403
    from homekit.words.safety import *  # noqa: F403
    from homekit.words.scales import *  # noqa: F403
    from homekit.words.serve import *  # noqa: F403
    from homekit.words.session_notices import *  # noqa: F403
    from homekit.words.text import *  # noqa: F403
    from homekit.words.treatments import *  # noqa: F403
    from homekit.words.undo import *  # noqa: F403

#: The topics, in the order their names override each other (a later one wins).
MODULES: tuple[str, ...] = (
    "alerts", "base", "calendar", "commands", "data_commands", "datafile", "errors", "events",
    "files", "help", "imports", "notices", "photos", "replica", "safety", "scales", "serve",
    "session_notices", "text", "treatments", "undo",
)

#: The names each topic defines.
_NAMES: dict[str, str] = {
    "alerts": ("redness_alert_text redness_warning"),
    "base": ("CONDITION_WARNING CONDITION_BLOCKED_APP CONDITION_BLOCKED_CLI GLASSES_WARNING "
        "SKIN_TYPE_WORDS SKIN_TYPE_NOTE skin_type_text day plural "
        "and_its_observations in_days fade_words fade_short redness_words redness_text "
        "session_text session_of about_session about_redness shown control_free is_control "
        "month_year short_day progress_title progress_heading redness_heading lasting_limit "
        "chart_name chart_written chart_saved"),
    "calendar": ("NO_REMINDERS calendar_name reminder_summary reminder_description reminder_alarm "
        "reminders_written reminders_written_app"),
    "commands": ("NOTHING_DELETED delete_needs_yes GLASSES_WARNING_CLI warning note NO_SESSIONS "
        "session_logged next_eligible session_updated delete_session_question session_deleted "
        "redness_recorded redness_updated delete_redness_question redness_deleted NO_PROFILES "
        "profile_plan profile_line profile_created profile_changed skin_type_line "
        "profile_show_lines profile_now_default delete_profile_question skin_recorded "
        "medical_answers CONDITION_QUESTION CONDITION_ACK_QUESTION CHECKLIST_START "
        "checklist_question NO_PHOTOS photo_written delete_photo_question photo_deleted "
        "comparison_written NOTHING_TO_UNDO_CLI undo_list_line open_folder_reason "
        "undo_steps_forgotten undo_step_forgotten check_text INTERRUPTED usage_error error_line "
        "cannot_use unexpected about_profile"),
    "data_commands": ("exported import_lines backup_written restored replaced_kept demo_written demo_try "
        "report_written"),
    "errors": ("error LISTED_ROWS difference_text row_problem mode_text open_notices"),
    "events": ("EVENT_KIND_WORDS EVENT_GUIDANCE SEE_PROFESSIONAL_RULE "
        "EVENT_HOLD_NOTE_APP EVENT_BLOCK_LIFT NO_EVENTS EVENTS_TITLE event_kind_text "
        "resolution_text event_line see_professional_text event_logged event_resolved "
        "event_deleted event_deleted_app delete_event_question event_hold_why event_hold_lift "
        "event_hold_lift_app event_entry"),
    "help": ("INTERVAL_HINT PHOTO_GUIDANCE VIEW_HELP EVENT_KINDS_HELP EVENT_HOLD_NOTE"),
    "imports": ("LISTED_PROBLEMS import_problem"),
    "files": ("size_text seconds_text REPLACE_FILE_TITLE replace_file_question file_kept_app"),
    "notices": ("UNSAVED_TITLE QUIT_UNSAVED LEAVE_UNSAVED FIX_FIELDS FIX_FIELDS_ABOVE NOT_SAVED_FIX "
        "DATE_FORMAT_HINT not_saved cannot_read chart_not_saved undo_failed_app WELCOME "
        "CONDITION_UNANSWERED ANSWER_THE_QUESTION CONDITION_STILL_BLOCKED ISOTRETINOIN_ACK "
        "SAFETY_LINE NO_SESSIONS_YET CONDITION_ALERT GLASSES_NOTICE NO_SESSION_FOR_REDNESS "
        "sessions_progress medical_alert blocked_app next_session next_card_title "
        "last_session_card projected_card_title projected_card session_logged_app "
        "WRITING_REMINDERS writing_report report_written_app SAFETY_INTRO SESSION_LENGTH "
        "REDNESS_BLOCK_LIFT BACKFILL_NOTE BACKFILL_TITLE REFUSED_NEW_DATE REFUSED_EDIT "
        "redness_block_app too_soon_app checklist_refused_app MEDICAL_SAVED CHOOSE_PROFILE "
        "profile_title profile_saved_app delete_profile_question_app now_using_profile "
        "NO_PHOTOS_APP COMPARE_NEEDS_TWO photos_summary comparison_written_app "
        "SESSION_UNCHANGED_APP"),
    "photos": ("VIEW_GUIDE view_guide_text PHOTO_FILE_NEEDED PHOTO_EXPORT_HINT "
        "photo_line comparison_captions comparison_title"),
    "replica": ("DISTRIBUTION install_extra REPLICA_INSTALL replica_started replica_progress "
        "replica_stopped"),
    "safety": ("CONDITION_ANSWER_CMD CLEARED_HINT gate_why gate_lift blocked_text followup_text "
        "medical_text gate_lift_app followup_text_app status_text checklist_summary"),
    "scales": ("REDNESS_SCALE_NAME REDNESS_AXIS REDNESS_DESCRIPTIONS STINGING_SCALE_NAME redness_label "
        "redness_level_text REDNESS_SCALE_SHORT REDNESS_SCALE_TEXT REDNESS_HELP "
        "STINGING_SCALE_SHORT"),
    "serve": ("WEB_INSTALL SERVE_TUNNEL_DOCS SERVE_NO_BROWSER SERVE_APP_ENDED SERVE_PAGE_ENDED "
        "SERVE_PAGE_RESTART serve_address serve_bad_port serve_stopped"),
    "session_notices": ("NO_REDNESS_YET NO_REDNESS_TO_DELETE NO_SESSION_SELECTED NO_REDNESS_TO_CORRECT "
        "LOADING_SESSIONS session_title edit_title session_updated_app "
        "delete_session_question_app session_deleted_app history_summary LEVEL_HINTS REDNESS_NOW "
        "REDNESS_NORMAL MINUTES_MISSING redness_dialog_title observations_title "
        "redness_recorded_app redness_alert_title delete_redness_question_app redness_deleted_app "
        "delete_observation_question observation_deleted_app"),
    "text": ("FILE_LOST_TITLE file_lost crash_line"),
    "treatments": ("FLOOR_NOTE INFORMS depth_text treatment_label floor_text despite_text NO_PRODUCTS "
        "treatment_lines treatment_added treatment_changed product_logged delete_product_question "
        "product_deleted product_line standing_line hold_app known_names treatments_app "
        "LOG_TREATMENT LOG_DEPTH OTHER_TREATMENT CHOOSE_AREAS CONFLICT_AREAS_NOTE HOLD_TITLE "
        "HOLD_WAIT HOLD_ANYWAY HOLD_NOTE"),
    "undo": ("undo_step_text undone_text profile_deleted_text UNDO_HINT_CLI UNDO_HINT_APP "
        "history_filter_text chart_saved_text journal_fault_text journal_fault_line"),
}

#: Which topic defines each name.
WHERE: dict[str, str] = {n: m for m in MODULES for n in _NAMES.get(m, "").split()}


def __getattr__(name: str) -> object:
    from importlib import import_module

    if name in WHERE:
        value = getattr(import_module(f"{__name__}.{WHERE[name]}"), name)
    elif name in MODULES:  # a topic itself (`words.calendar`)
        value = import_module(f"{__name__}.{name}")
    elif not name.startswith("_"):  # a name WHERE misses (or one a topic imports)
        found = (vars(import_module(f"{__name__}.{m}")) for m in reversed(MODULES))
        value = next((names[name] for names in found if name in names), _MISSING)
        if value is _MISSING:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


_MISSING = object()
