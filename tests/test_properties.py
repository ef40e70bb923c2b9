"""Property-based tests: arbitrary valid plans round-trip YAML → model → YAML unchanged."""

from __future__ import annotations

import datetime as dt
import string
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from generator.dump import dump_plan
from generator.load import parse_yaml, validate_as
from generator.model import (
    Chapter,
    ChapterRole,
    Deadline,
    Item,
    Period,
    Plan,
    PlanKind,
    Precision,
    Responsibility,
    Section,
    Source,
    Task,
)

slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
# Any printable text, including YAML look-alikes (no, on, 01, 2024-01-01, "- x", "a: b").
tricky = st.sampled_from(
    [
        "no",
        "on",
        "yes",
        "01",
        "2024-01-01",
        "1:30",
        "- x",
        "a: b",
        "~",
        "null",
        "#c",
        "'q'",
        '"d"',
        "{x}",
        "[y]",
        "*a",
        "&b",
        "!t",
        "%p",
        "@",
    ]
)
raw_text = st.one_of(
    tricky,
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
    st.text(
        alphabet="安全生产治本攻坚三年行动一二是（）、，。：；\n " + string.ascii_letters,
        min_size=1,
        max_size=60,
    ),
)
# The loader normalises to NFC and line endings to \n: generate text already in that form.
text = raw_text.map(lambda s: unicodedata.normalize("NFC", s)).filter(lambda s: "\r" not in s)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def tasks(draw: st.DrawFn, ident: str) -> Task:
    item_ids = draw(st.lists(slugs, max_size=3, unique=True))
    items = tuple(Item(id=i, no=draw(text), text=draw(text)) for i in item_ids)
    deadlines = tuple(
        Deadline(
            date=draw(dates),
            precision=draw(st.sampled_from(list(Precision))),
            phrase=draw(text),
            item=draw(st.sampled_from([None, *item_ids])),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    resp = Responsibility(
        text=draw(st.none() | text),
        lead=tuple(draw(st.lists(text, max_size=2))),
        support=tuple(draw(st.lists(text, max_size=2))),
        and_others=draw(st.booleans()),
    )
    return Task(
        id=ident,
        no=draw(text),
        title=draw(st.none() | text),
        text=draw(text),
        items=items,
        responsibility=resp,
        deadlines=deadlines,
    )


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    task_ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    section = Section(
        id="s1",
        no=draw(st.none() | text),
        title=draw(st.none() | text),
        text=draw(st.just("") | text),
        tasks=tuple(draw(tasks(i)) for i in task_ids),
    )
    chapter = Chapter(
        id="c1",
        no=draw(text),
        title=draw(text),
        role=draw(st.sampled_from(list(ChapterRole))),
        sections=(section,),
    )
    start = draw(dates)
    return Plan(
        id=draw(slugs),
        title=draw(text),
        kind=draw(st.sampled_from(list(PlanKind))),
        region=draw(slugs),
        issuer=draw(text),
        doc_number=draw(st.none() | text),
        issued=draw(st.none() | dates),
        period=Period(start=start, end=draw(dates)),
        source=Source(file=draw(text)),
        preamble=draw(st.just("") | text),
        chapters=(chapter,),
    )


@given(plans())
def test_plan_round_trips_through_yaml(plan: Plan) -> None:
    written = dump_plan(plan)
    loaded, problems = parse_yaml(written, "plan.yaml")
    assert problems == [], written
    assert loaded is not None
    again, problems = validate_as(loaded, Plan)
    assert problems == [], written
    assert again == plan
    assert dump_plan(again) == written


@given(
    text=st.text(alphabet="市应急局安委会各成员单位年底前", max_size=40),
    names=st.lists(st.text(alphabet="市应急局安委会各成员单位年底前", min_size=1, max_size=6)),
)
def test_linked_names_are_found_as_a_regex_alternation_would(text: str, names: list[str]) -> None:
    """`rich` finds names left to right, the longest first where several start at one place;
    it scans with `str.find` instead of compiling a pattern per set of names."""
    import re

    from generator.render.text import _leftmost

    ordered = tuple(sorted(set(names), key=lambda n: (-len(n), n)))
    expected = (
        [(m.start(), m.group(0)) for m in re.finditer("|".join(map(re.escape, ordered)), text)]
        if ordered
        else []
    )
    assert list(_leftmost(text, ordered)) == expected
