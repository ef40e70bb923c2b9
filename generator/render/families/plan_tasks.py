"""The block of one task on a plan page: its text and items, who is responsible, the
duty carried forward to it, its facts (deadlines, recurrence, targets, topics, lineage)
and its hidden search keywords. Used by the plan family only."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ...model import Deadline, Recurrence, Target, Task
from ...search_keywords import PageKeys, keyword_list, name_sub_words, title_keywords
from ...titles import task_title
from ...views.site import ROLES, PlanView, TaskView
from .. import text as tx
from ..contexts.common import Keywords, Label, Link
from ..contexts.plan import (
    CarriedDuty,
    CopyControls,
    ItemBlock,
    Responsibility,
    RoleNames,
    TaskBlock,
    TaskFacts,
)
from ..kit import PageKit
from .plan_progress import item_state, task_progress


def phrases(deadlines: Iterable[Deadline]) -> tuple[str, ...]:
    """The phrases of `deadlines` as printed (marked in the text that holds them)."""
    return tuple(d.phrase for d in deadlines)


class TaskBlocks:
    """Task blocks of one plan page (`here`); `links`: unit name → link from the page;
    `keys`: the search keys the page has shown so far (blocks are made in page order)."""

    def __init__(
        self,
        kit: PageKit,
        view: PlanView,
        here: str,
        links: Mapping[str, str],
        keys: PageKeys,
    ) -> None:
        self.kit, self.view, self.here, self.links, self.keys = kit, view, here, links, keys

    def block(self, tv: TaskView, level: int) -> TaskBlock:
        task = tv.task
        marks = phrases(task.deadlines)
        kit = self.kit
        cited = kit.citation(tv)
        items = tuple(
            ItemBlock(
                anchor=iv.anchor,
                no=iv.item.no,
                text=tx.rich(iv.item.text, marks=marks),
                copy=_copy(
                    iv.anchor,
                    self._clause_name(tv, n),
                    kit.citation(tv, iv.item),
                    task=cited,
                ),
                progress=item_state(self.kit, tv, iv),
            )
            for n, iv in enumerate(tv.items, 1)
        )
        title = task_title(task, kit.lang)
        translated = title.translated and kit.names.english
        return TaskBlock(
            anchor=tv.anchor,
            level=level,
            no=f"{task.no}." if task.no.isdigit() else task.no,
            title=Label(title.text, kit.ui.html_lang if translated else ""),
            derived=title.derived,
            original_title=(task.title or "") if translated else "",
            paragraphs=tx.paragraphs(task.text, marks=marks),
            items=items,
            closing=tx.paragraphs(task.closing, marks=marks),
            responsibility=self._responsibility(tv),
            carried=self._carried(tv),
            facts=self._facts(tv),
            notes=tuple(kit.note(n) for n in task.notes),
            copy=_copy(tv.anchor, self._clause_name(tv), cited),
            keywords=self._keywords(tv),
            progress=task_progress(self.kit, self.here, tv),
        )

    def _clause_name(self, tv: TaskView, item: int | None = None) -> str:
        """A copy button names its clause as printed (第3条第2项); in English by position."""
        if not self.kit.names.english:
            return tv.number + (tv.items[item - 1].number if item else "")
        ui = self.kit.ui
        task = ui.format("clause_task", n=self.view.position(tv.task.id))
        return ui.format("clause_item", task=task, n=item) if item else task

    # --- who ---------------------------------------------------------------------------

    def _responsibility(self, tv: TaskView) -> Responsibility | None:
        resp, ui, names = tv.task.responsibility, self.kit.ui, self.kit.names
        links = {n: self.links[n] for n in resp.all_refs() if n in self.links}
        parsed = any(getattr(resp, role) for role in ROLES)
        if resp.text and not (names.english and parsed):  # English pages: the roles
            text = tx.rich(resp.text, links)
            return Responsibility(text, names.text_lang(str(text)), (), False)
        roles = tuple(
            RoleNames(ui[f"resp_{role}"], tuple(self._unit(n, links) for n in listed))
            for role in ROLES
            if (listed := getattr(resp, role))
        )
        return Responsibility(None, "", roles, resp.and_others) if roles else None

    def _unit(self, name: str, links: Mapping[str, str]) -> Link:
        """A unit named in a responsibility line: linked, in this tree's language."""
        kit = self.kit
        if not kit.names.english:
            return Link(tx.clean(name), links.get(name, ""))
        ref = self.view.refs.get(name)
        return kit.names.link(kit.unit_name(ref) if ref is not None else name, links.get(name, ""))

    def _carried(self, tv: TaskView) -> CarriedDuty | None:
        view, kit, here = self.view, self.kit, self.here
        origin = view.carried.get(tv.task.id)
        if origin is None:
            return None
        source, names = origin
        links = {n: kit.link(here, view.refs[n].url) for n in names if n in view.refs}
        return CarriedDuty(
            kit.ui.pieces("carried_note"),
            kit.names.link(kit.task_number(source), kit.in_page(here, source.url)),
            tuple(self._unit(n, links) for n in names),
        )

    # --- facts -------------------------------------------------------------------------

    def _facts(self, tv: TaskView) -> TaskFacts | None:
        """Deadlines, recurrence, targets; topics as links; the parent task this task
        implements; tasks implementing it."""
        task, names, kit = tv.task, self.kit.names, self.kit
        data, here = kit.data, tv.page
        printed = _printed(task) if task.deadlines or task.recurrence or task.targets else ""
        topics = tuple(
            Link(kit.names.of(view.topic), kit.link(here, view.page_of(tv.plan.id)))
            if (view := data.topics.get(topic_id)) is not None
            else Link(topic_id, "")
            for topic_id in task.topics
        )
        implements = None
        if task.implements:
            target = data.lineage.target(tv)
            implements = (
                names.link(kit.citation(target), kit.link(here, target.url))
                if target is not None
                else Link(task.implements, "")
            )
        implemented_by = tuple(
            names.link(kit.citation(t), kit.link(here, t.url))
            for t in data.lineage.implementers(tv)
        )
        facts = TaskFacts(
            deadlines=tuple(kit.deadline(d) for d in task.deadlines),
            deadlines_indexed=not _quoted(printed, task.deadlines),
            recurrence=tuple(dict.fromkeys(kit.recurrence(r, tv.plan) for r in task.recurrence)),
            recurrence_indexed=not _quoted(printed, task.recurrence),
            targets=tuple(names.label(t.phrase) for t in task.targets),
            targets_indexed=not _quoted(printed, task.targets),
            topics=topics,
            implements=implements,
            implemented_by=implemented_by,
        )
        shown = (task.deadlines, task.recurrence, task.targets, topics, implements, implemented_by)
        return facts if any(shown) else None

    # --- search ------------------------------------------------------------------------

    def _keywords(self, tv: TaskView) -> Keywords | None:
        """Task title (pinyin of each word, sub-words) and its units' canonical names
        (sub-words); in the English tree also the units' English names and the English names
        of the task's topics; each key once per page. The units' pinyin is on their own
        pages, which a pinyin query finds (`developer-docs/search.md`); repeated on every
        task it cost index memory at scale.
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
        return kit.keywords(self.keys.new(keyword_list((), keys=keys, english=english)))


def _copy(anchor: str, what: str, citation: str, task: str = "") -> CopyControls:
    """`task`: the citation of the item's task (the item's citation extends it)."""
    if not task:
        return CopyControls(anchor, citation, what)
    if citation.startswith(task):
        return CopyControls(anchor, citation, what, tail=citation[len(task) :])
    return CopyControls(anchor, citation, what, full=citation)


def _printed(task: Task) -> str:
    """All the text the task prints: title, text, items, closing."""
    parts = [task.title or "", task.text or "", task.closing or ""]
    return "\n".join(parts + [item.text for item in task.items])


def _quoted(printed: str, facts: Iterable[Deadline | Recurrence | Target]) -> bool:
    """Whether every fact's phrase is in the task's `printed` text (then its row need not
    be indexed: Pagefind would index the phrase twice)."""
    return all(fact.phrase in printed for fact in facts)
