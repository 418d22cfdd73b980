"""Whether a "Recompute now" a person pressed is still running or done, kept in their session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest

from lifeline.core import clock

POLL_SECONDS = 3


@dataclass(frozen=True)
class RecomputeStatus:
    pending_since: dt.datetime | None = None
    done_at: dt.datetime | None = None


def mark_recompute_requested(http: HttpRequest, *, what: str) -> None:
    http.session[f"recompute:{what}"] = clock.now().isoformat()


def get_recompute_status(
    http: HttpRequest, *, what: str, computed_at: dt.datetime | None, keep: bool = False
) -> RecomputeStatus:
    """Pending until a snapshot computed after the press exists; once done is shown, the press
    is forgotten (unless `keep`, for the page's own polling request)."""
    pressed = http.session.get(f"recompute:{what}")
    if not pressed:
        return RecomputeStatus()
    requested_at = dt.datetime.fromisoformat(pressed)
    if computed_at is None or computed_at < requested_at:
        return RecomputeStatus(pending_since=requested_at)
    if not keep:
        del http.session[f"recompute:{what}"]
    return RecomputeStatus(done_at=computed_at)
