"""Integrity engine: identity resolution, shared-identifier rings and sponsor capacity."""
