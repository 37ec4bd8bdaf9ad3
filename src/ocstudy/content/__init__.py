"""Content layer: the paper as reviewable TOML sources, their builder and the read-only database."""

#: ``PRAGMA user_version`` of the content database this code reads and writes.
CONTENT_SCHEMA_VERSION = 3
