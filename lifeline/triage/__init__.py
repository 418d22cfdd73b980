"""Triage: urgency scoring, expedite decisions, SLA clocks, queues and assignment."""
