"""Keeping the data: the engine and its units of work (``db``), what every write brings along
(history, search index, batched updates, the erased-person guard), the file's guards (lock,
log), copies (backup, dump), the schema's upgrade (``migrate``) and the shared server's
roles. Imports only ``workbook.domain``."""
