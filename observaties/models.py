"""Families, children and observations of home visits (issue 3)."""
