"""CCIN Consultancy Services DPS mini-competition add-in."""

__version__ = "0.1.0"
