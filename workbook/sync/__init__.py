"""Members in step without a server: each keeps their own database file, and changes travel
through a shared folder as signed change files, merged field by field (``merge``), the
conflicts kept for a person to decide. See docs/ARCHITECTURE.md, "Sync through a folder"."""
