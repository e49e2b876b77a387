"""Download one catalog file into the cache, verified by sha256 and by its content.

Why so careful: publishers' sites answer scripted downloads with HTML bot-check pages and
status 200, and truncated bodies happen; a build must never parse such a file as data.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests

from etl.cache import DiskError, disk_error
from etl.catalog import SourceFile
from etl.config import Settings
from etl.errors import EtlError

CHUNK = 1 << 16
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fetched:
    file: SourceFile
    path: Path
    how: str  # "downloaded", "mirror" or "cached"
    retrieved_at: str  # ISO 8601, UTC: when the bytes were first obtained from the URL or mirror
    size: int


class _Retryable(Exception):
    pass


def cache_path(sf: SourceFile, settings: Settings) -> Path:
    # One folder per checksum: the shapefile parts keep their own names, so readers can link them.
    return settings.cache_dir / sf.sha256[:32] / sf.file_name


def mirror_path(url: str, mirror: Path) -> Path | None:
    """The mirror file for a URL, or None when the mirror does not hold that host."""
    parts = urlsplit(url)
    host_dir = mirror / parts.netloc
    if not host_dir.is_dir():
        return None
    return host_dir / unquote(parts.path.lstrip("/"))


def fetch(sf: SourceFile, settings: Settings, session: requests.Session | None = None) -> Fetched:
    """The verified file of `sf`: from the cache when its bytes still have the catalog's sha256,
    else from the mirror or the URL. A disk problem in the cache folder is a DiskError (one line:
    the path, the cause, what to do)."""
    target = cache_path(sf, settings)
    meta = target.with_name(target.name + ".meta.json")
    try:
        if target.is_file() and meta.exists() and sha256_of(target) == sf.sha256:
            retrieved = _retrieved_at(meta)
            if retrieved is not None:
                return Fetched(sf, target, "cached", retrieved, target.stat().st_size)
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise disk_error(exc, target.parent) from exc
    part = target.with_name(target.name + f".{os.getpid()}.part")
    try:
        local = mirror_path(sf.url, settings.source_mirror) if settings.source_mirror else None
        if local is not None:
            how = "mirror"
            if not local.is_file():
                raise EtlError(f"niet in de mirror: {local} (URL {sf.url})", source=sf.id)
            _copy_local(local, part, settings)
        else:
            how = "downloaded"
            _download(sf, part, settings, session or requests.Session())
        verify_content(sf, part)
        got = sha256_of(part)
        if got != sf.sha256:
            raise EtlError(f"sha256 klopt niet: verwacht {sf.sha256}, ontvangen {got} "
                           f"({part.stat().st_size} bytes van {sf.url})", source=sf.id)
        os.replace(part, target)
        retrieved = datetime.now(UTC).isoformat(timespec="seconds")
        meta.write_text(json.dumps({"url": sf.url, "sha256": sf.sha256, "retrieved_at": retrieved, "how": how}))
    except requests.RequestException:  # an OSError too, but about the network, not the disk
        raise
    except OSError as exc:
        raise disk_error(exc, part) from exc
    finally:
        with contextlib.suppress(OSError):  # absent, or its folder is what failed
            part.unlink()
    return Fetched(sf, target, how, retrieved, target.stat().st_size)


def _retrieved_at(meta: Path) -> str | None:
    """When the cached file was obtained, from its .meta.json; None when that record is damaged
    (then the file is fetched again and the record rewritten). A record that cannot be read at all
    (permissions, a folder in its place) is a DiskError."""
    try:
        return str(json.loads(meta.read_text(encoding="utf-8"))["retrieved_at"])
    except OSError as exc:
        raise DiskError(f"{meta}: niet leesbaar: {exc.strerror or type(exc).__name__}; maak het leesbaar, of verwijder "
                        f"het en de build haalt de bron opnieuw op") from exc
    except (ValueError, KeyError, TypeError) as exc:
        logger.warning("%s is beschadigd (%s); de bron wordt opnieuw opgehaald", meta, exc)
        return None


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _copy_local(src: Path, dst: Path, settings: Settings) -> None:
    if src.stat().st_size > settings.max_download_bytes:
        raise EtlError(f"bestand groter dan {settings.max_download_bytes} bytes: {src}")
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        shutil.copyfileobj(fin, fout, CHUNK)


def _download(sf: SourceFile, dst: Path, settings: Settings, session: requests.Session) -> None:
    attempts = settings.http_retries + 1
    last: str = ""
    for attempt in range(1, attempts + 1):
        try:
            _download_once(sf, dst, settings, session)
            return
        except _Retryable as exc:
            last = str(exc)
        except (requests.Timeout, requests.ConnectionError) as exc:
            last = f"{type(exc).__name__}: {exc}"
        except requests.exceptions.ChunkedEncodingError as exc:
            last = f"afgebroken antwoord: {exc}"
        if attempt < attempts:
            time.sleep(settings.http_backoff * 2 ** (attempt - 1))
    raise EtlError(f"download mislukt na {attempts} pogingen van {sf.url}: {last}", source=sf.id)


def _download_once(sf: SourceFile, dst: Path, settings: Settings, session: requests.Session) -> None:
    timeout = settings.http_timeout
    with session.get(sf.url, stream=True, timeout=(timeout, timeout)) as resp:
        if resp.status_code in (429, 500, 502, 503, 504):
            raise _Retryable(f"HTTP {resp.status_code}")
        if resp.status_code != 200:
            raise EtlError(f"HTTP {resp.status_code} voor {sf.url}", source=sf.id)
        ctype = resp.headers.get("Content-Type", "").lower()
        if "text/html" in ctype and sf.format not in ("html",):
            raise EtlError(f"de server stuurde een HTML-pagina (Content-Type {ctype}) waar een "
                           f"{sf.format}-bestand verwacht werd: {sf.url}", source=sf.id)
        expected = resp.headers.get("Content-Length")
        size = 0
        with open(dst, "wb") as out:
            for chunk in resp.iter_content(CHUNK):
                size += len(chunk)
                if size > settings.max_download_bytes:
                    raise EtlError(f"download groter dan {settings.max_download_bytes} bytes", source=sf.id)
                out.write(chunk)
        if expected is not None and size != int(expected):
            raise _Retryable(f"onvolledig antwoord: {size} van {expected} bytes ontvangen")


_MAGIC = {
    "xlsx": (b"PK\x03\x04",),
    "shp": (b"\x00\x00\x27\x0a",),
    "shx": (b"\x00\x00\x27\x0a",),
    "rdata": (b"RDX2\n", b"RDX3\n", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00"),
}


def looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in text[:1024]


def verify_content(sf: SourceFile, path: Path) -> None:
    """Check that the bytes are the kind of file the catalog promises, before any checksum talk."""
    size = path.stat().st_size
    if size == 0:
        raise EtlError(f"leeg bestand ontvangen van {sf.url}", source=sf.id)
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if looks_like_html(head):
        raise EtlError(f"HTML-pagina ontvangen waar een {sf.format}-bestand verwacht werd "
                       f"(bot-check of foutpagina?) van {sf.url}", source=sf.id)
    magic = _MAGIC.get(sf.format)
    if magic and not head.startswith(magic):
        raise EtlError(f"inhoud is geen {sf.format}-bestand (begint met {head[:8]!r})", source=sf.id)
    if sf.format == "xlsx" and not zipfile.is_zipfile(path):
        raise EtlError("xlsx-bestand is geen geldig zip-archief (afgebroken download?)", source=sf.id)
    if sf.format in ("geojson", "json", "topojson") and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        raise EtlError("inhoud is geen JSON", source=sf.id)
    if sf.format in ("csv", "prj", "geojson", "json") and b"\x00" in head:
        raise EtlError(f"binaire inhoud waar tekst ({sf.format}) verwacht werd", source=sf.id)
