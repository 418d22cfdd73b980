"""Tests for the parole term."""
