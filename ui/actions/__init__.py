"""The app's actions by capability, kept out of the main window, which is their frame."""
