"""Typed events adjudication publishes; higher layers subscribe (see their subscriptions.py)."""

from django.dispatch import Signal

# Sent inside the transaction in which a decision takes effect, with `decision=`.
decision_took_effect = Signal()
