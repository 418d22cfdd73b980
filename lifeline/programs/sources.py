"""A cited source with how sure we are of it: the primary text was read, a copy was, or neither."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lifeline.programs.citations import Authority, Quote, WebUrl

Confidence = Literal["verified", "secondary", "unverified"]
CONFIDENCE_ORDER: dict[str, int] = {"verified": 0, "secondary": 1, "unverified": 2}


class Source(BaseModel):
    """The authority relied on and the sentence relied on; unverified sources carry no quote.

    `verified`: the quote was read in the primary text. `secondary`: it was read in a copy or
    a secondary page (`read_in`). `unverified`: the rule is known but its text was not read;
    answers that rely on it say that they need legal review.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    authority: Authority
    quote: Quote | None = None
    confidence: Confidence
    read_in: WebUrl | None = Field(
        None, description="Where the quote was read, if not the primary."
    )
    note: str | None = Field(None, max_length=600)
    see_also: list[WebUrl] = Field(default_factory=list)

    @model_validator(mode="after")
    def _quote_matches_confidence(self) -> Source:
        if self.confidence == "verified" and self.quote is None:
            raise ValueError("a verified source needs the quoted sentence it relies on")
        if self.confidence == "secondary" and self.read_in is None:
            raise ValueError("a secondary source names the page it was read in (read_in)")
        if self.confidence == "unverified" and self.quote is not None:
            raise ValueError("an unverified source may not carry a quote: nothing was read")
        return self

    @property
    def label(self) -> str:
        return self.authority.label

    def as_json(self) -> dict[str, object]:
        return {
            "authority": self.authority.label,
            "url": self.authority.url,
            "quote": self.quote,
            "confidence": self.confidence,
            "read_in": self.read_in,
            "note": self.note,
        }


def weakest(confidences: list[str]) -> str:
    """The least sure of several confidences ("verified" when there are none)."""
    return max(confidences, key=CONFIDENCE_ORDER.__getitem__, default="verified")
