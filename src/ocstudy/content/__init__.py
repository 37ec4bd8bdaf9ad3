"""Content layer: the read-only content database and its reader (``repository``, ``rows``,
``model``, ``dates``, ``search``, ``vocabulary``); ``build/`` turns the paper's reviewable TOML
sources into that database, apart from the app."""

#: ``PRAGMA user_version`` of the content database this code reads and writes.
CONTENT_SCHEMA_VERSION = 3
