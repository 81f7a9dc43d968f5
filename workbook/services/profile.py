"""The association's own profile, kept in the database it describes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain.models import Organisation, Setting
from workbook.services import records
from workbook.services.fields import EMAIL_KIND, LONGTEXT, URL_KIND, Field
from workbook.services.organisations import ORGANISATIONS

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


#: The setting that names the organisation record standing for the association itself.
OWN_ORGANISATION = "profile.organisation_id"


def own_organisation(session: Session) -> Organisation | None:
    """The association as an organisation, a party of its own partnerships (None until
    its profile was saved in the app)."""
    setting = session.get(Setting, OWN_ORGANISATION)
    if setting is None or not setting.value:
        return None
    try:
        return session.get(Organisation, uuid.UUID(setting.value))
    except ValueError:
        return None


def set_profile(session: Session, *, as_organisation: bool = False, **values: str) -> Profile:
    """Store the profile; ``as_organisation`` also keeps the association's own organisation
    record (made the first time) in step with it, so that it can be a party of its
    partnerships and sign them."""
    for spec in PROFILE_FIELDS:
        if spec.name in values or spec.required:
            value = spec.coerce("profile", values.get(spec.name))
            key = f"profile.{spec.name}"
            setting = session.get(Setting, key) or Setting(key=key)
            setting.value = value
            session.add(setting)
    session.flush()
    profile = get_profile(session)
    if as_organisation:
        _keep_organisation(session, profile)
    return profile


def _keep_organisation(session: Session, profile: Profile) -> None:

    values = {
        "name": profile.name,
        "address": profile.address or None,
        "email": profile.email or None,
        "website": profile.website or None,
    }
    own = own_organisation(session)
    if own is None:
        own = records.create(session, ORGANISATIONS, {"kind": "ngo", **values})
        session.add(Setting(key=OWN_ORGANISATION, value=str(own.id)))
        session.flush()
    elif any(getattr(own, k) != v for k, v in values.items()):
        records.update(session, "organisation", own.id, values)
