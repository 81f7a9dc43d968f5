"""Rules shared by several entities."""

from __future__ import annotations

from datetime import date
from typing import Any

from workbook.domain import clock
from workbook.domain.errors import ValidationError
from workbook.domain.models import Partnership, Record
from workbook.services.fields import Field


def require_order(
    entity: str, *, earlier: tuple[str, date | None], later: tuple[str, date | None]
) -> None:
    """The later date may not come before the earlier one."""
    (first_name, first), (second_name, second) = earlier, later
    if first is not None and second is not None and second < first:
        raise ValidationError(entity, second_name, second.isoformat(), "before", other=first_name)


def not_in_future(entity: str, name: str, value: date | None) -> None:
    if value is not None and value > clock.today():
        raise ValidationError(entity, name, value.isoformat(), "in_future")


def by_partnership(model: type[Record]) -> Any:
    """The facet "partnership" for records that belong to one."""
    return lambda value: model.partnership_id == value  # type: ignore[attr-defined]


def partnership_title(model: type[Record]) -> Any:
    return (Partnership, model.partnership_id == Partnership.id)  # type: ignore[attr-defined]


def sub_value(entity: str, spec: Field, row: dict[str, Any], *, position: int) -> Any:
    """Validate one value of an entry in a list field (a partner role, a term, a step)."""
    try:
        return spec.coerce(entity, row.get(spec.name))
    except ValidationError as exc:
        raise ValidationError(entity, spec.name, exc.value, exc.reason, entry=position) from None
