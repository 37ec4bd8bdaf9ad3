from __future__ import annotations

from PySide6.QtGui import QIcon

from ocstudy.content.repository import ContentRepository
from ocstudy.ui.study.tree_model import (
    SLUG_ROLE,
    Grouping,
    InstrumentTreeModel,
)


def _model(repository: ContentRepository) -> InstrumentTreeModel:
    return InstrumentTreeModel(
        repository.entities(),
        [(g.key, g.label) for g in repository.kind_groups],
        [(t.key, t.label) for t in repository.themes],
        QIcon(),
    )


def test_model_passes_qtmodeltester(qtmodeltester, repository: ContentRepository) -> None:
    model = _model(repository)
    qtmodeltester.check(model)
    model.set_grouping(Grouping.THEME)
    qtmodeltester.check(model)


def test_note_markers_and_my_notes_group_pass_qtmodeltester(
    qtmodeltester, repository: ContentRepository
) -> None:
    model = _model(repository)
    qtmodeltester.check(model, force_py=True)
    model.set_noted({"untoc", "cnd"})
    model.set_noted({"cnd", "incb", "hague-convention"})
    qtmodeltester.check(model, force_py=True)
    notes_group = model.index(0, 0)
    assert notes_group.data() == "My notes (3)"
    children = [model.index(r, 0, notes_group).data(SLUG_ROLE) for r in range(3)]
    assert children == ["hague-convention", "cnd", "incb"]
    assert model.index_of("untoc").data(1) is None  # DecorationRole: no marker any more
    assert model.index_of("cnd").data(1) is not None


def test_filtering_passes_qtmodeltester_and_keeps_ancestors(
    qtmodeltester, repository: ContentRepository
) -> None:
    model = _model(repository)
    model.set_noted({"firearms-protocol", "cnd"})
    model.set_matches({"firearms-protocol"})
    qtmodeltester.check(model, force_py=True)
    firearms = model.index_of("firearms-protocol")
    assert firearms.parent().data(SLUG_ROLE) == "untoc"  # its ancestor stays
    assert model.index(0, 0).data() == "My notes (1)"
    assert not model.index_of("hague-convention").isValid()
    model.set_matches(set())
    assert model.rowCount() == 0
    model.set_matches(None)
    qtmodeltester.check(model, force_py=True)
    assert model.index_of("hague-convention").isValid()


def test_protocols_nest_under_their_convention(repository: ContentRepository) -> None:
    model = _model(repository)
    firearms = model.index_of("firearms-protocol")
    assert model.parent(firearms).data(SLUG_ROLE) == "untoc"
    assert model.index_of("protocol-1972").parent().data(SLUG_ROLE) == "single-convention"
    assert model.index_of("untoc").parent().data() == "Conventions and protocols"


def test_rows_show_short_name_and_year_with_title_tooltip(repository: ContentRepository) -> None:
    model = _model(repository)
    index = model.index_of("untoc")
    assert index.data() == "UNTOC (2000)"
    assert index.data(3) == "United Nations Convention against Transnational Organized Crime"
