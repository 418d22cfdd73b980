"""Forms of the workspace: a decision with its rubric, an evidence request, a sign-off."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from lifeline.adjudication.enums import Outcome, RubricScore
from lifeline.programs.policy import ProgramVersionPolicy


class DecisionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect)
    reason_codes = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), min_length=20)
    confirm_family_split = forms.BooleanField(
        required=False,
        label="I confirm this decision splits the family (it will be reviewed)",
        help_text="Only for the family-linked requests filed on their own, listed under People "
        "and family; the family members filed in this request share this decision.",
    )
    override_reason = forms.CharField(
        required=False,
        max_length=2000,
        label="Override: why you decide despite the concerns listed",
        help_text="Only when the case lists concerns; the decision then goes to a supervisor.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, policy: ProgramVersionPolicy, has_relatives: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy
        if not has_relatives:  # no family-linked request this decision could split from
            del self.fields["confirm_family_split"]
        cast(forms.MultipleChoiceField, self.fields["reason_codes"]).choices = [
            (reason.code, f"{Outcome(reason.decision).label}: {reason.label}")
            for reason in policy.adjudication.reason_codes
        ]
        for factor in policy.adjudication.rubric:
            self.fields[f"rubric_{factor.id}"] = forms.ChoiceField(
                label=factor.label,
                help_text=factor.guidance,
                choices=RubricScore.choices,
                widget=forms.RadioSelect,
            )

    def rubric_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("rubric_")]

    def rubric_scores(self) -> dict[str, str]:
        return {
            name.removeprefix("rubric_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("rubric_")
        }


class EvidenceRequestForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    items = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Evidence from the program's list",
    )
    free_text = forms.CharField(
        required=False,
        max_length=2000,
        label="Anything else needed",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["items"]).choices = choices


class SignoffForm(forms.Form):
    action = forms.ChoiceField(choices=[("sign", "Sign"), ("return", "Return to the officer")])
    comment = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Comment (required to return)",
    )


class SecondReviewForm(DecisionForm):
    """The second officer's own decision; confirmation of a family split is not theirs to give."""

    def __init__(self, *args: Any, policy: ProgramVersionPolicy, **kwargs: Any) -> None:
        super().__init__(*args, policy=policy, **kwargs)
        self.fields.pop("confirm_family_split", None)
        del self.fields["override_reason"]
        del self.fields["expected_version"]
