"""The applicant's parole request: step-by-step form, its document, page and timeline."""
