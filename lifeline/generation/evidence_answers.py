"""The applicants' side of the demo's evidence requests: most send the documents asked for
within days, some never answer (the request then expires and the case is decided on the
record)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.core.files.uploadedfile import SimpleUploadedFile

from lifeline.adjudication.enums import EvidenceRequestStatus
from lifeline.adjudication.models import EvidenceRequest
from lifeline.generation.replay_day import ReplayDay
from lifeline.intake.evidence import OTHER_KIND, add_evidence

# Every seventh evidence request goes unanswered, starting with the first: spread evenly rather
# than drawn, so even a small office has requests past their due date (the first is months old).
UNANSWERED_EVERY = 7
ANSWER_DAYS = (3, 25)  # the evidence response period is 30 days
# A one-page PDF with no scripts or embedded files: what the applicant "scanned".
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class EvidenceAnswers:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.due: dict[dt.date, list[int]] = {}
        self.planned = 0
        self.counts: Counter[str] = Counter()

    def plan(self, request_id: int, asked_on: dt.date) -> None:
        """When (if ever) the applicant answers the evidence request made today."""
        unanswered = self.planned % UNANSWERED_EVERY == 0
        self.planned += 1
        if unanswered:
            self.counts["evidence requests left unanswered"] += 1
            return
        on = asked_on + dt.timedelta(days=self.rng.randint(*ANSWER_DAYS))
        self.due.setdefault(on, []).append(request_id)

    def answer_due(self, day: ReplayDay) -> None:
        """Upload the documents asked for, as the filer (or their representative) would: the
        evidence request is answered and the case goes back in the queue. Outside any
        transaction: the uploads are checked and stored first."""
        for request_id in self.due.pop(day.day, []):
            asked = (
                EvidenceRequest.objects.filter(
                    request_id=request_id, status=EvidenceRequestStatus.OPEN
                )
                .select_related("request__filed_by", "request__representative")
                .first()
            )
            if asked is None:
                continue  # the request ended first
            request = asked.request
            actor = request.representative or request.filed_by
            for kind in [item["id"] for item in asked.items] or [OTHER_KIND]:
                with day.step():
                    add_evidence(
                        actor=actor,
                        request_id=request_id,
                        kind=kind,
                        upload=SimpleUploadedFile(f"{kind}.pdf", _PDF, "application/pdf"),
                        description="Sent in answer to the evidence request",
                    )
            self.counts["evidence requests answered"] += 1
