"""Screening forms: one arriving form against the hash index, and the full nightly screen."""
