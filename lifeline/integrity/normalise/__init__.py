"""Normalisers that turn raw form values into comparable keys for matching and ring detection."""
