"""Settings for the test suite: the normal settings with test switches on."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("LIFELINE_TESTING", "1")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only

# Checkpoints a test run writes go to a scratch folder, never to the project's var/.
# A path named in the environment (a subprocess a test starts) wins.
LIFELINE_AUDIT_CHECKPOINT_PATH = Path(
    os.environ.get("LIFELINE_AUDIT_CHECKPOINT_PATH")
    or Path(tempfile.mkdtemp(prefix="lifeline-audit-")) / "checkpoints.log"
)
