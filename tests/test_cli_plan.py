"""``ocstudy plan``: an exam date set from the command line, its plan as text or JSON (the
keys the issue lists), ``stats --json`` carrying it, bad input one line and exit 2."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from ocstudy import cli
from ocstudy.userdata.database import open_user_database

#: An exam date to come, within the years a plan may span.
SOON = (date.today() + timedelta(days=60)).isoformat()

PLAN_KEYS = {
    "exam_date",
    "days_left",
    "scope",
    "cards_in_scope",
    "plan",
    "recall_if_you_stop",
    "recall_if_you_follow",
}


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_json_then_stats_then_clear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exam = date.today() + timedelta(days=21)
    code, out, _ = run(capsys, tmp_path, "plan", "--exam", exam.isoformat(), "--json")
    assert code == 0
    shown = json.loads(out)
    assert set(shown) == PLAN_KEYS
    assert shown["exam_date"] == exam.isoformat()
    assert shown["scope"] == "core"
    assert shown["recall_if_you_stop"] == 0
    assert 0 < shown["recall_if_you_follow"] <= 1
    assert sum(day["new_cards"] for day in shown["plan"]) == shown["cards_in_scope"]
    assert set(shown["plan"][0]) == {"day", "new_cards", "reviews", "minutes"}
    assert shown["plan"][-1]["day"] == exam.isoformat()
    code, out, _ = run(capsys, tmp_path, "stats", "--json")
    assert code == 0
    assert json.loads(out)["exam"]["cards_in_scope"] == shown["cards_in_scope"]
    code, out, _ = run(capsys, tmp_path, "plan", "--clear")
    assert code == 0
    _, out, _ = run(capsys, tmp_path, "stats", "--json")
    assert "exam" not in json.loads(out)


def test_plan_as_text_names_the_forecast_and_the_themes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exam = date.today() + timedelta(days=10)
    args = ("plan", "--exam", exam.isoformat(), "--scope", "firearms", "--minutes", "15")
    code, out, _ = run(capsys, tmp_path, *args)
    assert code == 0
    assert "If you stopped now: 0 %; following the plan:" in out
    assert "Firearms" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--exam", "15/06/2030"), "is not a date"),
        (("--exam", "2001-01-01"), "has passed"),
        (("--exam", SOON, "--scope", "nothing"), "scope 'nothing'"),
        (("--exam", SOON, "--minutes", "0"), "minutes a day 0"),
    ],
)
def test_bad_plan_input_is_one_line_exit_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], said: str
) -> None:
    open_user_database(tmp_path).close()  # the data folder, with no exam
    code, out, err = run(capsys, tmp_path, "plan", *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert said in err
    _, out, _ = run(capsys, tmp_path, "stats", "--json")
    assert "exam" not in json.loads(out)


def test_plan_alone_prints_the_plan_set_or_says_there_is_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_user_database(tmp_path).close()  # the data folder, with no exam
    code, out, _ = run(capsys, tmp_path, "plan")
    assert code == 0
    assert out == "No exam date is set. `ocstudy plan --exam YYYY-MM-DD` sets one.\n"
    exam = date.today() + timedelta(days=30)
    _, set_out, _ = run(capsys, tmp_path, "plan", "--exam", exam.isoformat(), "--minutes", "15")
    code, out, _ = run(capsys, tmp_path, "plan")
    assert code == 0
    assert out == set_out  # the same plan, its minutes kept
    code, out, _ = run(capsys, tmp_path, "plan", "--json")
    assert json.loads(out)["exam_date"] == exam.isoformat()


def test_scope_or_minutes_without_an_exam_is_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exam = date.today() + timedelta(days=30)
    run(capsys, tmp_path, "plan", "--exam", exam.isoformat())
    _, before, _ = run(capsys, tmp_path, "plan", "--json")
    for extra in (("--scope", "all"), ("--minutes", "5")):
        code, out, err = run(capsys, tmp_path, "plan", *extra)
        assert code == 2 and out == ""
        assert (
            err == "ocstudy: --scope and --minutes go with --exam YYYY-MM-DD; nothing was changed\n"
        )
    _, after, _ = run(capsys, tmp_path, "plan", "--json")
    assert after == before


def test_an_exam_years_ahead_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A date in year 9999 was saved and then overflowed every forecast (a traceback)."""
    open_user_database(tmp_path).close()
    code, out, err = run(capsys, tmp_path, "plan", "--exam", "9999-12-31")
    assert code == 2 and out == ""
    assert err == (
        "ocstudy: the exam date 9999-12-31 is more than 1098 days ahead; nothing was changed\n"
    )
    code, out, _ = run(capsys, tmp_path, "plan")
    assert code == 0 and out.startswith("No exam date is set.")
