"""The end-to-end demo: its sample competition, what its people type, and the run itself."""
