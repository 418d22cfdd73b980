"""Supporter declarations of financial support and the co-supporters who join them."""
