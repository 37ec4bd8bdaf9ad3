"""How long a text ocstudy takes in: an own card's side, a note, and any one line of them.

The limits keep out what no window can lay out in reasonable time (an own card with a line of
200,000 characters took 5 s to select and 12 s to edit; 2 M froze the window for over ten
minutes), while leaving room for any real card or note: a card side is a question or an
answer, a note can be long. The own-cards and notes imports refuse a text past them, naming
it and the limit; the Add card and Edit card dialogs say so as the learner types, and do not
save it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class TextLimit:
    """At most ``chars`` characters, and at most ``line`` in any one line."""

    chars: int
    line: int


#: A side (front or back) of an own card.
CARD_SIDE: Final = TextLimit(chars=20_000, line=5_000)
#: A note (the notes editor shows a longer line unwrapped; 1 MB on one line opens in 0.5 s).
NOTE: Final = TextLimit(chars=10_000_000, line=1_000_000)


def longest_line(text: str) -> int:
    """The length of the longest line of ``text`` (lines end at a line feed)."""
    if "\n" not in text:
        return len(text)
    return max(map(len, text.split("\n")))


def length_problem(text: str, what: str, limit: TextLimit) -> str | None:
    """Why ``text`` (``what``: "the front", "note 'untoc'") is too long, or None."""
    if len(text) > limit.chars:
        return f"{what} has {len(text):,} characters; it may have at most {limit.chars:,}"
    longest = longest_line(text)
    if longest > limit.line:
        return (
            f"{what} has a line of {longest:,} characters; a line may have at most "
            f"{limit.line:,} (break it into shorter lines)"
        )
    return None
