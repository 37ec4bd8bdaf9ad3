"""The cards browser's search: a subset of Anki's search syntax, parsed into a predicate.

``parse_search(text)`` returns a :class:`Search` or raises :class:`SearchSyntaxError` (a
``ValueError`` whose message says, in one line, what is wrong). ``Search.matcher(context)``
compiles the query into a plain function over :class:`~ocstudy.services.browser.rows.CardRow`
values, so filtering 100,000 rows calls no service and no Qt.

Syntax (as in Anki): words and "phrases" match every text the card shows (question, answer,
details, sources) and every name of its entry (``*`` is any text); ``-`` negates; ``or``;
parentheses; terms side by side must all match. Fields: ``entity:``, ``theme:``, ``kind:``,
``tier:``, ``tag:`` (the learner's own tags; ``tag:none``, no tag), ``is:`` (``is:paper``,
``is:record`` among them), ``flag:``, ``prop:`` and ``rated:``. :func:`combined` joins a
sidebar item's search to the one in the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from ocstudy.content.vocabulary import TIERS
from ocstudy.services.browser.query import (
    PROPS,
    AllOf,
    AnyOf,
    Field,
    Flag,
    Is,
    Matcher,
    Not,
    Prop,
    Rated,
    SearchContext,
    Term,
    Text,
    compile_term,
)
from ocstudy.services.browser.rows import MAX_RATED_DAYS

IS_VALUES: Final = {
    "new": "never answered",
    "learn": "in learning or relearning",
    "review": "in review (with relearning, as Anki counts them)",
    "due": "due today (in learning or review)",
    "suspended": "suspended",
    "buried": "buried until tomorrow",
    "leech": "a leech (lapsed 8 times, by default)",
    "own": "one of your own cards (File > Add card…)",
    "paper": "its answer is the paper's (right, or wrong beside the record's)",
    "record": "from the record: a fact the paper does not give",
}
FIELDS: Final = ("entity", "theme", "kind", "tier", "tag", "is", "flag", "prop", "rated")
_OPERATORS: Final = ("<=", ">=", "!=", "=", "<", ">")
_PROP = re.compile(r"^([a-z]+)(<=|>=|!=|=|<|>)(.*)$")
_FIELD = re.compile(r"^([A-Za-z]+):(.*)$", re.DOTALL)


class SearchSyntaxError(ValueError):
    """The query cannot be read; the message says what is wrong, in one line."""


@dataclass(frozen=True, slots=True)
class Search:
    text: str
    term: Term

    def matcher(self, context: SearchContext) -> Matcher:
        return compile_term(self.term, context)

    @property
    def matches_everything(self) -> bool:
        return self.term == AllOf(())


# -- reading the text ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: Literal["(", ")", "-", "or", "and", "word"]
    text: str = ""
    quoted: bool = False


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char))  # type: ignore[arg-type]
            i += 1
        elif char == "-":  # inside a word ("co-operation") it is part of the word
            if i + 1 >= n or text[i + 1].isspace():
                raise SearchSyntaxError("“-” must be followed by what to leave out, as in -date")
            tokens.append(_Token("-"))
            i += 1
        else:
            word, quoted, i = _word(text, i)
            lower = word.casefold()
            if not quoted and lower in ("or", "and"):
                tokens.append(_Token(lower))  # type: ignore[arg-type]
            else:
                tokens.append(_Token("word", word, quoted))
    return tokens


def _word(text: str, i: int) -> tuple[str, bool, int]:
    """The word starting at ``i`` (quoted parts kept together), whether it was all one
    quoted phrase, and where the next token starts."""
    parts: list[str] = []
    whole_phrase = text[i] == '"'
    n = len(text)
    while i < n and not text[i].isspace() and text[i] not in "()":
        if text[i] == '"':
            end = i + 1
            phrase: list[str] = []
            while end < n and text[end] != '"':
                if text[end] == "\\" and end + 1 < n:
                    end += 1
                phrase.append(text[end])
                end += 1
            if end >= n:
                raise SearchSyntaxError('a phrase is not closed: add the closing "')
            parts.append("".join(phrase))
            i = end + 1
            if whole_phrase and i < n and not text[i].isspace() and text[i] not in "()":
                whole_phrase = False
        else:
            parts.append(text[i])
            i += 1
    return "".join(parts), whole_phrase, i


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def any_of(self) -> Term:
        terms = [self.all_of()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            following = self.peek()
            if following is None or following.kind in (")", "or", "and"):
                raise SearchSyntaxError("“or” needs a search on each side")
            terms.append(self.all_of())
        return terms[0] if len(terms) == 1 else AnyOf(tuple(terms))

    def all_of(self) -> Term:
        terms: list[Term] = []
        while (token := self.peek()) is not None and token.kind not in (")", "or"):
            if token.kind == "and":
                self.take()
                following = self.peek()
                if not terms or following is None or following.kind in (")", "or", "and"):
                    raise SearchSyntaxError("“and” needs a search on each side")
                continue
            terms.append(self.unary())
        if not terms:
            token = self.peek()
            if token is not None and token.kind == "or":
                raise SearchSyntaxError("“or” needs a search on each side")
            raise SearchSyntaxError("nothing inside ( )")
        return terms[0] if len(terms) == 1 else AllOf(tuple(terms))

    def unary(self) -> Term:
        token = self.take()
        if token.kind == "-":
            following = self.peek()
            if following is None or following.kind in (")", "or", "and"):
                raise SearchSyntaxError("“-” must be followed by what to leave out, as in -date")
            return Not(self.unary())
        if token.kind == "(":
            inner = self.any_of()
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise SearchSyntaxError("a “(” is not closed: add a “)”")
            self.take()
            return inner
        return _term(token)


def _term(token: _Token) -> Term:
    match = None if token.quoted else _FIELD.match(token.text)
    if match is None:
        if not token.text:
            raise SearchSyntaxError('an empty phrase "" matches nothing: write a word in it')
        return Text(token.text.casefold())
    name, value = match.group(1).casefold(), match.group(2)
    if name not in FIELDS:
        raise SearchSyntaxError(
            f"“{name}:” is not a search field (use {', '.join(f + ':' for f in FIELDS)}, "
            'or put the text in quotes: "…")'
        )
    if not value:
        raise SearchSyntaxError(f"“{name}:” needs a value, as in {_EXAMPLES[name]}")
    value = value.casefold()
    if name == "tier" and "*" not in value and value not in TIERS:
        raise SearchSyntaxError(f"“tier:{value}” is not known: use tier:{', tier:'.join(TIERS)}")
    if name in ("entity", "theme", "kind", "tier", "tag"):
        return Field(name, value)  # type: ignore[arg-type]
    if name == "is":
        if value not in IS_VALUES:
            raise SearchSyntaxError(f"“is:{value}” is not known: use is:{', is:'.join(IS_VALUES)}")
        return Is(value)
    if name == "flag":
        if value not in tuple("01234567"):
            raise SearchSyntaxError(f"“flag:{value}”: a flag is a number from 0 to 7")
        return Flag(int(value))
    if name == "prop":
        return _prop(value)
    return _rated(value)


_EXAMPLES: Final = {
    "entity": "entity:untoc",
    "theme": "theme:firearms",
    "kind": "kind:date",
    "tier": "tier:core",
    "tag": "tag:exam or tag:none",
    "is": "is:due",
    "flag": "flag:1",
    "prop": "prop:ivl>=30",
    "rated": "rated:7 or rated:7:1",
}


def _prop(value: str) -> Prop:
    match = _PROP.match(value)
    if match is None:
        raise SearchSyntaxError(
            f"“prop:{value}” needs a property, a comparison ({' '.join(_OPERATORS)}) and a "
            "number, as in prop:ivl>=30"
        )
    name, operator, number = match.groups()
    if name not in PROPS:
        raise SearchSyntaxError(f"“prop:{name}” is not known: use prop:{', prop:'.join(PROPS)}")
    try:
        figure = float(number)
    except ValueError:
        figure = float("nan")
    if figure != figure or figure in (float("inf"), float("-inf")):
        raise SearchSyntaxError(f"“prop:{value}”: “{number}” is not a number")
    return Prop(name, operator, figure)


def _rated(value: str) -> Rated:
    days, _, rating = value.partition(":")
    if not days.isdigit() or not 1 <= int(days) <= MAX_RATED_DAYS:
        raise SearchSyntaxError(
            f"“rated:{value}”: the days are a number from 1 to {MAX_RATED_DAYS}, as in rated:7"
        )
    if rating and rating not in ("1", "2", "3", "4"):
        raise SearchSyntaxError(
            f"“rated:{value}”: the rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)"
        )
    return Rated(int(days), int(rating) if rating else None)


def parse_search(text: str) -> Search:
    """The query ``text`` means; an empty text matches every card."""
    tokens = _tokens(text)
    if not tokens:
        return Search(text, AllOf(()))
    _check_parentheses(tokens)
    parser = _Parser(tokens)
    term = parser.any_of()
    if parser.peek() is not None:  # only a ")" stops the outermost level early
        raise SearchSyntaxError("a “)” has no “(” before it")
    return Search(text, term)


def _check_parentheses(tokens: list[_Token]) -> None:
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token.kind, 0)
        if depth < 0:
            raise SearchSyntaxError("a “)” has no “(” before it")
    if depth > 0:
        raise SearchSyntaxError("a “(” is not closed: add a “)”")


#: How a sidebar item's search meets the search in the field: it replaces it (a click), or
#: joins it with "and" (Ctrl+click) or "or" (Shift+click), as in Anki's sidebar.
Join = Literal["replace", "and", "or"]


def _term_of(text: str) -> Term | None:
    try:
        return parse_search(text).term
    except SearchSyntaxError:
        return None


def combined(current: str, added: str, join: Join = "replace", *, negate: bool = False) -> str:
    """The search of ``added`` alone, or joined to ``current`` by ``join``; ``negate`` (Alt
    in Anki's sidebar) leaves its cards out. Parentheses go where the meaning needs them; a
    ``current`` that cannot be read is replaced."""
    term = _term_of(added)
    added = added.strip()
    compound = isinstance(term, AllOf | AnyOf)
    if negate:
        added = f"-({added})" if compound else f"-{added}"
    elif join == "and" and isinstance(term, AnyOf):
        added = f"({added})"
    before = _term_of(current)
    if join == "replace" or before is None or before == AllOf(()):
        return added
    if join == "or":
        return f"{current.strip()} or {added}"
    return (
        f"({current.strip()}) {added}"
        if isinstance(before, AnyOf)
        else f"{current.strip()} {added}"
    )
