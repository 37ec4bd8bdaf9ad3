"""The learner's-data errors the UI catches, named by the services so that the UI never
imports the store (``ocstudy.userdata``; an import-linter contract holds it).

Every store error is a :class:`UserDatabaseError` (the database cannot be read or written:
damaged, newer, read-only, full, busy); bad text the learner typed is a :class:`TagError` or
a :class:`SavedSearchError`; each message is one line the UI shows as it is."""

from __future__ import annotations

from ocstudy.userdata.card_tags import TagError
from ocstudy.userdata.database import StorageError, UserDatabaseError
from ocstudy.userdata.saved_searches import SavedSearchError

__all__ = ["SavedSearchError", "StorageError", "TagError", "UserDatabaseError"]
