"""Adjudication: decisions with rubric and reasons, sign-off, second review, evidence, notices."""
