"""The ``tocsin`` command line: the edge where errors become messages and exit codes."""
