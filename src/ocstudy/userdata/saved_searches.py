"""The cards browser's saved searches: a name for a search the learner wants again, as Anki's
sidebar keeps them.

They are one setting (``browser.saved_searches`` in the settings table), a JSON object of
name and search text, so they go with every backup and restore. What is stored is read
defensively: an entry that is not a name and a text is left out and said once, and kept as it
is when the others change; a value that is no JSON object is said, and set aside under
``browser.saved_searches.unreadable`` (``-2``, ``-3``… if that is taken) before a new search
is saved over it.
"""

from __future__ import annotations

import json
from typing import Any, Final

from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.stored_values import BadValueError

SAVED_SEARCHES_KEY: Final = "browser.saved_searches"
SET_ASIDE_KEY: Final = f"{SAVED_SEARCHES_KEY}.unreadable"
MAX_NAME_LENGTH: Final = 100
EXPECTED: Final = "a JSON object of names and searches"


class SavedSearchError(ValueError):
    """A name that cannot be used; the message says why, in one line."""


def usable_entry(name: object, query: object) -> bool:
    """Whether a stored entry is a name and a search text."""
    return isinstance(name, str) and bool(name.strip()) and isinstance(query, str)


def stored_searches(value: object) -> dict[str, Any] | None:
    """The JSON object stored (every entry, usable or not); None if it is none."""
    if not isinstance(value, str):
        return None
    try:
        found = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return found if isinstance(found, dict) else None


def checked_name(name: str) -> str:
    """``name`` as a saved search's name (spaces at either end dropped), or
    :class:`SavedSearchError`."""
    name = name.strip()
    if not name:
        raise SavedSearchError("a saved search needs a name")
    if len(name) > MAX_NAME_LENGTH:
        raise SavedSearchError(f"a name has at most {MAX_NAME_LENGTH} characters")
    if any(not char.isprintable() for char in name):
        raise SavedSearchError("a name is one line of text")
    return name


class SavedSearchStore:
    def __init__(self, reviews: ReviewStore) -> None:
        self._reviews = reviews

    def _stored(self) -> tuple[dict[str, Any], str | None]:
        """The stored object, and the text stored when it is no object (to set aside)."""
        value = self._reviews.setting(SAVED_SEARCHES_KEY)
        if value is None:
            return {}, None
        found = stored_searches(value)
        if found is None:
            self._reviews.say_bad_setting(
                SAVED_SEARCHES_KEY,
                BadValueError("the value", value, EXPECTED),
                f"no saved search is shown; it is kept as {SET_ASIDE_KEY} when you save one",
            )
            return {}, value
        return found, None

    def all(self) -> dict[str, str]:
        """Every saved search that can be read, by name (in alphabetical order)."""
        found, _ = self._stored()
        usable = {name: query for name, query in found.items() if usable_entry(name, query)}
        for name, query in found.items():
            if name not in usable:
                self._reviews.say_bad_setting(
                    SAVED_SEARCHES_KEY,
                    BadValueError(f"the saved search {name!r}", query, "a search text"),
                    "it is not shown (and kept as it is)",
                )
        return dict(sorted(usable.items(), key=lambda item: (item[0].casefold(), item[0])))

    def save(self, name: str, query: str) -> str:
        """Save ``query`` as ``name`` (replacing a search of that name); the name as saved."""
        name = checked_name(name)
        found, unreadable = self._stored()
        self._write({**found, name: query}, unreadable)
        return name

    def rename(self, old: str, new: str) -> str:
        """Give the search ``old`` the name ``new`` (replacing a search of that name)."""
        new = checked_name(new)
        found, unreadable = self._stored()
        if old not in found:
            raise SavedSearchError(f"there is no saved search \u201c{old}\u201d any more")
        query = found.pop(old)
        self._write({**found, new: query}, unreadable)
        return new

    def delete(self, name: str) -> None:
        found, unreadable = self._stored()
        if name in found:
            del found[name]
            self._write(found, unreadable)

    def _write(self, searches: dict[str, Any], unreadable: str | None) -> None:
        values = {SAVED_SEARCHES_KEY: json.dumps(searches, ensure_ascii=False, sort_keys=True)}
        if unreadable is not None:
            values[self._free_key()] = unreadable
        self._reviews.set_settings(values)

    def _free_key(self) -> str:
        """Where to set an unreadable value aside, never over one set aside before."""
        key, number = SET_ASIDE_KEY, 1
        while self._reviews.setting(key) is not None:
            number += 1
            key = f"{SET_ASIDE_KEY}-{number}"
        return key
