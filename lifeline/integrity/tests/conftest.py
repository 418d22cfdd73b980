"""Each integrity test writes and reads its own identity snapshot, never a shared one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _own_identity_snapshot(settings: Any, tmp_path: Path) -> None:
    settings.LIFELINE_IDENTITY_INDEX_PATH = tmp_path / "identity-index.llix"
