"""Open integrity flags on a request, as the integrity app reports them (none until it does)."""

from __future__ import annotations

from typing import Any

from lifeline.intake.models import ParoleRequest


def list_open_integrity_flags(request: ParoleRequest) -> list[dict[str, Any]]:
    """Flags as dicts with at least `code` and `description`; [] while integrity has no flag store.

    The integrity app provides `lifeline.integrity.selectors.list_open_flags_for_request`.
    """
    try:
        from lifeline.integrity import selectors
    except ImportError:
        return []
    lister = getattr(selectors, "list_open_flags_for_request", None)
    return list(lister(request)) if lister is not None else []
