"""Run clamd in the foreground with the project's configuration and signatures under var/."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lifeline.portal.antivirus import ClamdMissing, clamd_command


class Command(BaseCommand):
    help = (
        "Run the virus scanner (clamd) in the foreground, listening on var/clamav/clamd.sock; "
        "point LIFELINE_CLAMD_SOCKET at that socket."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            command = clamd_command(settings.VAR_DIR / "clamav")
        except ClamdMissing as missing:
            raise CommandError(str(missing)) from missing
        os.execv(command[0], command)  # noqa: S606 - replaces this process with clamd
