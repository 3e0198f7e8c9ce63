"""`kizuna backup` and `kizuna restore`: rows and uploaded files come back together;
a damaged, foreign or newer archive is refused before anything changes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kizuna.accounts.models import User
from kizuna.organisations.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The flush after an earlier transactional test empties the reference data that
    the migrations load; organisations need their countries."""
    from kizuna.organisations.models import Country
    from kizuna.organisations.reference import reference_load

    if not Country.objects.exists():
        reference_load()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "plans" / "7").mkdir(parents=True)
    (settings.MEDIA_ROOT / "plans" / "7" / "แผน.pdf").write_bytes(b"%PDF-1.7 plan")
    return Path(settings.MEDIA_ROOT)


def _backup(tmp_path) -> Path:
    path = tmp_path / "kizuna.zip"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def _restore(path: Path):
    call_command("restore", str(path), interactive=False, stdout=io.StringIO())


def test_backup_and_restore_bring_back_rows_and_uploaded_files(tmp_path, media, organisation_factory, user_factory):
    org = organisation_factory(name="Siam Parts", technologies=["iot"])
    user = user_factory(username="nok", organisation=org)
    rows_before = Organisation.objects.count()
    path = _backup(tmp_path)

    Organisation.objects.filter(pk=org.pk).update(name="Changed")
    User.objects.filter(pk=user.pk).delete()
    organisation_factory(name="Added after the backup")
    (media / "plans" / "7" / "แผน.pdf").write_bytes(b"overwritten")
    (media / "stray.txt").write_text("new")

    _restore(path)
    assert Organisation.objects.count() == rows_before
    restored = Organisation.objects.get(pk=org.pk)
    assert restored.name == "Siam Parts"
    assert list(restored.technologies_offered.values_list("code", flat=True)) == ["iot"]
    assert User.objects.get(username="nok").organisation_id == org.pk
    assert User.objects.get(username="nok").check_password("correct horse battery")
    assert (media / "plans" / "7" / "แผน.pdf").read_bytes() == b"%PDF-1.7 plan"
    assert not (media / "stray.txt").exists()
    # a new row after the restore gets a fresh id (sequences follow the rows)
    assert organisation_factory(name="After").pk > max(Organisation.objects.exclude(name="After").values_list("pk", flat=True))


def test_the_manifest_holds_version_migrations_and_checksums(tmp_path, media):
    with zipfile.ZipFile(_backup(tmp_path)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == 1
        assert ["accounts", "0001_initial"] in manifest["migrations"]
        assert set(manifest["members"]) == {"data.json", "media/plans/7/แผน.pdf"}
        assert manifest["members"]["media/plans/7/แผน.pdf"]["size"] == 13


def _rewrite(path: Path, change) -> Path:
    with zipfile.ZipFile(path) as src:
        members = {name: src.read(name) for name in src.namelist()}
    change(members)
    damaged = path.with_name("damaged.zip")
    with zipfile.ZipFile(damaged, "w") as dst:
        for name, content in members.items():
            dst.writestr(name, content)
    return damaged


def _refused(path: Path) -> str:
    with pytest.raises(CommandError) as err:
        _restore(path)
    return str(err.value)


def test_a_damaged_archive_is_refused_and_nothing_changes(tmp_path, media, organisation_factory):
    organisation_factory(name="Kept")
    path = _backup(tmp_path)
    damaged = _rewrite(path, lambda m: m.__setitem__("data.json", m["data.json"].replace(b"Kept", b"Evil")))
    organisation_factory(name="Made after")
    assert _refused(damaged) == f"{damaged} is damaged: data.json is missing or does not match its checksum."
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["Kept", "Made after"]


def test_an_archive_from_a_newer_version_is_refused(tmp_path, media):
    path = _backup(tmp_path)

    def newer(members):
        manifest = json.loads(members["manifest.json"])
        manifest["migrations"].append(["organisations", "9999_from_the_future"])
        members["manifest.json"] = json.dumps(manifest).encode()

    damaged = _rewrite(path, newer)
    assert _refused(damaged) == (
        f"{damaged} was made by a newer version of Kizuna: this version does not have the migration "
        "organisations.9999_from_the_future. Restore it with that version or a later one."
    )


def test_a_newer_backup_format_is_refused(tmp_path, media):
    path = _backup(tmp_path)

    def newer(members):
        manifest = json.loads(members["manifest.json"])
        manifest["format"] = 2
        members["manifest.json"] = json.dumps(manifest).encode()

    damaged = _rewrite(path, newer)
    assert _refused(damaged) == (
        f"{damaged} was written by a newer Kizuna (backup format 2; this one reads format 1). "
        "Restore it with that version or a later one."
    )


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    path = tmp_path / "notes.zip"
    path.write_bytes(b"not a zip at all")
    assert _refused(path) == f"{path} is not a Kizuna backup: it cannot be read as a zip archive."


def test_a_member_outside_the_media_folder_is_refused(tmp_path, media):
    path = _backup(tmp_path)

    def escape(members):
        manifest = json.loads(members["manifest.json"])
        manifest["members"]["media/../../evil.txt"] = {"sha256": "0" * 64, "size": 1}
        members["manifest.json"] = json.dumps(manifest).encode()

    assert "is damaged: media/../../evil.txt is missing or does not match its checksum." in _refused(_rewrite(path, escape))
