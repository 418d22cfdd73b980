"""What the options share: the advice to see a representative."""

from __future__ import annotations

LEGAL_REVIEW = "Speak to an accredited representative before relying on this date."
