"""What the association's records are and how the core speaks of them: the models, their
fixed choices, the errors a person can meet (as data), the core's words, today's date, what
a unit of work changed, and small shared types. Imports nothing else of the core."""
