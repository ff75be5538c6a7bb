"""`govsocial audit`: the plan in the policy, the metrics, their merge, the outputs."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govsocial
from govsocial._schemas import validator
from govsocial.audit import (
    AuditState,
    audit,
    audit_chunk,
    audit_files,
    build_report,
    parse_published,
    plan_chunks,
)
from govsocial.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "audit" / "plan.yaml"
YEAR = ROOT / "examples" / "audit" / "year.jsonl.gz"

POLICY: dict[str, Any] = {
    "version": 1,
    "name": "test plan",
    "languages": {"required": ["ca", "es"], "order": ["ca", "es"]},
    "electoral": {
        "periods": [{"from": "2026-03-10", "to": "2026-03-12"}],
        "allowed_kinds": ["service"],
    },
    "accounts": {
        "handle_rules": {"max_length": 12, "suffix": "bcn"},
        "accounts": [
            {
                "id": "main",
                "unit": "Premsa",
                "handles": {"x": "ajbcn", "facebook": "ajuntamentbcn"},
            },
            {"id": "young", "handles": {"x": "joventutbarcelona"}},
            {"id": "ghost", "handles": {"mastodon": "ghostbcn@xarxa.cat"}},
        ],
    },
    "plan": {
        "frequency": {"x": {"per": "day", "min": 1, "max": 3}},
        "hours": "08:00-21:00",
        "languages": {"ca": {"min": 0.9}},
        "first_language": "ca",
        "max_silence": "5d",
        "reposts": {"max": 0.25},
    },
}


def _post(account: str, when: str, *, network: str = "x", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "account": account,
        "network": network,
        "published_at": when,
        "text": {"ca": "Bon dia a tothom", "es": "Buenos días a todos"},
    }
    data.update(extra)
    return data


def _codes(report: govsocial.audit.AuditReport, account: str, network: str = "x") -> list[str]:
    for a in report.data["accounts"]:
        if a["account"] == account and a["network"] == network:
            return [i["code"] for i in a["issues"]]
    raise AssertionError(f"no profile {account} on {network}")


# -- the plan in the policy -----------------------------------------------------------------


def test_plan_and_accounts_are_read_from_the_policy() -> None:
    """The `plan` and `accounts` sections become typed values; an account's plan merges."""
    policy = govsocial.load_policy(PLAN)
    assert policy.plan is not None and policy.accounts is not None
    assert policy.plan.max_silence == dt.timedelta(days=14)
    ajuntament = policy.accounts.find("x", "@VilanovaCami")
    assert ajuntament is not None and ajuntament.id == "ajuntament"
    assert ajuntament.plan is not None
    assert ajuntament.plan.frequency["x"].max == 10 and ajuntament.plan.frequency["x"].min == 1
    assert ajuntament.plan.hours == policy.plan.hours  # merged over the policy's plan


@pytest.mark.parametrize(
    ("section", "where", "expected"),
    [
        ({"plan": {"reposts": {"min": 0.5, "max": 0.2}}}, "/plan/reposts", "more than max"),
        ({"plan": {"hours": "9:00-21:00"}}, "/plan/hours", "HH:MM-HH:MM"),
        ({"plan": {"hours": "10:00-10:00"}}, "/plan/hours", "empty span"),
        ({"plan": {"timezone": "Europe/Vilanova"}}, "/plan/timezone", "IANA time zone"),
        (
            {"plan": {"frequency": {"x": {"per": "month", "min": 1}}}},
            "/plan/frequency/x/per",
            "month",
        ),
        ({"plan": {"max_silence": "fortnight"}}, "/plan/max_silence", "fortnight"),
        (
            {
                "accounts": {
                    "accounts": [
                        {"id": "a", "handles": {"x": "h"}},
                        {"id": "b", "handles": {"x": "@H"[1:]}},
                    ]
                }
            },
            "/accounts/accounts/1",
            "already used by /accounts/accounts/0",
        ),
        (
            {"accounts": {"accounts": [{"id": "a", "handles": {"x": "@h"}}]}},
            "/accounts/accounts/0/handles/x",
            "without the @",
        ),
        (
            {
                "accounts": {
                    "handle_rules": {"pattern": "("},
                    "accounts": [{"id": "a", "handles": {"x": "h"}}],
                }
            },
            "/accounts/handle_rules/pattern",
            "regular expression",
        ),
    ],
)
def test_a_bad_plan_is_a_policy_error_naming_the_place(
    section: dict[str, Any], where: str, expected: str
) -> None:
    """Every error in the plan or registry names the key path and what was expected."""
    with pytest.raises(govsocial.PolicyError) as info:
        govsocial.load_policy({"version": 1, **section})
    assert info.value.where == where
    assert expected in info.value.message


def test_accounts_in_a_file_of_their_own(tmp_path: Path) -> None:
    """`accounts: FILE` is read relative to the policy and checked against its schema."""
    (tmp_path / "accounts.yaml").write_text(
        "accounts:\n  - id: main\n    handles: {x: ajbcn}\n", encoding="utf-8"
    )
    (tmp_path / "policy.yaml").write_text("version: 1\naccounts: accounts.yaml\n", encoding="utf-8")
    policy = govsocial.load_policy(tmp_path / "policy.yaml")
    assert policy.accounts is not None and policy.accounts.accounts[0].id == "main"
    (tmp_path / "accounts.yaml").write_text(
        "accounts:\n  - id: main\n    handle: {x: ajbcn}\n", encoding="utf-8"
    )
    with pytest.raises(govsocial.PolicyError) as info:
        govsocial.load_policy(tmp_path / "policy.yaml")
    assert "accounts.yaml:3" in str(info.value) and "handle" in str(info.value)


# -- reading published posts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "where", "expected"),
    [
        ({"account": "a", "network": "x", "text": {"ca": "x"}}, "/published_at", "published_at"),
        (_post("a", "2026-03-01T10:00:00"), "/published_at", "no UTC offset"),
        (_post("a", "yesterday"), "/published_at", "RFC 3339"),
        (_post("a", "2026-03-01T10:00:00+01:00", network="myspace"), "/network", "not a network"),
        ({**_post("", "2026-03-01T10:00:00+01:00")}, "/account", "account"),
        (_post("a", "2026-03-01T10:00:00+01:00", repost="yes"), "/repost", "true or false"),
        (
            _post("a", "2026-03-01T10:00:00+01:00", engagement={"likes": -1}),
            "/engagement",
            "counts",
        ),
    ],
)
def test_a_published_post_that_cannot_be_read_says_where(
    data: dict[str, Any], where: str, expected: str
) -> None:
    """parse_published names the key and what was expected."""
    with pytest.raises(govsocial.InputError) as info:
        parse_published(data)
    assert info.value.where == where and expected in info.value.message


def test_unreadable_lines_are_reported_with_their_line_not_dropped(tmp_path: Path) -> None:
    """Bad JSON, bad UTF-8 and off-schema lines are counted and listed; the rest is audited."""
    good = json.dumps(_post("main", "2026-03-02T10:00:00+01:00"))
    path = tmp_path / "posts.jsonl"
    path.write_bytes(
        (good + "\n{not json\n" + good + "\n").encode() + b"\xff\xfe\n" + b'{"account": 1}\n'
    )
    report = audit_files([str(path)], POLICY, check=False)
    d = report.data
    assert d["posts"] == 2 and d["invalid_lines"] == 3
    assert [(s["line"], s["message"][:12]) for s in d["invalid"]] == [
        (2, "invalid JSON"),
        (4, "not UTF-8 (b"),
        (5, "at /publishe"),
    ]


# -- what the audit finds -------------------------------------------------------------------


def _days(
    start: dt.date, n: int, account: str = "main", per_day: int = 2, **extra: Any
) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        day = start + dt.timedelta(days=i)
        for k in range(per_day):
            out.append(_post(account, f"{day.isoformat()}T{10 + k:02d}:00:00+01:00", **extra))
    return out


def test_a_profile_within_its_plan_has_no_issue() -> None:
    """Two bilingual Catalan-first posts a day in office hours: status ok."""
    report = audit(_days(dt.date(2026, 2, 1), 28), POLICY, check=False)
    assert _codes(report, "main") == []
    assert report.data["accounts"][0]["status"] == "ok"
    assert report.data["accounts"][0]["language_share"] == {"ca": 1.0, "es": 1.0}


def test_each_promise_of_the_plan_is_measured() -> None:
    """Flooding, silence, language drift, first language, reposts, hours, electoral period."""
    start = dt.date(2026, 3, 1)
    posts = _days(start, 31, per_day=1)
    posts += [_post("main", "2026-03-05T23:30:00+01:00")]  # outside hours
    posts += _days(dt.date(2026, 3, 20), 1, per_day=6)  # a flood day
    posts += [
        _post("main", "2026-03-11T10:00:00+01:00", text={"es": "Sólo en castellano"})
        for _ in range(6)
    ]
    posts += [_post("main", "2026-03-15T10:00:00+01:00", repost=True) for _ in range(20)]
    # "young" posts once, on the first day: silent for the rest of the month
    posts += [_post("young", "2026-03-01T10:00:00+01:00", text={"es": "Hola", "ca": "Hola"})]
    report = audit(posts, POLICY, check=False, period="week")
    main_codes = _codes(report, "main")
    assert {"AU102", "AU104", "AU105", "AU106", "AU107", "AU108"} <= set(main_codes)
    young = _codes(report, "young")
    assert "AU103" in young and "AU101" in young
    young_profile = next(a for a in report.data["accounts"] if a["account"] == "young")
    assert young_profile["status"] == "abandoned"


def test_the_registry_is_checked_against_what_was_published() -> None:
    """Unregistered accounts, registered ones with no posts, and handle-rule breaches."""
    posts = [*_days(dt.date(2026, 2, 1), 3), _post("@stranger", "2026-02-02T10:00:00+01:00")]
    posts += [_post("ajbcn", "2026-02-02T11:00:00+01:00")]  # a handle finds its account
    report = audit(posts, POLICY, check=False)
    issues = {(i["code"], i["account"], i["network"]) for i in report.data["registry_issues"]}
    assert ("AU109", "stranger", "x") in issues
    assert ("AU110", "ghost", "mastodon") in issues
    assert ("AU110", "main", "facebook") in issues
    assert ("AU111", "young", "x") in issues  # joventutbarcelona: too long, no 'bcn' suffix
    assert ("AU111", "main", "facebook") in issues  # ajuntamentbcn: 13 characters
    assert ("AU111", "main", "x") not in issues  # ajbcn follows both rules
    assert not any(a["account"] == "ajbcn" for a in report.data["accounts"])


def test_the_pre_publish_check_runs_over_every_post() -> None:
    """With check on, findings are summarised by rule and account and the worst are kept."""
    posts = _days(dt.date(2026, 2, 1), 2)
    posts += [
        _post("main", "2026-02-01T12:00:00+01:00", text={"ca": "Hola", "es": "Hola"}, id="p1"),
        _post("main", "2026-02-01T12:00:00+01:00", text={"es": "El lunes abre la biblioteca"}),
    ]
    report = audit(posts, POLICY, check=True)
    codes = {r["code"] for r in report.data["findings"]["by_rule"]}
    assert "GS102" in codes  # the Spanish-only post misses Catalan
    assert report.data["findings"]["by_account"]["main"]["GS102"] == 1
    worst = report.data["findings"]["worst"]
    assert worst and worst[0]["severity"] == "error"


# -- mergeability, partitions, processes, Dask -------------------------------------------------

_record = st.builds(
    lambda acc, day, hour, net, langs, repost: _post(
        acc,
        (
            dt.datetime(2026, 1, 1, hour, tzinfo=dt.timezone(dt.timedelta(hours=1)))
            + dt.timedelta(days=day)
        ).isoformat(),
        network=net,
        text={lang: "Bon dia" if lang == "ca" else "Buenos días" for lang in langs},
        repost=repost,
    ),
    st.sampled_from(["main", "young", "ajbcn", "other"]),
    st.integers(0, 60),
    st.integers(0, 23),
    st.sampled_from(["x", "facebook"]),
    st.lists(st.sampled_from(["ca", "es"]), min_size=1, max_size=2, unique=True),
    st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_record, min_size=1, max_size=40), st.data())
def test_any_partition_gives_the_same_audit(
    posts: list[dict[str, Any]], data: st.DataObject
) -> None:
    """The audit of a post set equals the merge of the audits of its parts, in any order."""
    policy = govsocial.load_policy(POLICY)
    whole = audit(posts, policy, check=False).to_dict()
    cuts = sorted(data.draw(st.lists(st.integers(0, len(posts)), max_size=4)))
    parts = [posts[a:b] for a, b in zip([0, *cuts], [*cuts, len(posts)], strict=True)]
    order = data.draw(st.permutations(range(len(parts))))
    states = []
    for i in order:
        state = AuditState()
        for j, p in enumerate(parts[i]):
            from govsocial.audit.chunks import PostCounter

            counter = PostCounter(policy, False, state=state)
            counter.add(parse_published(p))
            del j
        states.append(pickle.loads(pickle.dumps(state)))
    merged = build_report(AuditState.merged(states), policy).to_dict()
    assert merged == whole
    # sent as workers send them (columns renumbered in sorted order) and their rows taken
    # without a copy, the parts give the same, and stay as they were
    taken = AuditState()
    for state in states:
        taken.merge(AuditState.loads(state.dumps()), take=True)
    assert build_report(taken, policy).to_dict() == whole
    assert build_report(AuditState.merged(states), policy).to_dict() == whole


def _year_copy(tmp_path: Path, lines: int | None = None) -> Path:
    with gzip.open(YEAR, "rt", encoding="utf-8") as f:
        text = f.read()
    if lines is not None:
        text = "".join(text.splitlines(keepends=True)[:lines])
    path = tmp_path / "year.jsonl"
    path.write_text(text, encoding="utf-8")
    return path


def test_chunks_and_processes_give_the_single_process_report(tmp_path: Path) -> None:
    """Small chunks (lines numbered across them) and --jobs 2 give identical reports."""
    path = _year_copy(tmp_path, lines=1500)
    # a bad line deep in the file: its line number must survive the split
    with path.open("a", encoding="utf-8") as f:
        f.write("{broken\n")
    one = audit_files([str(path)], PLAN, check=True).to_dict()
    assert len(plan_chunks([str(path)], chunk_bytes=20_000)) > 5
    many = audit_files([str(path)], PLAN, check=True, chunk_bytes=20_000).to_dict()
    jobs = audit_files([str(path)], PLAN, check=True, chunk_bytes=20_000, jobs=2).to_dict()
    assert one == many == jobs
    assert one["invalid"][0]["line"] == 1501


def test_a_compressed_file_is_read_by_the_workers_in_blocks(tmp_path: Path) -> None:
    """With --jobs, a .gz file's lines go to the workers in blocks: the same report, lines
    numbered across blocks (a bad line deep in the file keeps its line)."""
    lines = _year_copy(tmp_path, lines=1200).read_text(encoding="utf-8").splitlines(True)
    lines.insert(1000, "{broken\n")
    path = tmp_path / "year.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("".join(lines))
    one = audit_files([str(path)], PLAN, check=False).to_dict()
    jobs = audit_files([str(path)], PLAN, check=False, jobs=2, chunk_bytes=30_000).to_dict()
    assert one == jobs
    assert one["posts"] == 1200
    assert [s["line"] for s in one["invalid"]] == [1001]


def test_standard_input_is_read_beside_files_with_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --jobs, posts on standard input are counted (a worker's standard input is closed)."""
    year = _year_copy(tmp_path, lines=900).read_text(encoding="utf-8").splitlines(keepends=True)
    piped = "".join(year[:300]).encode("utf-8")
    files = []
    for i, part in enumerate((year[300:600], year[600:])):
        files.append(tmp_path / f"part{i}.jsonl")
        files[-1].write_text("".join(part), encoding="utf-8")
    reports = []
    for jobs in (1, 2):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(piped), encoding="utf-8"))
        paths = ["-", *map(str, files)]
        reports.append(audit_files(paths, PLAN, check=False, jobs=jobs, chunk_bytes=20_000))
    assert reports[0].data["posts"] == reports[1].data["posts"] == 900
    assert reports[0].to_dict() == reports[1].to_dict()


def test_a_dask_cluster_gives_the_single_process_report(tmp_path: Path) -> None:
    """A LocalCluster of two worker processes (everything pickles) gives the same report."""
    distributed = pytest.importorskip("dask.distributed")
    path = _year_copy(tmp_path, lines=800)
    one = audit_files([str(path)], PLAN, check=False).to_dict()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        on_dask = audit_files(
            [str(path)], PLAN, check=False, chunk_bytes=30_000, scheduler=cluster.scheduler_address
        ).to_dict()
    assert on_dask == one


def test_states_and_chunks_pickle(tmp_path: Path) -> None:
    """What workers receive and return round-trips through pickle."""
    path = _year_copy(tmp_path, lines=50)
    policy = govsocial.load_policy(PLAN)
    chunk = plan_chunks([str(path)])[0]
    state = audit_chunk(chunk, pickle.loads(pickle.dumps(policy)), False)
    again = pickle.loads(pickle.dumps(state))
    assert build_report(again, policy).to_dict() == build_report(state, policy).to_dict()
    sent = AuditState.loads(state.dumps())  # as workers send their totals back
    assert build_report(sent, policy).to_dict() == build_report(state, policy).to_dict()
    with pytest.raises(TypeError, match="AuditState"):
        AuditState.loads(pickle.dumps({"posts": 1}))


def test_memory_is_bounded_by_accounts_and_days_not_posts() -> None:
    """Ten times the posts on the same days keep the same number of counters."""
    base = _days(dt.date(2026, 2, 1), 10, per_day=1)
    small, big = AuditState(), AuditState()
    from govsocial.audit.chunks import PostCounter

    policy = govsocial.load_policy(POLICY)
    for state, copies in ((small, 1), (big, 10)):
        counter = PostCounter(policy, False, state=state)
        for _ in range(copies):
            for p in base:
                counter.add(parse_published(p))
    assert big.posts == 10 * small.posts
    assert len(pickle.dumps(big)) < 1.2 * len(pickle.dumps(small))


# -- outputs and the command line -------------------------------------------------------------


def test_the_example_year_finds_what_it_was_made_to_show(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The shipped year: joventut abandoned on X, esports drifting, turisme flooding."""
    code = main(["audit", "--policy", str(PLAN), "--format", "json", "--no-check", str(YEAR)])
    assert code == 1
    d = json.loads(capsys.readouterr().out)
    assert not list(validator("audit").iter_errors(d))
    status = {(a["account"], a["network"]): a for a in d["accounts"]}
    assert status[("joventut", "x")]["status"] == "abandoned"
    assert "AU104" in [i["code"] for i in status[("esports", "x")]["issues"]]
    assert "AU102" in [i["code"] for i in status[("turisme", "instagram")]["issues"]]
    assert ("AU109", "FiresVilanova") in {(i["code"], i["account"]) for i in d["registry_issues"]}


def test_the_cli_exits_2_on_unreadable_lines_and_still_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unreadable lines: the report is written, stderr says how many, exit 2."""
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps(_post("main", "2026-03-02T10:00:00+01:00")) + "\n[]\n", "utf-8")
    policy = tmp_path / "p.json"
    policy.write_text(json.dumps(POLICY), "utf-8")
    code = main(["audit", "--policy", str(policy), "--no-check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "1 unreadable line" in err and "posts.jsonl:2" in out


@pytest.mark.parametrize("kind", ["folder", "missing"])
def test_the_cli_names_a_folder_or_missing_input_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A folder or a path that is not there: one line naming it and what was expected."""
    target = tmp_path if kind == "folder" else tmp_path / "absent.jsonl"
    code = main(["audit", "--policy", str(PLAN), "--no-check", str(target)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert str(target) in err and "expected a JSON Lines file" in err
    assert ("a folder" in err) == (kind == "folder")
    assert "Traceback" not in err


def test_html_report_is_self_contained(tmp_path: Path) -> None:
    """One file: inline SVG charts, no script, no external resource, links only to posts."""
    pytest.importorskip("matplotlib")
    from govsocial.audit.html import render_html

    path = _year_copy(tmp_path, lines=600)
    page = render_html(audit_files([str(path)], PLAN, check=True))
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") >= 4
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert " src=" not in page and "url(h" not in page and "@import" not in page
    assert page == render_html(audit_files([str(path)], PLAN, check=True))  # deterministic


def test_html_report_in_a_real_browser(tmp_path: Path) -> None:
    """Headless Chromium: no console error, no request but the page, charts drawn, a screenshot."""
    import os
    import shutil

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        message = "Debian's chromium and chromium-driver are needed (scripts/test.sh installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.common.by import By

    from govsocial.audit.html import render_html

    page = tmp_path / "audit.html"
    page.write_text(
        render_html(audit_files([str(_year_copy(tmp_path, lines=600))], PLAN, check=True)),
        encoding="utf-8",
    )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1300,1800",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = webdriver.ChromeService(executable_path=driver)
    with webdriver.Chrome(options=options, service=service) as browser:
        browser.get_log("performance")  # drop the browser's own start-up (its new-tab page)
        browser.get(page.as_uri())
        assert browser.title.startswith("Audit:")
        console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        events = [json.loads(e["message"])["message"] for e in browser.get_log("performance")]
        requested = [
            ev["params"]["request"]["url"]
            for ev in events
            if ev["method"] == "Network.requestWillBeSent"
        ]
        charts = browser.find_elements(By.CSS_SELECTOR, "figure svg")
        drawn = [
            c
            for c in charts
            if c.size["width"] > 100
            and c.size["height"] > 50
            and c.find_elements(By.CSS_SELECTOR, "path")
        ]
        screenshot = browser.get_screenshot_as_png()
    assert console == []
    # data: URLs are not requests, chrome:// ones are the browser's own pages
    outside = [u for u in requested if not u.startswith(("data:", "chrome://", "file://"))]
    assert outside == [] and [u for u in requested if u.startswith("file://")] == [page.as_uri()]
    assert len(charts) >= 4 and len(drawn) == len(charts)
    assert screenshot.startswith(b"\x89PNG") and len(screenshot) > 20_000
    (tmp_path / "audit.png").write_bytes(screenshot)


def test_scheduled_posts_and_messages() -> None:
    """A post not yet out is audited at its scheduled time; messages add the response rate."""
    scheduled = _post("main", "ignored")
    del scheduled["published_at"]
    scheduled["scheduled_at"] = "2026-03-11T10:00:00+01:00"  # inside the electoral period
    messages = [
        {
            "conversation": "c1",
            "direction": "in",
            "at": "2026-03-11T10:00:00+01:00",
            "account": "main",
        },
        {
            "conversation": "c1",
            "direction": "out",
            "at": "2026-03-11T10:30:00+01:00",
            "account": "main",
        },
    ]
    report = audit([scheduled], POLICY, check=False, messages=messages)
    assert "AU108" in _codes(report, "main")
    assert report.data["responsiveness"]["response_rate"] == 1.0
    assert "requests" not in report.data["responsiveness"]
