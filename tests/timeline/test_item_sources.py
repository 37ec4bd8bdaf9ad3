"""Issue 22 §4: the timeline's panel credits the paper only with what the paper gives."""

from __future__ import annotations

from ocstudy.content.repository import ContentRepository
from ocstudy.render.timeline import event_details_html
from ocstudy.services.timeline import timeline_items


def test_a_value_from_the_record_is_credited_to_the_record(
    repository: ContentRepository,
) -> None:
    items = {item.key: item for item in timeline_items(repository)}
    hague = items["hague-convention:event:signed"]  # the paper gives neither day nor place
    assert hague.sources == ("the record (treaties.un.org)",)
    assert "Paper:" not in event_details_html(hague)
    firearms = items["firearms-protocol:event:adopted"]  # footnote 9's date, the record's place
    assert firearms.sources == ("\u00a7 References, footnote 9", "place: the record (undocs.org)")
    assert "Sources: \u00a7\u00a0References, footnote\u00a09; place: the record" in (
        event_details_html(firearms)
    )
