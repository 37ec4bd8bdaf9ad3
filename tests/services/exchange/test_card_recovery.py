"""Recovery files of cards being written: kept where they can be, found again wherever they
were kept, never another data folder's, never two writers on one name."""

from __future__ import annotations

import os
from pathlib import Path

from ocstudy.services.exchange.card_recovery import keep_unsaved_card, unsaved_cards
from ocstudy.services.exchange.recovery_files import claim_path
from ocstudy.services.own_cards import CardDraft


def test_a_card_kept_in_the_temporary_folder_is_offered_to_its_own_data_folder_only(
    tmp_path: Path,
) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    spare = tmp_path / "tmp"
    for folder in (mine, theirs, spare):
        folder.mkdir()
    unwritable = tmp_path / "gone" / "data"  # a data folder that cannot take the file
    kept = keep_unsaved_card(CardDraft("front", "back"), None, mine, [unwritable, spare])
    assert kept is not None and kept.parent == spare
    keep_unsaved_card(CardDraft("their front", "back"), None, theirs, [spare])
    found = unsaved_cards(mine, [mine, spare])
    assert [card.draft.front for card in found] == ["front"]
    assert [card.draft.front for card in unsaved_cards(theirs, [theirs, spare])] == ["their front"]
    assert oct(kept.stat().st_mode & 0o777) == "0o600"


def test_a_recovery_name_is_claimed_at_once(tmp_path: Path) -> None:
    first = claim_path(tmp_path, "unsaved-card-")
    second = claim_path(tmp_path, "unsaved-card-")
    assert first != second and first.exists() and second.exists()
    assert os.stat(first).st_mode & 0o777 == 0o600
