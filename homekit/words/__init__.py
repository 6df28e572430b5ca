"""Every sentence both UIs show, built from the services' facts and the domain's constants.

The CLI prints these and the app shows them, so a hint can never disagree with a validator
or with the other UI. Nothing here reads the clock, the store or the terminal. One module to
the callers (`from homekit import words`), kept in one file per topic below.
"""

from homekit.words.base import *  # noqa: F403
from homekit.words.calendar import *  # noqa: F403
from homekit.words.commands import *  # noqa: F403
from homekit.words.data_commands import *  # noqa: F403
from homekit.words.datafile import *  # noqa: F403
from homekit.words.errors import *  # noqa: F403
from homekit.words.files import *  # noqa: F403
from homekit.words.imports import *  # noqa: F403
from homekit.words.notices import *  # noqa: F403
from homekit.words.photos import *  # noqa: F403
from homekit.words.replica import *  # noqa: F403
from homekit.words.safety import *  # noqa: F403
from homekit.words.serve import *  # noqa: F403
from homekit.words.session_notices import *  # noqa: F403
from homekit.words.text import *  # noqa: F403
from homekit.words.undo import *  # noqa: F403
