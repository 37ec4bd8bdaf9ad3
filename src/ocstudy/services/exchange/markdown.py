"""The learner's Markdown notes as safe HTML, with ``markdown-it-py`` in CommonMark mode.

Raw HTML in a note is escaped, never passed through, and links keep only the schemes
markdown-it allows (no ``javascript:``). Images become links to the image: a rendered note
never fetches anything by itself. Qt-free, so any layer (the Anki export, a preview) can use it;
``markdown_it`` is imported on the first rendering, not at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


def render_markdown(text: str) -> str:
    """``text`` (Markdown) as an HTML fragment; "" for a blank text."""
    if not text.strip():
        return ""
    rendered: str = _parser().render(text.replace("\r\n", "\n"))
    return rendered.strip()


@lru_cache(maxsize=50_000)
def markdown_plain(text: str) -> str:
    """``text`` (Markdown) as one line of plain text, for a table cell: rendered, then its tags
    dropped and its entities read back ("**three** Protocols" gives "three Protocols"). Kept
    once made: the cards browser shows every own card's text again after each action."""
    import html
    import re

    blocks = re.sub(
        r"</?(?:p|li|ul|ol|h\d|br|hr|blockquote|pre)\b[^>]*>", " ", render_markdown(text)
    )
    rendered = re.sub(r"<[^>]+>", "", blocks)
    return " ".join(html.unescape(rendered).split())


def _image_as_link(
    renderer: Any, tokens: Sequence[Token], index: int, options: Any, env: Any
) -> str:
    """An image as a link to it (its alt text the link's text)."""
    from markdown_it.common.utils import escapeHtml

    token = tokens[index]
    alt = renderer.renderInlineAsText(token.children or [], options, env) or "image"
    src = escapeHtml(str(token.attrGet("src") or ""))
    return f'<a href="{src}">{escapeHtml(alt)}</a>'


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "typographer": False})
    parser.add_render_rule("image", _image_as_link)
    return parser
