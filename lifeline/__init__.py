"""Lifeline: a case system for humanitarian parole programs."""
