"""Services: one module per aggregate; validation lives here, not in the UI."""

from workbook.services import (  # noqa: F401  (importing registers each entity's spec)
    conflicts,
    decisions,
    goals,
    meetings,
    organisations,
    partnerships,
)
from workbook.services.records import (
    ListQuery,
    RowView,
    caption_from,
    captions,
    count_rows,
    create,
    defaults,
    delete,
    dependents,
    get,
    list_page,
    list_rows,
    ordered_ids,
    rows_by_id,
    update,
    validate,
    values_of,
)
from workbook.services.registry import all_specs, spec_for

__all__ = [
    "ListQuery",
    "RowView",
    "all_specs",
    "caption_from",
    "captions",
    "count_rows",
    "create",
    "defaults",
    "delete",
    "dependents",
    "get",
    "list_page",
    "list_rows",
    "ordered_ids",
    "rows_by_id",
    "spec_for",
    "update",
    "validate",
    "values_of",
]
