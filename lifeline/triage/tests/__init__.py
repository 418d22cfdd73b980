"""Tests for triage."""
