"""The parole term: travel authorization within caps, fee, arrival, conditions, end, re-parole."""
