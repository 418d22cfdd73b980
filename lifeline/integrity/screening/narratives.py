"""Near-duplicate narratives as requests arrive: LSH band keys, confirmed on MinHash signatures."""

from __future__ import annotations

import numpy as np

from lifeline.intake.models import ParoleRequest
from lifeline.integrity.models import NarrativeSignature, ScreeningKey
from lifeline.integrity.normalise.narratives import NEAR_DUPLICATE_JACCARD
from lifeline.integrity.rings.rules import evidence_strength
from lifeline.integrity.screening.keys import NARRATIVE_BAND, FormKey, narrative_band_keys
from lifeline.integrity.screening.rules import DEFAULT_POLICY
from lifeline.integrity.services import FlagDraft

_SAMPLE = 10  # similar requests named in a flag's evidence
_SIGNATURE_TYPE = np.dtype("<u8")


def signature_bytes(signature: np.ndarray) -> bytes:
    return signature.astype(_SIGNATURE_TYPE).tobytes()


def signature_of(stored: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(stored), dtype=_SIGNATURE_TYPE)


def _similar_requests(
    signature: np.ndarray, keys: list[FormKey], form_key: str
) -> dict[int, tuple[str, float]]:
    """Other requests sharing a band with this narrative whose signatures agree on at least
    NEAR_DUPLICATE_JACCARD of their values (the batch's test), with household and estimate."""
    sharing = ScreeningKey.objects.filter(
        kind=NARRATIVE_BAND, value_hash__in=[key.value_hash for key in keys]
    ).exclude(form_key=form_key)
    household_of = dict(sharing.values_list("request_id", "household").distinct())
    stored = NarrativeSignature.objects.filter(request__in=sharing.values("request_id"))
    similar = {}
    for request_id, other in stored.values_list("request_id", "signature"):
        estimate = float((signature_of(other) == signature).mean())
        if estimate >= NEAR_DUPLICATE_JACCARD:
            similar[request_id] = (household_of[request_id], estimate)
    return similar


def reused_narrative_drafts(
    request: ParoleRequest, signature: np.ndarray, household: str, version: str
) -> list[FlagDraft]:
    """NARRATIVE_REUSED when this narrative and the nearly identical ones filed before it come
    from at least the policy's number of unrelated households: on all of them when this one
    made the count cross the threshold, else on this one (as for shared values)."""
    form_key = f"request:{request.pk}"
    similar = _similar_requests(signature, narrative_band_keys(signature), form_key)
    threshold = DEFAULT_POLICY.shared_households["narrative"]
    others = {h for h, _ in similar.values()}
    households = len(others | {household})
    if households < threshold:
        return []
    flagged = [request.pk] if len(others) >= threshold else [request.pk, *similar]
    programs = dict(ParoleRequest.objects.filter(pk__in=flagged).values_list("pk", "program"))
    nearest = sorted(similar.items(), key=lambda item: (-item[1][1], item[0]))[:_SAMPLE]
    references = dict(
        ParoleRequest.objects.filter(pk__in=[pk for pk, _ in nearest]).values_list(
            "pk", "reference"
        )
    )
    evidence = {
        "kind": "narrative",
        "value": "nearly the same answer",
        "forms": len(similar) + 1,
        "households": households,
        "threshold": threshold,
        "least_similarity": round(min(e for _, e in similar.values()), 3),
        "sample": [references[pk] for pk, _ in nearest],
    }
    score = round(evidence_strength("NARRATIVE_REUSED", count=households, threshold=threshold), 4)
    return [
        FlagDraft(
            rule_code="NARRATIVE_REUSED",
            subject_key=f"request:{pk}",
            program=programs.get(pk, ""),
            score=score,
            version=version,
            evidence=evidence,
            request_id=pk,
        )
        for pk in flagged
    ]
