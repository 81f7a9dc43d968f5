"""Alliance Workbook desktop application (Qt); talks to the database only through workbook."""
