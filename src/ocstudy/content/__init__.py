"""Content layer: the paper as reviewable TOML sources, their builder, and the read-only database."""
