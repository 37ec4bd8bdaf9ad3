"""How counts, lengths of time and citations read wherever they are shown: "1 review" and
"12 reviews", "1 entry" and "3 entries"; "39 s", "2 min 5 s", "1 h 4 min" (never "0 min
39 s"); "§ References, footnote 9" never wrapped between "footnote" and "9"."""

from __future__ import annotations

import re
from datetime import timedelta

NBSP = "\u00a0"
#: A citation's mark or word and what it names, which a wrapped line must not part:
#: "§ UNTOC (2000)", "footnote 9", "fn 9", "Art. 23", "paras. 3-5", "No. 7", "p. 12".
_TOGETHER = re.compile(
    r"§ (?=\S)|\b(?:[Ff]ootnotes?|fn|Arts?\.|Articles?|paras?\.|[Nn]o\.|pp?\.|[Rr]es\.|"
    r"[Rr]esolutions?|[Cc]hapter|[Ss]ection) (?=\d|[IVXLC]+\b)"
)


def counted(count: float, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun that agrees with it; the plural is ``singular`` + "s" unless
    given ("entry", "entries"). A float is shown as briefly as it can be ("1.5 years")."""
    number = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{number} {singular if count == 1 else plural or singular + 's'}"


def duration(span: timedelta | float) -> str:
    """A length of time (a ``timedelta`` or seconds) in whole seconds, its largest unit first,
    with no zero in front: "39 s", "2 min 5 s", "3 min", "1 h 4 min"."""
    seconds = round(span.total_seconds() if isinstance(span, timedelta) else span)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def keep_together(text: str) -> str:
    """``text`` with a no-break space after a citation's mark or word ("§", "footnote", "Art.",
    "para.", "resolution"...) where a number or a name follows, so that a wrapped line never
    parts "footnote" from "9" or "§" from its section."""
    return _TOGETHER.sub(lambda match: match[0][:-1] + NBSP, text)
