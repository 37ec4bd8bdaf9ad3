"""``ocstudy stats --search`` takes a search that leaves cards out (``-tag:exam``, the
syntax's own example ``-date``) as its value, not as an option it does not know."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocstudy.cli import main
from ocstudy.userdata.database import open_user_database


@pytest.mark.parametrize("query", ["-tag:exam", "-date", "-hard", "-(theme:firearms)"])
def test_a_search_leaving_cards_out_is_the_searchs_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    data = tmp_path / "data"
    open_user_database(data).close()
    code = main(["--data-dir", str(data), "stats", "--search", query])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert f"Cards: the cards “{query}” finds" in captured.out


def test_a_missing_search_value_before_another_option_is_still_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), "stats", "--search", "--json"])
    assert exited.value.code == 2
    assert "argument --search: expected one argument" in capsys.readouterr().err
