"""A step-by-step form kept as a server-side draft: answers stay across sign-outs until sent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import HttpRequest, QueryDict
from django.utils.functional import Promise

from lifeline.accounts.models import User
from lifeline.portal import drafts

FormFactory = Callable[..., forms.Form]


@dataclass(frozen=True)
class Step:
    """One page of a step-by-step form. `asked`, when given, says from the earlier steps'
    cleaned answers whether the page is asked at all (e.g. only for a person here)."""

    name: str
    title: str | Promise
    form_class: FormFactory
    asked: Callable[[dict[str, dict[str, Any]]], bool] | None = None

    def is_asked(self, earlier: dict[str, dict[str, Any]]) -> bool:
        return self.asked is None or self.asked(earlier)


class Wizard:
    """Answers per step in the signed-in person's draft; forms are rebuilt from them when needed.

    `initial` holds suggested answers per step (e.g. from a confirmed declaration), shown in a
    step's form until the person answers it."""

    def __init__(
        self,
        http: HttpRequest,
        *,
        key: str,
        steps: Sequence[Step],
        initial: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.http, self.key, self.steps = http, f"wizard:{key}", list(steps)
        self.initial = initial or {}
        self._owner = cast(User, http.user)
        self._answers = drafts.get_draft_answers(owner=self._owner, key=self.key)

    @property
    def is_started(self) -> bool:
        return bool(self._answers)

    def step(self, name: str) -> Step | None:
        return next((step for step in self.steps if step.name == name), None)

    def index(self, name: str) -> int:
        return [step.name for step in self.steps].index(name)

    def previous(self, name: str, **kwargs: Any) -> Step | None:
        asked = self.asked_steps(**kwargs)
        index = [step.name for step in asked].index(name)
        return asked[index - 1] if index > 0 else None

    def next(self, name: str, **kwargs: Any) -> Step | None:
        asked = self.asked_steps(**kwargs)
        index = [step.name for step in asked].index(name)
        return asked[index + 1] if index + 1 < len(asked) else None

    def asked_steps(self, **kwargs: Any) -> list[Step]:
        """The steps asked given the answers so far: a conditional step after the first
        missing or invalid one is judged on the answers before that one."""
        result: dict[str, dict[str, Any]] = {}
        asked: list[Step] = []
        complete = True
        for step in self.steps:
            if not step.is_asked(result):
                continue
            asked.append(step)
            if complete and step.name in self._answers:
                form = self.form(step, context=result, **kwargs)
                if form.is_valid():
                    result[step.name] = form.cleaned_data
                    continue
            complete = False
        return asked

    def form(self, step: Step, data: QueryDict | None = None, **kwargs: Any) -> forms.Form:
        """The step's form: bound to `data`, else to the stored answers, else unbound."""
        if data is None and step.name in self._answers:
            data = QueryDict(mutable=True)
            for field, values in self._answers[step.name].items():
                data.setlist(field, values)
        if data is None and step.name in self.initial:
            kwargs["initial"] = self.initial[step.name]
        return step.form_class(data=data, prefix=step.name, **kwargs)

    def store(self, step: Step, data: QueryDict) -> None:
        answers = dict(self._answers)
        prefix = f"{step.name}-"
        answers[step.name] = {
            field: data.getlist(field) for field in data if field.startswith(prefix)
        }
        drafts.save_draft_answers(owner=self._owner, key=self.key, answers=answers)
        self._answers = answers

    def cleaned(
        self, *, until: str | None = None, **kwargs: Any
    ) -> tuple[dict[str, dict[str, Any]], list[forms.Form], Step | None]:
        """Cleaned answers of the steps asked before `until` (all when None), their bound
        forms, and the first step that is missing or no longer valid (None when all are fine).
        A step not asked on the earlier answers has no answers here, even if it was answered
        before they changed."""
        result: dict[str, dict[str, Any]] = {}
        bound: list[forms.Form] = []
        for step in self.steps:
            if step.name == until:
                break
            if not step.is_asked(result):
                continue
            if step.name not in self._answers:
                return result, bound, step
            form = self.form(step, context=result, **kwargs)
            if not form.is_valid():
                return result, bound, step
            result[step.name] = form.cleaned_data
            bound.append(form)
        return result, bound, None

    def reset(self) -> None:
        drafts.discard_draft(owner=self._owner, key=self.key)
        self._answers = {}
