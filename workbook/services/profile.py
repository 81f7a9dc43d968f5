"""The association's own profile, kept in the database it describes."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.models import Setting
from workbook.services.fields import EMAIL_KIND, LONGTEXT, URL_KIND, Field

PROFILE_FIELDS = (
    Field("name", required=True, max_length=200),
    Field("address", LONGTEXT, max_length=2000),
    Field("email", EMAIL_KIND, max_length=255),
    Field("website", URL_KIND, max_length=255),
    Field("logo", max_length=1000),  # path of an image file printed on agreements
)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str = ""
    address: str = ""
    email: str = ""
    website: str = ""
    logo: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.name)


def get_profile(session: Session) -> Profile:
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.like("profile.%")))
    values = {key.removeprefix("profile."): value or "" for key, value in rows}
    return Profile(**{f.name: values.get(f.name, "") for f in fields(Profile)})


def set_profile(session: Session, **values: str) -> Profile:
    for spec in PROFILE_FIELDS:
        if spec.name in values or spec.required:
            value = spec.coerce("profile", values.get(spec.name))
            key = f"profile.{spec.name}"
            setting = session.get(Setting, key) or Setting(key=key)
            setting.value = value
            session.add(setting)
    session.flush()
    return get_profile(session)
