"""One module per source dataset, each with the same shape: FILES, parse, check, load.

FILES names the catalog entries (etl/sources/catalog.toml) the module reads, which is where its
provenance (URL, sha256, publisher, licence) is declared.
"""
