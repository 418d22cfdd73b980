"""Shared kernel: domain errors, the clock, encrypted fields and idempotent submissions."""
