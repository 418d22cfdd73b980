"""Tests for the public portal."""
