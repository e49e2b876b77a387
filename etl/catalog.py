"""The catalog of source files (etl/sources/catalog.toml) as typed records."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

CATALOG_PATH = Path(__file__).parent / "sources" / "catalog.toml"


@dataclass(frozen=True)
class SourceFile:
    id: str
    dataset: str
    url: str
    sha256: str
    format: str
    publisher: str
    licence: str
    publisher_en: str | None = None  # the same facts in English (catalog.toml)
    licence_en: str | None = None

    @property
    def file_name(self) -> str:
        from urllib.parse import unquote, urlsplit
        return unquote(urlsplit(self.url).path.rsplit("/", 1)[-1])


def load_catalog(path: Path = CATALOG_PATH) -> dict[str, SourceFile]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    publishers = raw.get("publishers", {})
    files: dict[str, SourceFile] = {}
    for entry in raw["file"]:
        pub = publishers[entry["publisher"]]
        if entry["id"] in files:
            raise ValueError(f"{path}: duplicate source id {entry['id']}")
        files[entry["id"]] = SourceFile(
            id=entry["id"], dataset=entry["dataset"], url=entry["url"],
            sha256=entry["sha256"].lower(), format=entry["format"],
            publisher=pub["publisher"], licence=pub["licence"],
            publisher_en=pub.get("publisher_en"), licence_en=pub.get("licence_en"),
        )
    return files


@dataclass(frozen=True)
class Citation:
    """How a reader cites a dataset: the publisher's own name for it and its own page (catalog.toml
    `[datasets.<dataset>]`), whichever file of the dataset the build read."""
    dataset: str
    publisher: str
    title: str
    title_en: str | None = None
    page: str | None = None


def load_citations(path: Path = CATALOG_PATH) -> dict[str, Citation]:
    """dataset -> its Citation, for the datasets the catalog gives one."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: Citation(dataset=name, publisher=entry["publisher"], title=entry["title"],
                           title_en=entry.get("title_en"), page=entry.get("page"))
            for name, entry in raw.get("datasets", {}).items()}
