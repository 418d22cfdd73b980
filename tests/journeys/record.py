"""Record the journeys' baseline on today's code: `python -m tests.journeys.record`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


def main() -> int:
    os.environ["LIFELINE_RECORD_JOURNEYS"] = "1"
    here = Path(__file__).parent
    return int(pytest.main(["-n", "0", "-q", str(here / "test_journeys.py"), *sys.argv[1:]]))


if __name__ == "__main__":
    sys.exit(main())
