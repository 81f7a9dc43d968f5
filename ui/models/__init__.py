"""Qt item models over the core's paged lists."""
