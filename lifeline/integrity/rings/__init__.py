"""Shared-identifier rings: detection, its policy and rules, and a ring as a picture."""
