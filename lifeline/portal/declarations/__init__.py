"""The supporter's declaration of support: step-by-step form, evidence and confirmation."""
