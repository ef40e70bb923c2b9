"""The helpers every check shares: `did_you_mean` / `offering` (hints for mistyped values),
`repeats` (repeated ids) and `Locator` (a problem at a YAML path of a file, loaded or not)."""

from __future__ import annotations

from pathlib import Path

from generator.errors import did_you_mean, offering, repeats
from generator.load import Locator, load_yaml


def test_did_you_mean_offers_the_closest_known_values_best_first() -> None:
    assert did_you_mean("testlnd", ["testland", "other"]) == "did you mean `testland`?"
    assert did_you_mean("abcd", ["abxx", "zzzz", "abcx"]) == "did you mean `abcx` or `abxx`?"
    assert did_you_mean("zzz", ["testland"]) is None
    assert did_you_mean("abcd", ["abxx", "abcx"], limit=1) == "did you mean `abcx`?"


def test_cutoff_keeps_noise_out() -> None:
    assert did_you_mean("zhujianju", ["yingjiguanliju"]) is not None
    assert did_you_mean("zhujianju", ["yingjiguanliju"], cutoff=0.6) is None


def test_offering_phrases_options_chosen_elsewhere() -> None:
    assert offering(["市应急管理局"], quoted=False) == "did you mean 市应急管理局?"
    assert offering(["a.b", "c"]) == "did you mean `a.b` or `c`?"
    assert offering([]) is None


def test_repeats_pairs_each_repeat_with_the_first() -> None:
    entries = [("a", 0), ("b", 1), ("a", 2), ("a", 3), ("c", 4), ("b", 5)]
    assert list(repeats(entries)) == [("a", 0, 2), ("a", 0, 3), ("b", 1, 5)]
    assert list(repeats([("a", 0), ("b", 1)])) == []


def test_locator_places_problems_in_loaded_files_and_line_one_otherwise(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.yaml").write_text("# comment\nid: p\ntasks:\n  - id: '01'\n")
    loaded, _ = load_yaml(tmp_path / "plans" / "p.yaml", "plans/p.yaml")
    assert loaded is not None
    for at in (Locator([loaded]), Locator(root=tmp_path)):
        problem = at.problem("plans/p.yaml", ("tasks", 0, "id"), "x", "m", "h")
        assert (problem.file, problem.line, problem.col) == ("plans/p.yaml", 4, 9)
        missing = at.problem("plans/q.yaml", ("id",), "x", "m", severity="warning")
        assert (missing.file, missing.line, missing.col, missing.severity) == (
            "plans/q.yaml",
            1,
            1,
            "warning",
        )
    assert Locator(root=tmp_path).loaded("plans/q.yaml") is None
