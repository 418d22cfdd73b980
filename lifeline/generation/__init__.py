"""Synthetic data sets: realistic people, families, supporters and requests, with ground truth."""
