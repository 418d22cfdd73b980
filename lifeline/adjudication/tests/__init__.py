"""Tests for adjudication."""
