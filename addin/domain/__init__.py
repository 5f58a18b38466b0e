"""Pure domain core: models, rules and calculations. Standard library and pydantic only."""
