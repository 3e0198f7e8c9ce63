"""The file of an organisation import: the located problems it can have, reading it
into a table (the shared reader of kizuna.common.tables, its problems said in the
officer's language), and keeping an upload between its preview and its import."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from kizuna.common.tables import Table, TableReadError, read_table

MAX_ROWS = 100_000
MAX_UPLOAD = 20 * 1024 * 1024  # bytes
SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls")
KEEP_SECONDS = 24 * 3600  # an upload never confirmed is deleted after a day


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, located as the user sees it."""

    row: int | None  # spreadsheet row (the header is row 1); None: the whole file
    column: str  # the header as written in the file; "" when not about one cell
    value: str
    message: str  # whole sentences in the active language

    def line(self, file_name: str) -> str:
        """FILE:ROW: COLUMN 'VALUE': reason"""
        where = file_name if self.row is None else f"{file_name}:{self.row}"
        if self.column:
            return f"{where}: {self.column} '{self.value}': {self.message}"
        return f"{where}: {self.message}"


class SpreadsheetImportError(Exception):
    """The file cannot be imported; `problems` says where and why."""

    def __init__(self, file_name: str, problems: Iterable[Problem], *, encoding_guess: str = ""):
        self.file_name = file_name
        self.problems = list(problems)
        self.encoding_guess = encoding_guess
        super().__init__("\n".join(p.line(file_name) for p in self.problems))


def _file_error(file_name: str, message: str, **kwargs) -> SpreadsheetImportError:
    return SpreadsheetImportError(file_name, [Problem(None, "", "", message)], **kwargs)


# Reading


def table_read(file_name: str, data: bytes, *, encoding: str | None = None) -> Table:
    """The header and the non-empty rows of a CSV or XLSX file; raises
    SpreadsheetImportError when the file cannot be read."""
    try:
        table = read_table(file_name, data, encoding=encoding)
    except TableReadError as exc:
        raise _file_error(
            file_name,
            _read_problem_message(exc),
            encoding_guess=str(exc.params.get("guess", "")),
        ) from exc
    if len(table.rows) > MAX_ROWS:
        raise _file_error(
            file_name,
            _("%(file)s has more than %(max)d rows; split it into smaller files.")
            % {"file": file_name, "max": MAX_ROWS},
        )
    if not table.header_row:
        raise _file_error(
            file_name,
            _(
                "%(file)s is empty. The first row must hold the column headers and each further row one organisation."
            )
            % {"file": file_name},
        )
    if not table.rows:
        raise _file_error(
            file_name,
            _("%(file)s has a header row but no organisations below it.") % {"file": file_name},
        )
    return table


def _read_problem_message(exc: TableReadError) -> str:
    """What the shared reader found wrong, as whole sentences in the active language."""
    values = {"file": exc.file, **exc.params}
    if exc.reason == "old_excel":
        return (
            _(
                "%(file)s is an old Excel 97-2003 workbook (.xls). Open it in Excel and save it as an "
                "Excel workbook (.xlsx) or as “CSV UTF-8 (Comma delimited)”, then import it again."
            )
            % values
        )
    if exc.reason == "workbook":
        return (
            _(
                "%(file)s cannot be read as an Excel workbook (.xlsx): it is damaged, protected by a "
                "password, or not a workbook (%(error)s). Open it in Excel and save it again as .xlsx "
                "or as “CSV UTF-8 (Comma delimited)”."
            )
            % values
        )
    if exc.reason == "sheet":
        return (
            _(
                "The first sheet of %(file)s is damaged (%(error)s). Open it in Excel and save it again."
            )
            % values
        )
    if exc.reason == "unknown_encoding":
        return _("%(encoding)s is not a known text encoding.") % values
    if exc.reason == "csv":
        return _("%(file)s cannot be read as CSV at row %(row)d: %(error)s.") % values
    message = (
        _(
            "%(file)s is not %(encoding)s text: the byte 0x%(byte)s at byte offset %(position)d "
            "(line %(line)d) cannot be read. In Excel, save the file as “CSV UTF-8 (Comma delimited)” "
            "and import it again."
        )
        % values
    )
    if values["guess"] == "cp874":
        message += " " + _("The file looks like Thai text saved as Windows-874 (TIS-620).")
    elif values["guess"] == "cp932":
        message += " " + _("The file looks like Japanese text saved as Shift_JIS.")
    return message


# ---------------------------------------------------------------------------
# Keeping an upload from its preview to its import
#
# Kept files live under MEDIA_ROOT/imports, where the import job (imports/jobs.py)
# reads them back.


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def upload_keep(upload) -> str:
    """Keep an uploaded file (a Django UploadedFile) under a new token; returns the token."""
    token = secrets.token_urlsafe(18)
    suffix = PurePath(upload.name).suffix.lower()
    with (upload_dir() / f"{token}{suffix}").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def upload_kept(token: str) -> Path | None:
    """The upload kept under `token`, or None (also for anything that is not a token)."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    matches = list(upload_dir().glob(f"{token}.*"))
    return matches[0] if matches else None


def upload_claim(token: str) -> Path | None:
    """The upload kept under `token`, marked fresh so that `uploads_sweep` leaves it to
    the import job that now owns it; None when it is gone."""
    path = upload_kept(token)
    if path is not None:
        path.touch()
    return path


def upload_discard(token: str) -> None:
    """Delete the upload kept under `token`, if any."""
    path = upload_kept(token)
    if path is not None:
        path.unlink(missing_ok=True)


def uploads_sweep(*, keep_seconds: int = KEEP_SECONDS) -> None:
    """Delete uploads older than `keep_seconds` that were never confirmed."""
    limit = time.time() - keep_seconds
    for path in upload_dir().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
