"""The page of an entry, however narrow, wraps only between words: never inside a word
("Conventio|n"), never between a citation's parts ("Art. |1", "§ |Hague"); nor does the
answer side of a quiz card part "footnote" from its number.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from ocstudy.phrasing import NBSP
from ocstudy.render.feedback import answer_html
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.window.main_window import MainWindow

#: a line may not end with one of these when a number or a name follows
_CITATION_WORD = re.compile(r"(§|\bfootnotes?|\bfn|\bArts?\.|\bparas?\.)\s*$", re.IGNORECASE)


def bad_breaks(document: QTextDocument) -> list[str]:
    """Each place a line of ``document`` ends inside a word or a citation, as "before|after"."""
    found = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for number in range(layout.lineCount() - 1):
            line = layout.lineAt(number)
            end = line.textStart() + line.textLength()
            before, after = text[max(0, end - 14) : end], text[end : end + 10]
            inside_word = 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
            if inside_word or _CITATION_WORD.search(before):
                found.append(f"{before}|{after}")
        block = block.next()
    return found


@pytest.mark.parametrize("width", [700, 420])
def test_no_line_of_any_entry_breaks_inside_a_word_or_a_citation(
    window: MainWindow, width: int
) -> None:
    window.resize(1280, 820)
    window.study.setSizes([1270 - width, width])
    QApplication.processEvents()
    wrong = {}
    for entity in window.services.study.entities():
        window.study.select(entity.slug)
        QApplication.processEvents()
        breaks = bad_breaks(window.study.detail.document())
        if breaks:
            wrong[entity.slug] = breaks
    assert not wrong


def test_a_quiz_cards_source_and_paper_note_keep_footnote_and_number_together(
    window: MainWindow,
) -> None:
    colors = palette_colors(window.palette())
    cards = [c for c in window.quiz_service().catalogue.cards() if c.paper_notes and c.sources]
    noted = [c for c in cards if any("footnote" in n for n in c.paper_notes)]
    assert noted
    for card in noted:
        html = answer_html(card, None, colors)
        assert "footnote " not in html and f"footnote{NBSP}" in html, card.id
