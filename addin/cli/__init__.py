"""The `dps` command line: thin commands that read arguments, call a service, show the result."""
