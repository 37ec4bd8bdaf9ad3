"""The learner's data folder, made readable by the learner only, for the UI's single-instance
lock (which must not load the backups and the restore before the first paint)."""

from __future__ import annotations

from ocstudy.userdata.database import private_folder

__all__ = ["private_folder"]
