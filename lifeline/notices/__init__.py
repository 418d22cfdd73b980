"""Notices: their kinds, wording, PDF rendering, issue and revocation, and public verification."""
