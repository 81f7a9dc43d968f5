"""Change files: what one member's laptop changed since its last sync, as one immutable,
signed file in the shared folder.

A file is ``changes/<replica>/<seq>.wbsync``: the line ``ALLIANCE-WORKBOOK-SYNC <format>``,
then the Ed25519 signature of the body and the body's SHA-256 (hex, one line each), then the
body, gzip-compressed JSON. It is written under a temporary name and renamed when complete;
a file a sync client is still copying fails its checksum and is left for the next sync. A
file signed by a key the association did not admit, from another association or from a
newer version of the app is refused with a message naming it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from workbook.domain.errors import KnownError
from workbook.store.storage import atomic_write

MAGIC = b"ALLIANCE-WORKBOOK-SYNC"
FORMAT = 1
SUFFIX = ".wbsync"


class Because(KnownError):
    """An error whose reason is a code (``reason``), worded from ``reasons`` here and by
    the UI in the user's language."""

    reasons: ClassVar[dict[str, str]] = {}

    def __init__(self, detail: str = "", **params: Any) -> None:
        params.setdefault("why", self.reasons.get(params.get("reason", ""), ""))
        super().__init__(detail, **params)


class ChangeFileRefused(Because):
    code = "sync_file_refused"
    template = "The change file {file} was not applied: {why}."
    reasons: ClassVar[dict[str, str]] = {
        "foreign": "it is not a change file of Alliance Workbook",
        "newer": "it was written by a newer version of the app; update Alliance Workbook here",
        "damaged": "it is damaged",
        "signature": "its signature does not match its member's key",
        "misnamed": "its name is not the one its content gives",
        "association": "it belongs to another association",
        "not_admitted": "it is signed by a key the association did not admit",
        "removed": "its member was removed from the association before writing it",
    }


class Incomplete(Exception):
    """A file not (yet) whole: still being copied, or cut short. Tried again next time."""


@dataclass
class ChangeFile:
    """The body of a change file."""

    association: str
    replica: str
    seq: int
    lamport: int
    #: the change files of each member this laptop had applied when it wrote this one
    context: dict[str, int]
    member: str
    laptop: str
    written_at: str
    #: ["put", table, key, {column: value}] / ["set", table, key, column, value] /
    #: ["delete", table, key] / ["keep", table, key, column]
    changes: list[list[Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.replica}/{self.seq:08d}{SUFFIX}"

    def covers(self, replica: str, seq: int) -> bool:
        """Whether the author had seen change file ``seq`` of ``replica`` when writing this
        (its own earlier files, and this one's changes themselves)."""
        if replica == self.replica:
            return seq <= self.seq
        return self.context.get(replica, 0) >= seq


def new_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )


def public_of(private: bytes) -> str:
    key = Ed25519PrivateKey.from_private_bytes(private).public_key()
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def encode(change: ChangeFile, private: bytes) -> bytes:
    body = gzip.compress(
        json.dumps(change.__dict__, ensure_ascii=False, separators=(",", ":")).encode(),
        mtime=0,
    )
    signature = Ed25519PrivateKey.from_private_bytes(private).sign(body)
    digest = hashlib.sha256(body).hexdigest()
    return b"%s %d\n%s\n%s\n" % (MAGIC, FORMAT, signature.hex().encode(), digest.encode()) + body


def digest_of(data: bytes) -> str:
    """The body's checksum as a file written by ``encode`` names it."""
    return data.split(b"\n", 3)[2].decode()


def write(folder: Path, change: ChangeFile, private: bytes) -> Path:
    """Write the file whole or not at all (a temporary name, fsync, then the final name)."""
    target = folder / "changes" / change.name
    atomic_write(target, encode(change, private))
    return target


@dataclass(frozen=True)
class Envelope:
    path: Path
    signature: bytes
    digest: str
    body: bytes


def open_envelope(path: Path, shown: str) -> Envelope:
    """The file's parts, checked whole; ``Incomplete`` while a copy is still under way."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Incomplete(str(exc)) from exc
    return parse(data, path, shown)


def parse(data: bytes, path: Path, shown: str) -> Envelope:
    """A change file's parts from its bytes (``open_envelope``)."""
    head, _, rest = data.partition(b"\n")
    parts = head.split(b" ")
    if parts[0] != MAGIC:
        if MAGIC.startswith(data[: len(MAGIC)]) and len(data) < len(MAGIC) + 3:
            raise Incomplete("begun")
        raise ChangeFileRefused(file=shown, reason="foreign")
    try:
        version = int(parts[1])
    except (IndexError, ValueError):
        raise ChangeFileRefused(file=shown, reason="damaged") from None
    if version > FORMAT:
        raise ChangeFileRefused(
            file=shown,
            reason="newer",
        )
    signature, _, rest = rest.partition(b"\n")
    digest, _, body = rest.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != digest:
        raise Incomplete("checksum")
    try:
        return Envelope(path, bytes.fromhex(signature.decode()), digest.decode(), body)
    except ValueError:
        raise ChangeFileRefused(file=shown, reason="damaged") from None


def verify(envelope: Envelope, public_key: str, shown: str) -> ChangeFile:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            envelope.signature, envelope.body
        )
    except (InvalidSignature, ValueError):
        raise ChangeFileRefused(file=shown, reason="signature") from None
    try:
        values = json.loads(gzip.decompress(envelope.body))
        change = ChangeFile(**values)
    except (OSError, EOFError, ValueError, TypeError):
        raise ChangeFileRefused(file=shown, reason="damaged") from None
    return change


def peek(envelope: Envelope, shown: str) -> ChangeFile:
    """The body before its signature is checked: which replica claims to have written it
    (the key to check it with is that replica's)."""
    try:
        return ChangeFile(**json.loads(gzip.decompress(envelope.body)))
    except (OSError, EOFError, ValueError, TypeError):
        raise ChangeFileRefused(file=shown, reason="damaged") from None
