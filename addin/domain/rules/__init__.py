"""Validation rules: each takes typed models and returns problems; none raises for bad data."""
