"""Files the ETL derives and keeps under the cache folder (ETL_CACHE_DIR), and what a disk problem
there is called.

A derived file (a parsed copy of a download, ...) is trusted only when verified: its sha256 is
recorded beside it when it is written (`<name>.sha256`), and a file whose content no longer has
that checksum, or that has none, is not read but made again from the verified download.

A full disk, a read-only or misplaced folder, an unreadable file: `DiskError`, one line naming the
path, the cause and what to do (the commands print it without a traceback).
"""
from __future__ import annotations

import contextlib
import errno
import logging
import os
from collections.abc import Callable
from pathlib import Path

from etl.errors import EtlError

logger = logging.getLogger(__name__)

CHECKSUM_SUFFIX = ".sha256"


class DiskError(EtlError):
    """A file or folder the ETL cannot read or write; the message says what to do."""


def disk_error(exc: OSError, path: Path, setting: str = "ETL_CACHE_DIR") -> DiskError:
    """The one-line refusal of `exc`, met at `path` (the file it names, if any, is named instead).
    `setting`: the setting that chooses the folder, so the advice can name it."""
    where = Path(exc.filename) if exc.filename else path
    cause = exc.strerror or type(exc).__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = f"maak schijfruimte vrij of kies met {setting} een map op een andere schijf"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = f"maak de map schrijfbaar (en het bestand leesbaar) of kies met {setting} een andere map"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR, errno.ENOENT):
        advice = (f"{setting} moet een map zijn (of een pad waar er een kan komen): verplaats wat daar staat "
                  f"of kies een andere map")
    else:
        advice = f"controleer de schijf en de map, of kies met {setting} een andere map"
    return DiskError(f"{where}: {cause} ({errno.errorcode.get(exc.errno, exc.errno)}); {advice}")


def checksum_path(path: Path) -> Path:
    return path.with_name(path.name + CHECKSUM_SUFFIX)


def verified(path: Path) -> bool:
    """`path` exists and still has the checksum recorded when it was written. A file without a
    record, or changed since, is not trusted (and said so: someone or something edited it)."""
    from etl.fetch import sha256_of

    record = checksum_path(path)
    if not path.exists():
        return False
    try:
        expected = record.read_text(encoding="ascii").strip()
        found = sha256_of(path)
    except (OSError, UnicodeDecodeError) as exc:
        logger.warning("afgeleid bestand %s niet geverifieerd (%s); het wordt opnieuw gemaakt uit de download", path, exc)
        return False
    if found != expected:
        logger.warning("afgeleid bestand %s is gewijzigd nadat het geschreven werd (sha256 %s, verwacht %s); het wordt "
                       "opnieuw gemaakt uit de geverifieerde download", path, found[:16], expected[:16])
        return False
    return True


def write_verified(path: Path, write: Callable[[Path], None]) -> None:
    """Write a derived file through `write(part)` and record its checksum beside it, each by rename,
    so a half-written file is never taken for a whole one. A disk problem is a DiskError."""
    from etl.fetch import sha256_of

    part = path.with_name(path.name + f".{os.getpid()}.part")
    record = checksum_path(path)
    record_part = record.with_name(record.name + f".{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(part)
        record_part.write_text(sha256_of(part), encoding="ascii")
        os.replace(part, path)
        os.replace(record_part, record)
    except OSError as exc:
        raise disk_error(exc, path) from exc
    finally:
        for leftover in (part, record_part):
            with contextlib.suppress(OSError):  # absent, or its folder is what failed
                leftover.unlink()
