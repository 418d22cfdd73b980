"""Daily parole tasks: release waiting authorizations, expiries and re-parole window notices."""

from __future__ import annotations

from django.tasks import task

from lifeline.parole import lifecycle


@task
def daily_parole_sweep_task() -> dict[str, int]:
    return {
        "travel_authorized": lifecycle.release_waiting_travel_authorizations(),
        "travel_authorizations_expired": lifecycle.expire_travel_authorizations(),
        "terms_ended": lifecycle.end_expired_terms(),
        "reparole_notices": lifecycle.send_reparole_window_notices(),
    }
