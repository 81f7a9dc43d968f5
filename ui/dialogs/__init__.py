"""Dialogs; they share a base that keeps their size and place."""
