"""The block of one task on a plan page: its text and items, who is responsible, the
duty carried forward to it, its facts (deadlines, recurrence, targets, topics, lineage)
and its hidden search keywords. Used by the plan family only."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from markupsafe import Markup, escape

from ...model import Deadline
from ...search_keywords import keyword_html, name_sub_words, title_keywords
from ...views.site import ROLES, PlanView, TaskView, UnitRef
from .. import text as tx
from ..contexts import CopyControls, Field, ItemBlock, TaskBlock
from ..kit import PageKit
from ..text import html_format, html_join


def phrases(deadlines: Iterable[Deadline]) -> tuple[str, ...]:
    """The phrases of `deadlines` as printed (marked in the text that holds them)."""
    return tuple(d.phrase for d in deadlines)


class TaskBlocks:
    """Task blocks of one plan page (`here`); `links`: unit name → link from the page."""

    def __init__(self, kit: PageKit, view: PlanView, here: str, links: Mapping[str, str]):
        self.kit, self.view, self.here, self.links = kit, view, here, links

    def block(self, tv: TaskView, level: int) -> TaskBlock:
        task = tv.task
        marks = phrases(task.deadlines)
        items = tuple(
            ItemBlock(
                anchor=iv.anchor,
                no=iv.item.no,
                text=tx.rich(iv.item.text, marks=marks),
                copy=_copy(iv.anchor, self._clause_name(tv, n), iv.citation, task=tv.citation),
            )
            for n, iv in enumerate(tv.items, 1)
        )
        return TaskBlock(
            anchor=tv.anchor,
            level=level,
            no=f"{task.no}." if task.no.isdigit() else task.no,
            title=task.title or "",
            paragraphs=tx.paragraphs(task.text, marks=marks),
            items=items,
            closing=tx.paragraphs(task.closing, marks=marks),
            responsibility=self._responsibility(tv),
            carried=self._carried(tv),
            facts=(*self._facts(tv), *self._links(tv)),
            notes=tuple(n.text for n in task.notes),
            copy=_copy(tv.anchor, self._clause_name(tv), tv.citation),
            keywords=self._keywords(tv),
        )

    def _clause_name(self, tv: TaskView, item: int | None = None) -> str:
        """A copy button names its clause as printed (第3条第2项); in English by position."""
        if not self.kit.names.english:
            return tv.number + (tv.items[item - 1].number if item else "")
        ui = self.kit.ui
        task = ui.format("clause_task", n=self.view.position(tv.task.id))
        return ui.format("clause_item", task=task, n=item) if item else task

    # --- who ---------------------------------------------------------------------------

    def _responsibility(self, tv: TaskView) -> Markup | None:
        resp, ui = tv.task.responsibility, self.kit.ui
        names = {n: self.links[n] for n in resp.all_refs() if n in self.links}
        if resp.text:
            text = self.kit.names.label(tx.rich(resp.text, names))
            return html_format("{}{}{}", ui.lparen, text, ui.rparen)
        parts = []
        for role in ROLES:
            listed = getattr(resp, role)
            if listed:
                joined = html_join(ui.list_sep, (self._name(n, names) for n in listed))
                parts.append(html_format("{}{}{}", ui[f"resp_{role}"], ui.colon, joined))
        if not parts:
            return None
        tail = ui.and_others if resp.and_others else ""
        return html_join(ui.clause_sep, parts) + tail

    def _name(self, name: str, links: Mapping[str, str]) -> Markup:
        """A unit named in a responsibility line: linked, in this tree's language."""
        kit = self.kit
        if not kit.names.english:
            return tx.rich(name, links)
        ref: UnitRef | None = self.view.refs.get(name)
        shown = kit.unit_name(ref) if ref is not None else name
        if name in links:
            return html_format(
                '<a class="pp-unit" href="{}">{}</a>', links[name], kit.names.label(shown)
            )
        return kit.names.label(shown)

    def _carried(self, tv: TaskView) -> Markup | None:
        view, kit, here = self.view, self.kit, self.here
        origin = view.carried.get(tv.task.id)
        if origin is None:
            return None
        source, names = origin
        task_link = html_format(
            '<a href="{}">{}</a>', kit.in_page(here, source.url), kit.names.label(source.number)
        )
        named = html_join(
            kit.ui.list_sep,
            (
                self._name(n, {n: kit.link(here, view.refs[n].url)})
                if n in view.refs
                else kit.names.label(n)
                for n in names
            ),
        )
        return html_format(escape(kit.ui.carried_note), task=task_link, names=named)

    # --- facts -------------------------------------------------------------------------

    def _facts(self, tv: TaskView) -> Iterator[Field]:
        task, ui, names = tv.task, self.kit.ui, self.kit.names
        printed = _printed(task) if task.deadlines or task.recurrence or task.targets else ""
        if task.deadlines:
            yield Field(
                ui.fact_deadline,
                self._join(
                    html_format(
                        '{} <time datetime="{}">{}</time>', names.label(d.phrase), d.date, d.date
                    )
                    for d in task.deadlines
                ),
                indexed=not _quoted(printed, task.deadlines),
            )
        if task.recurrence:
            yield Field(
                ui.fact_recurrence,
                self._join(names.label(r.phrase) for r in task.recurrence),
                indexed=not _quoted(printed, task.recurrence),
            )
        if task.targets:
            yield Field(
                ui.fact_target,
                self._join(names.label(t.phrase) for t in task.targets),
                indexed=not _quoted(printed, task.targets),
            )

    def _join(self, parts: Iterable[Markup]) -> Markup:
        return html_join(self.kit.ui.clause_sep, parts)

    def _links(self, tv: TaskView) -> Iterator[Field]:
        """Topics as links; the parent task this task implements; tasks implementing it."""
        kit, task = self.kit, tv.task
        ui, here, data = kit.ui, tv.page, kit.data
        if task.topics:
            links = []
            for topic_id in task.topics:
                view = data.topics.get(topic_id)
                if view is None:
                    links.append(escape(topic_id))
                    continue
                href = kit.link(here, view.page_of(tv.plan.id))
                links.append(
                    html_format(
                        '<a class="pp-topic" href="{}">{}</a>', href, kit.names.of(view.topic)
                    )
                )
            yield Field(ui.fact_topics, html_join("、", links))
        if task.implements:
            target = data.lineage.target(tv)
            if target is not None:
                value = html_format(
                    '<a class="pp-implements" href="{}">{}</a>',
                    kit.link(here, target.url),
                    target.citation,
                )
            else:
                value = escape(task.implements)
            yield Field(ui.fact_implements, value)
        implementers = data.lineage.implementers(tv)
        if implementers:
            yield Field(
                ui.fact_implemented_by,
                html_join(
                    "；",
                    (
                        html_format(
                            '<a class="pp-implemented-by" href="{}">{}</a>',
                            kit.link(here, t.url),
                            t.citation,
                        )
                        for t in implementers
                    ),
                ),
            )

    # --- search ------------------------------------------------------------------------

    def _keywords(self, tv: TaskView) -> Markup:
        """Task title (pinyin of each word, sub-words) and its units' canonical names
        (sub-words); in the English tree also the units' English names and the English names
        of the task's topics. The units' pinyin is on their own pages, which a pinyin query
        finds (`docs/search.md`); repeated on every task it cost index memory at scale.
        """
        kit, view = self.kit, self.view
        refs = [view.refs[n] for n in tv.task.responsibility.all_refs() if n in view.refs]
        keys = title_keywords(tv.task.title or "")
        keys += [w for ref in refs for w in name_sub_words(ref.name)]
        english: list[str] = []
        if kit.names.english:
            english = [kit.unit_name(r) for r in refs]
            topics = (kit.data.topic_records.get(t) for t in tv.task.topics)
            english += [t.name_en for t in topics if t is not None and t.name_en]
        return Markup(keyword_html((), keys=keys, english=english, lang=kit.keyword_lang))


def _copy(anchor: str, what: str, citation: str, task: str = "") -> CopyControls:
    """`task`: the citation of the item's task (the item's citation extends it)."""
    if not task:
        return CopyControls(anchor, citation, what)
    if citation.startswith(task):
        return CopyControls(anchor, citation, what, tail=citation[len(task) :])
    return CopyControls(anchor, citation, what, full=citation)


def _printed(task: Any) -> str:
    """All the text the task prints: title, text, items, closing."""
    parts = [task.title or "", task.text or "", task.closing or ""]
    return "\n".join(parts + [item.text for item in task.items])


def _quoted(printed: str, facts: Iterable[Any]) -> bool:
    """Whether every fact's phrase is in the task's `printed` text (then its row need not
    be indexed: Pagefind would index the phrase twice)."""
    return all(fact.phrase in printed for fact in facts)
