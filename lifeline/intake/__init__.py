"""Parole requests, the people in them, family links, evidence and invitations."""
