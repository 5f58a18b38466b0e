"""Excel front end: the ribbon add-in and its Python callbacks."""
