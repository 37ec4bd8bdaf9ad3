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


def edit(computer: Computer, card_id: str, front: str) -> None:
    computer.tick()
    OwnCardStore(computer.db, computer.clock).edit(
        card_id, front=front, back="back", entity_slug=None, themes=[]
    )


def test_a_computer_that_gets_both_edits_and_the_split_at_once_ends_the_same(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """Files arrive late: the desktop gets the laptop's edit together with the laptop's
    version joining both, so it never sees two heads itself (found by the second reader)."""
    a, b, tool = pair
    card = OwnCardStore(a.db, a.clock).add("front", "back", None)
    settle(a, b, tool)
    edit(a, card.id, "A's")
    edit(b, card.id, "B's")
    a.sync()
    b.sync()
    tool.deliver_all(1)  # only the desktop's file reaches the laptop
    a.sync()  # the laptop keeps the desktop's version apart
    a.sync()
    tool.deliver_all(0)  # the laptop's files reach the desktop together
    b.sync()
    settle(a, b, tool)
    assert fronts(a) == {"A's", "B's"} == fronts(b)
    assert a.snapshot() == b.snapshot()


def test_an_edit_after_the_split_makes_no_third_card(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    card = OwnCardStore(a.db, a.clock).add("front", "back", None)
    settle(a, b, tool)
    edit(a, card.id, "A's")
    edit(b, card.id, "B's")
    a.sync()
    b.sync()
    tool.in_step()
    a.sync()
    b.sync()  # both keep the other's version apart
    a.sync()
    b.sync()
    edit(a, card.id, "A's, corrected")
    settle(a, b, tool)
    assert len(OwnCardStore(a.db).all()) == 2
    assert fronts(a) == fronts(b)
    assert a.snapshot() == b.snapshot()
