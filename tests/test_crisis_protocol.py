"""The spike detector's evaluation protocol (benchmarks/nab_protocol.py) on a small slice.

The full protocol runs in benchmarks/crisis_protocol.py on data outside this repository;
this runs the same folds on a vendored slice of NAB (tests/data/nab, MIT) so that the
protocol cannot rot.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import nab_protocol as nab  # noqa: E402

DATA = ROOT / "tests" / "data" / "nab"


@pytest.fixture(scope="module")
def corpus() -> list[nab.Series]:
    return nab.load(DATA, DATA / "windows.json")


def test_scoring_follows_nab(corpus):
    s = corpus[0]
    n = len(s.points)
    never = nab.score_file(s, [False] * n)
    assert nab.normalised([never]) == 0.0  # the null detector
    perfect = [False] * n
    for lo, _ in s.windows:
        perfect[lo] = True  # the earliest row of every window
    assert nab.normalised([nab.score_file(s, perfect)]) == pytest.approx(100.0)
    # a detection outside the windows costs the profile's fp weight, before the first one
    early = list(perfect)
    early[int(0.15 * n) + 1] = True
    assert nab.score_file(s, early).raw == pytest.approx(len(s.windows) - 0.11)
    # a detection on a window's last row earns almost nothing (the other windows missed)
    late = [False] * n
    late[s.windows[0][1]] = True
    assert 0 < nab.score_file(s, late).raw + (len(s.windows) - 1) < 0.05


def test_leave_one_out_chooses_on_the_others_and_scores_the_held_out_series(corpus):
    grid = [{"threshold": 20.0}, {"threshold": 400.0, "novelty": None}]
    folds = nab.leave_one_out(corpus, grid, scales=(1.0, 0.2))
    assert [f.held_out for f in folds] == [s.name for s in corpus]
    for f, s in zip(folds, corpus, strict=True):
        assert f.params == grid[0]  # a detector that never alerts never wins
        assert f.test == nab.score_file(s, nab.alerts(s, grid[0]))
    cv = nab.normalised(f.test for f in folds)
    assert cv > 60.0, cv  # the defaults find these bursts on series they were not chosen on
    assert sum(f.test.hits for f in folds) == sum(f.test.windows for f in folds)


def test_thinning_keeps_shape_and_lowers_volume(corpus):
    s = corpus[0]
    t = nab.thin(s, 0.2)
    assert [p.timestamp for p in t.points] == [p.timestamp for p in s.points]
    assert t.windows == s.windows
    total, kept = sum(p.count for p in s.points), sum(p.count for p in t.points)
    assert 0.18 * total < kept < 0.22 * total
    assert nab.thin(s, 0.2) == t  # deterministic


def test_joint_folds_choose_without_the_held_out_group_and_score_it(corpus):
    # two sets from the slice: one series per group in the first, one group in the second
    first = nab.Labelled(corpus[:-1], [s.name for s in corpus[:-1]], (1.0, 0.2))
    second = nab.Labelled(corpus[-1:], ["g"])
    grid = [{"threshold": 400.0, "novelty": None}, {"threshold": 20.0}]
    (f1, f2), chosen, joint = nab.joint_folds([first, second], grid)
    assert [f.held_out for f in f1] == [s.name for s in corpus[:-1]] and len(f2) == 1
    for f, s in zip(f1, corpus[:-1], strict=True):
        assert f.params == grid[1]  # a detector that never alerts never wins
        assert f.tests == (nab.score_file(s, nab.alerts(s, grid[1])),)
    # with the second set's only group held out, its part of the objective is empty (0):
    # the choice rests on the first set alone
    (fold,) = f2
    rest = [v for s in corpus[:-1] for v in (s, nab.thin(s, 0.2))]
    expected = nab.normalised(nab.score_file(v, nab.alerts(v, grid[1])) for v in rest) / 2
    assert fold.train == pytest.approx(expected)
    assert chosen == 1 and joint > fold.train
