"""Scripted journeys whose ordered audit events are kept as a baseline across refactorings."""
