"""Settings for the test suite: the normal settings with test switches on."""

import os

os.environ.setdefault("LIFELINE_TESTING", "1")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
