"""Spreadsheet exchange: formatted xlsx export, CSV export, and validated import with preview."""
