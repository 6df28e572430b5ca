"""The redness alert's sentence (domain.alerts): apart from the other sentences, so that
`status --json` loads only this one when the latest redness raises an alert."""

from __future__ import annotations

from homekit.domain import alerts

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.alerts import RednessAlert

_SAID = {
    alerts.SEVERE: "Severe redness: pause treatments and consult a skin professional before "
                   "the next session.",
    alerts.NOT_GONE_AFTER_DAY: "Redness not reported gone after a day: pause treatments and "
                               "consult a skin professional.",
    alerts.STILL_PRESENT: "Redness still present: log when it fades. Redness that lasts is a "
                          "warning sign.",
    alerts.LASTED_DAY: "Redness lasted more than a day: pause treatments and consult a skin "
                       "professional before the next session.",
    alerts.LASTED: "Redness lasted {minutes} minutes; slight redness normally fades within "
                   "minutes. Redness that lasts is a warning sign.",
}


def redness_alert_text(alert: RednessAlert) -> str:
    """What an alert for redness says, in both UIs, the report and `status --json`."""
    return _SAID[alert.code].format(minutes=alert.minutes)


def redness_warning(alert: RednessAlert | None) -> str | None:
    """The alert's sentence, or None without one (status's `redness_warning`)."""
    return None if alert is None else redness_alert_text(alert)
