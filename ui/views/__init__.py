"""One view per section of the main window."""
