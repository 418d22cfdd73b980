"""`lifeline demo accounts`: a login for every role, with the address of the demo."""

from __future__ import annotations

from argparse import ArgumentParser
from io import StringIO
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from lifeline.core.errors import DomainError
from lifeline.generation.demo import DEMO_URL, ensure_demo_accounts


class Command(BaseCommand):
    help = "Prepare the demo: `accounts` creates (or resets) one login per role."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("what", choices=["accounts"], help="what to prepare")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            accounts = ensure_demo_accounts()
        except DomainError as error:
            raise CommandError(error.message) from error
        table = Table(title="Demo logins", title_justify="left")
        for column in ("role", "username", "password", "second factor"):
            table.add_column(column, overflow="fold")
        for account in accounts:
            table.add_row(account.role, account.username, account.password, account.second_factor)
        buffer = StringIO()
        console = Console(file=buffer, width=100)
        console.print(table)
        console.print(f"Sign in at {DEMO_URL}")
        self.stdout.write(buffer.getvalue(), ending="")
