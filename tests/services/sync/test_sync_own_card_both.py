"""An own card changed on both computers at once: the version in front stays the card, the
other is kept as a card of its own on both computers (the same card), nothing is left hidden;
deleting either afterwards travels as any deletion does."""

from __future__ import annotations

from ocstudy.userdata.own_cards import OwnCardStore

from .devices import Computer, SyncTool
from .test_sync_pair import settle


def fronts(computer: Computer) -> set[str]:
    return {card.front for card in OwnCardStore(computer.db).all()}


def test_an_own_card_changed_on_both_is_kept_as_two_cards_on_both(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    card = OwnCardStore(a.db, a.clock).add("Palermo?", "2000", None, ["firearms"])
    settle(a, b, tool)
    a.tick()
    OwnCardStore(a.db, a.clock).edit(
        card.id, front="Palermo, laptop?", back="2000", entity_slug=None, themes=["firearms"]
    )
    b.tick()
    OwnCardStore(b.db, b.clock).edit(
        card.id, front="Palermo, desktop?", back="Dec 2000", entity_slug=None, themes=["firearms"]
    )
    a.sync()
    b.sync()
    tool.in_step()
    report = a.sync()
    assert report.kept_apart == 1
    assert "1 own card changed on both computers" in report.message
    settle(a, b, tool)
    assert fronts(a) == {"Palermo, laptop?", "Palermo, desktop?"} == fronts(b)
    assert a.snapshot() == b.snapshot()
    assert a.snapshot()["conflicts"] == []
    kept = next(c for c in OwnCardStore(a.db).all() if c.id != card.id)
    assert kept.themes == ("firearms",)
    assert {kept.back, OwnCardStore(a.db).get(card.id).back} == {"2000", "Dec 2000"}
    settle(a, b, tool)  # more syncs add nothing
    assert len(OwnCardStore(b.db).all()) == 2


def test_the_card_kept_apart_deleted_on_one_computer_is_gone_on_both(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    card = OwnCardStore(a.db, a.clock).add("front", "back", None)
    settle(a, b, tool)
    OwnCardStore(a.db, a.clock).edit(
        card.id, front="laptop's front", back="back", entity_slug=None, themes=[]
    )
    OwnCardStore(b.db, b.clock).edit(
        card.id, front="desktop's front", back="back", entity_slug=None, themes=[]
    )
    settle(a, b, tool)
    (other,) = [c for c in OwnCardStore(b.db).all() if c.id != card.id]
    OwnCardStore(b.db, b.clock).delete(other.id)
    settle(a, b, tool)
    assert [c.id for c in OwnCardStore(a.db).all()] == [card.id]
    assert a.snapshot() == b.snapshot()
