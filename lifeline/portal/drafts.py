"""Reads and writes of a person's unfinished step-by-step form (a working copy, not a record)."""

from __future__ import annotations

import json

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.core import clock
from lifeline.portal.models import WizardDraft

Answers = dict[str, dict[str, list[str]]]


def get_draft_answers(*, owner: User, key: str) -> Answers:
    draft = WizardDraft.objects.filter(owner=owner, key=key).first()
    if draft is None or not draft.answers_json:
        return {}
    answers: Answers = json.loads(draft.answers_json)
    return answers


@transaction.atomic
def save_draft_answers(*, owner: User, key: str, answers: Answers) -> None:
    WizardDraft.objects.update_or_create(
        owner=owner,
        key=key,
        defaults={"answers_json": json.dumps(answers), "updated_at": clock.now()},
    )


@transaction.atomic
def discard_draft(*, owner: User, key: str) -> None:
    WizardDraft.objects.filter(owner=owner, key=key).delete()


def request_form_key(filer_id: int) -> str:
    """The key of the request form a person (or their representative) fills for `filer_id`."""
    return f"request:{filer_id}"


DECLARATION_FORM_KEY = "declaration"


def has_draft(*, owner: User, form_key: str) -> bool:
    return WizardDraft.objects.filter(owner=owner, key=f"wizard:{form_key}").exists()
