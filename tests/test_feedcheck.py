"""Every feed and calendar the build writes is read back (`generator.feedcheck`)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import PLAN

from generator.exports import iter_plan_exports
from generator.exports.feeds import atom_feed
from generator.feedcheck import MalformedFeed, verify
from generator.history import Revision
from generator.load import parse_yaml
from generator.model import Plan
from generator.render.ui import load_ui


def _plan(title: str) -> Plan:
    """The test plan with its first task's title replaced (the model takes any text)."""
    loaded, _ = parse_yaml(PLAN, "plans/demo.yaml")
    assert loaded is not None
    loaded.data["chapters"][0]["tasks"][0]["title"] = title
    return Plan.model_validate(loaded.data)


def _calendar(plan: Plan) -> bytes:
    files = dict(iter_plan_exports([plan], base_url="https://example.org", build_date="2024-10-01"))
    return files[f"ics/plans/{plan.id}.ics"]


def _feed(subject: str) -> bytes:
    rev = Revision("a" * 40, dt.datetime(2024, 5, 1, tzinfo=dt.UTC), "Editor", subject, ())
    return atom_feed("修订记录", "changes/feed.xml", [rev], load_ui("zh"), "https://example.org")


def test_the_feeds_and_calendars_the_build_makes_pass() -> None:
    verify("data/ics/plans/demo.ics", _calendar(_plan("强化源头管控" * 20)))
    verify("changes/feed.xml", _feed("修订：强化源头管控"))


def test_a_control_character_makes_a_calendar_malformed() -> None:
    """The loader refuses `"\\e"` now; before, it reached the calendar as it was."""
    with pytest.raises(
        MalformedFeed, match=r"demo.ics is not valid \(line \d+: control character U\+001B\)"
    ):
        verify("data/ics/plans/demo.ics", _calendar(_plan("强化\x1b[31m源头管控")))


def test_a_control_character_makes_a_feed_malformed() -> None:
    with pytest.raises(MalformedFeed, match=r"feed.xml is not valid \(XML error at line 2"):
        verify("changes/feed.xml", _feed("修订\x00"))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\n", "line 2: control character U+000A"),
        (b"BEGIN:VCALENDAR\r\nSUMMARY:" + b"x" * 80 + b"\r\nEND:VCALENDAR\r\n", "line 2: longer"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", "line 3: END:VCALENDAR"),
        (b"BEGIN:VCALENDAR\r\nno colon here\r\nEND:VCALENDAR\r\n", "line 2: not a content"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nX:1\r\n", "line 3: text after END"),
        (b"SUMMARY:x\r\n", "not one VCALENDAR"),
    ],
)
def test_calendar_syntax(content: bytes, reason: str) -> None:
    with pytest.raises(MalformedFeed) as raised:
        verify("x.ics", content)
    assert raised.value.reason.startswith(reason)


def test_a_malformed_feed_stops_the_build_in_a_helper_too() -> None:
    """Helpers send it back pickled: the message survives."""
    import pickle

    error = pickle.loads(pickle.dumps(MalformedFeed("changes/feed.xml", "XML error")))
    assert isinstance(error, MalformedFeed) and "changes/feed.xml is not valid" in str(error)
