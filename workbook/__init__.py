"""Alliance Workbook core: domain, persistence, exchange and reports (no Qt here)."""

__version__ = "0.1.0"
