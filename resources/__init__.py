"""Files the application ships: fonts, icons, translations (found with importlib.resources)."""
