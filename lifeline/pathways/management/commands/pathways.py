"""`lifeline pathways check FILE.json [--as-of DATE]`: every option after parole, offline;
`review-timeline FILE --by USER` and `publish-timeline VERSION --by USER`: a new policy timeline
reviewed against every parolee, then published; `move-terms [--on DATE]`: parole terms follow
the timeline in force."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from lifeline.accounts.models import User
from lifeline.core.dates import plausible_date
from lifeline.core.errors import DomainError
from lifeline.core.json_files import argument_name, read_json_argument
from lifeline.core.validation_messages import problems_by_line
from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.known_programs import require_known_programs


class Command(BaseCommand):
    help = "Pathways after parole: options, deadlines, fees and sources (offline)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        tools = parser.add_subparsers(dest="tool", required=True)
        run = tools.add_parser(
            "check",
            help="Answer every option for a pathway request (JSON; see docs/pathways.md).",
        )
        run.add_argument("file", help="The pathway request (JSON); - reads stdin.")
        run.add_argument("--as-of", dest="as_of", help="The date to answer for (YYYY-MM-DD).")
        review = tools.add_parser(
            "review-timeline",
            help="List the parolees whose answers a new timeline file changes (kept for publish).",
        )
        review.add_argument("file", help="The new timeline file (YAML).")
        review.add_argument("--by", required=True, help="The program administrator's username.")
        publish = tools.add_parser(
            "publish-timeline",
            help="Publish a reviewed timeline and tell the parolees and representatives affected.",
        )
        publish.add_argument("version", help="The reviewed version, e.g. timeline-2026-12-20.")
        publish.add_argument("--by", required=True, help="The program administrator's username.")
        moves = tools.add_parser(
            "move-terms",
            help="Cut, end or reopen parole terms per the timeline's terminations and orders.",
        )
        moves.add_argument("--on", help="The date to apply (YYYY-MM-DD; default today).")

    def handle(self, *args: Any, **options: Any) -> None:
        tool = options["tool"]
        try:
            if tool == "review-timeline":
                self._review(options["file"], options["by"])
            elif tool == "publish-timeline":
                self._publish(options["version"], options["by"])
            elif tool == "move-terms":
                self._move(_date(options.get("on"), "--on"))
            else:
                self._check(options["file"], _date(options.get("as_of"), "--as-of"))
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error

    def _review(self, path: str, username: str) -> None:
        from lifeline.pathways.timeline_changes import review_timeline_change

        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}", returncode=2) from error

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"  reviewed {done} of {total} parolees")

        change = review_timeline_change(actor=_user(username), source_yaml=text, progress=progress)
        self.stdout.write(
            f"{change.version} (replaces {change.replaces}): {change.evaluated_count} parolees "
            f"evaluated, answers change for {change.changed_count}."
        )
        for row in change.report["rows"]:
            for item in row["changes"]:
                self.stdout.write(
                    f"  {row['reference']} on {row['on']}: {item['code']} "
                    f"{json.dumps(item['before'])} -> {json.dumps(item['after'])}"
                )

    def _publish(self, version: str, username: str) -> None:
        from lifeline.pathways.timeline_changes import publish_timeline_change

        change = publish_timeline_change(actor=_user(username), version=version)
        self.stdout.write(f"{change.version} published; {change.notified_count} parolees told.")

    def _move(self, on: dt.date | None) -> None:
        from lifeline.pathways.term_moves import move_terms_with_timeline

        moves = move_terms_with_timeline(on=on)
        for label, references in (
            ("cut", moves.cut),
            ("ended", moves.ended),
            ("reopened", moves.reopened),
            ("restored", moves.restored),
        ):
            self.stdout.write(f"{label}: {len(references)} {' '.join(references)}".rstrip())
        if moves.not_checked:
            self.stdout.write(
                f"not moved (timeline last checked before {moves.on}): "
                f"{', '.join(moves.not_checked)}"
            )

    def _check(self, argument: str, as_of: dt.date | None) -> None:
        data = read_json_argument(argument)
        path = argument_name(argument)
        try:
            request = PathwayRequest.model_validate(data)
        except ValidationError as error:
            raise CommandError(
                f"{path} is not a valid pathway request:\n{problems_by_line(error)}", returncode=2
            ) from error
        try:
            require_known_programs(request)
            answer = check(request, as_of=as_of)
        except DomainError as error:
            raise CommandError(f"{path}: {error}", returncode=2) from error
        self.stdout.write(answer.model_dump_json(indent=2))


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a date (YYYY-MM-DD)", returncode=2) from None
    try:
        return plausible_date(day)
    except ValueError as error:
        raise CommandError(f"{option} {error}", returncode=2) from None


def _user(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user {username!r}.", returncode=2)
    return user
