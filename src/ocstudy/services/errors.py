"""The learner's-data errors the UI catches, named by the services so that the UI never
imports the store (``ocstudy.userdata``; an import-linter contract holds it).

Every store error is a :class:`UserDatabaseError` (the database cannot be read or written:
damaged, newer, read-only, full, busy); bad text the learner typed is a :class:`TagError` or
a :class:`SavedSearchError`; each message is one line the UI shows as it is.

The last two come from their stores when first asked for: only the cards browser uses them,
and their stores (with the review log's) are not imported before the first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ocstudy.userdata.database import StorageError, UserDatabaseError

if TYPE_CHECKING:
    from ocstudy.userdata.card_tags import TagError
    from ocstudy.userdata.saved_searches import SavedSearchError

__all__ = ["SavedSearchError", "StorageError", "TagError", "UserDatabaseError"]


def __getattr__(name: str) -> Any:
    if name == "TagError":
        from ocstudy.userdata.card_tags import TagError

        return TagError
    if name == "SavedSearchError":
        from ocstudy.userdata.saved_searches import SavedSearchError

        return SavedSearchError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
