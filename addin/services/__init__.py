"""Services: one function per officer action, shared by the CLI and the Excel ribbon."""
