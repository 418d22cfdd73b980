"""Pathways after parole: which longer-term options may apply to a parolee, and by when."""
