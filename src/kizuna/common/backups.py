"""`kizuna backup FILE` and `kizuna restore FILE`: the database and the uploaded files
together, in one zip archive.

The archive holds
    manifest.json  format, Kizuna version, database vendor, the migrations applied,
                   and the SHA-256 and size of every other member
    data.json      every row of every table (Django's JSON serialisation), read in
                   one transaction: a REPEATABLE READ snapshot on PostgreSQL, one
                   read transaction (a WAL snapshot) on SQLite
    media/…        the uploaded files (MEDIA_ROOT), read inside the same transaction

A restore checks the whole archive before it changes anything: the manifest, every
checksum, and that the migrations it was made with are exactly those applied here
(an archive from a newer Kizuna, or from an older one, is refused with what to do).
It then empties the database and loads the rows in one transaction, and puts the
uploaded files in place of the current ones (which are kept beside them until the
database is committed). Rows and files move between SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST, DATA, MEDIA = "manifest.json", "data.json", "media/"


class BackupError(Exception):
    """An archive that cannot be restored, with the reason in the active language."""


@dataclass(frozen=True)
class BackupSummary:
    rows: int
    files: int
    created: str


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kizuna")
    except PackageNotFoundError:
        return "development"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _applied_migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _known_migrations(using: str) -> set[tuple[str, str]]:
    return set(MigrationLoader(connections[using], ignore_no_migrations=True).disk_migrations)


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup_create(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> BackupSummary:
    """Write the database and the uploaded files to the zip archive `path`."""
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    members: dict[str, dict] = {}
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    outermost = not connection.in_atomic_block
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            migrations = _applied_migrations(using)
            out = io.StringIO()
            call_command("dumpdata", database=using, stdout=out, format="json", indent=None)
            data = out.getvalue().encode("utf-8")
            files = []
            for file in _media_files(media_root):
                content = file.read_bytes()
                name = MEDIA + file.relative_to(media_root).as_posix()
                files.append((name, content))
        archive.writestr(DATA, data)
        members[DATA] = {"sha256": _sha256(data), "size": len(data)}
        for name, content in files:
            archive.writestr(name, content)
            members[name] = {"sha256": _sha256(content), "size": len(content)}
        rows = len(json.loads(data))
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        manifest = {
            "format": FORMAT,
            "kizuna_version": _version(),
            "created": created,
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "rows": rows,
            "members": members,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    os.replace(partial, path)
    return BackupSummary(rows=rows, files=len(files), created=created)


def _read_archive(path: Path, using: str) -> tuple[dict, bytes, list[tuple[str, bytes]]]:
    """The manifest, the rows and the media files of a whole, intact archive that
    this Kizuna can restore; raises BackupError."""
    name = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(_("%(file)s does not exist.") % {"file": name}) from None
    except (zipfile.BadZipFile, OSError):
        raise BackupError(
            _("%(file)s is not a Kizuna backup: it cannot be read as a zip archive.") % {"file": name}
        ) from None
    with archive:
        try:
            manifest = json.loads(archive.read(MANIFEST))
            members = manifest["members"]
            form = int(manifest["format"])
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile):
            raise BackupError(
                _("%(file)s is not a Kizuna backup: its manifest is missing or damaged.") % {"file": name}
            ) from None
        if form > FORMAT:
            raise BackupError(
                _(
                    "%(file)s was written by a newer Kizuna (backup format %(format)d; this one reads "
                    "format %(supported)d). Restore it with that version or a later one."
                )
                % {"file": name, "format": form, "supported": FORMAT}
            )
        contents: dict[str, bytes] = {}
        for member, expected in sorted(members.items()):
            try:
                content = archive.read(member)
            except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
                content = None
            if content is None or _sha256(content) != expected.get("sha256"):
                raise BackupError(
                    _("%(file)s is damaged: %(member)s is missing or does not match its checksum.")
                    % {"file": name, "member": member}
                )
            contents[member] = content
    archived = {tuple(m) for m in manifest.get("migrations", [])}
    unknown = sorted(archived - _known_migrations(using))
    if unknown:
        raise BackupError(
            _(
                "%(file)s was made by a newer version of Kizuna: this version does not have the "
                "migration %(migration)s. Restore it with that version or a later one."
            )
            % {"file": name, "migration": ".".join(unknown[0])}
        )
    applied = {tuple(m) for m in _applied_migrations(using)}
    if archived != applied:
        missing = sorted(applied - archived)
        raise BackupError(
            _(
                "%(file)s was made by an older version of Kizuna (it lacks the migration %(migration)s). "
                "Restore it with the version that made it, then upgrade; or run `kizuna migrate` here "
                "first when this database is behind."
            )
            % {"file": name, "migration": ".".join(missing[0]) if missing else "?"}
        )
    for member in contents:
        parts = PurePosixPath(member).parts
        if member != DATA and (not member.startswith(MEDIA) or ".." in parts or member.startswith("/")):
            raise BackupError(
                _("%(file)s is damaged: %(member)s is not a place a backup writes to.")
                % {"file": name, "member": member}
            )
    media = [(m[len(MEDIA):], c) for m, c in contents.items() if m.startswith(MEDIA)]
    return manifest, contents[DATA], media


def backup_restore(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> BackupSummary:
    """Replace the database and the uploaded files with those of the archive `path`.

    Nothing is changed unless the whole archive is intact and matches this
    version's migrations; the rows are loaded in one transaction."""
    manifest, data, media = _read_archive(Path(path), using)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    try:
        for relative, content in media:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        connection = connections[using]
        with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as fixture:
            fixture.write(data)
        try:
            with transaction.atomic(using=using):
                if connection.vendor == "sqlite":
                    # rows are removed and loaded in any order: check references at commit
                    with connection.cursor() as cursor:
                        cursor.execute("PRAGMA defer_foreign_keys = ON")
                tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
                connection.ops.execute_sql_flush(
                    connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
                )
                call_command("loaddata", fixture.name, database=using, verbosity=0)
        finally:
            os.unlink(fixture.name)
        previous = media_root.with_name(media_root.name + ".before-restore")
        if previous.exists():
            shutil.rmtree(previous)
        if media_root.exists():
            media_root.rename(previous)
        staging.rename(media_root)
        if previous.exists():
            shutil.rmtree(previous)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return BackupSummary(rows=int(manifest.get("rows", 0)), files=len(media), created=manifest.get("created", ""))
