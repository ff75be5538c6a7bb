"""`extends`: a policy built on a base file or a shipped policy."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest

from govsocial import PolicyError, Severity, check, load_policy
from govsocial.policy import shipped_policies

from .conftest import ROOT


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_mappings_merge_lists_and_scalars_replace(tmp_path: Path) -> None:
    write(
        tmp_path,
        "base.yaml",
        "version: 1\nname: Base\nhashtags: {max: 2, camel_case: true}\n"
        "languages: {required: [ca], order: [ca, es]}\nlinks: {allowed_domains: [a.cat, b.cat]}\n",
    )
    child = write(
        tmp_path,
        "child.yaml",
        "version: 1\nextends: base.yaml\nhashtags: {max: 3}\n"
        "languages: {required: [ca, es]}\nlinks: {allowed_domains: [c.cat]}\n",
    )
    policy = load_policy(child)
    assert policy.name == "Base"  # a scalar the child does not give is inherited
    assert (policy.hashtags.max, policy.hashtags.camel_case) == (3, True)
    assert policy.languages.required == ("ca", "es")
    assert policy.languages.order == ("ca", "es")
    assert policy.links.allowed_domains == ("c.cat",)  # a list replaces, never appends
    assert policy.source == str(child)
    assert policy.files == (str(child.resolve()), str((tmp_path / "base.yaml").resolve()))


def test_severity_overrides_combine(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "version: 1\nseverity: {GS2: warning, GS102: off}\n")
    child = write(tmp_path, "c.yaml", "version: 1\nextends: base.yaml\nseverity: {GS201: error}\n")
    policy = load_policy(child)
    assert policy.severity_for("GS201", Severity.INFO) is Severity.ERROR
    assert policy.severity_for("GS210", Severity.ERROR) is Severity.WARNING
    assert policy.severity_for("GS102", Severity.ERROR) is None


def test_a_chain_of_bases_and_a_shipped_base(tmp_path: Path) -> None:
    write(
        tmp_path, "org/region.yaml", "version: 1\nextends: generalitat-ca-es\nmentions: {max: 2}\n"
    )
    child = write(tmp_path, "towns/a.yaml", "version: 1\nextends: ../org/region.yaml\n")
    policy = load_policy(child)
    assert policy.mentions_max == 2
    assert policy.languages.required == ("ca",)
    assert policy.hashtags.position == "end"
    assert len(policy.files) == 2  # the shipped base is not a user's file


def test_shipped_policies_load_alone() -> None:
    assert "generalitat-ca-es" in shipped_policies()
    for name in shipped_policies():
        policy = load_policy({"version": 1, "extends": name})
        assert policy.name


def test_missing_base_names_the_chain_and_the_line(tmp_path: Path) -> None:
    write(tmp_path, "mid.yaml", "version: 1\n\nextends: nowhere.yaml\n")
    child = write(tmp_path, "c.yaml", "version: 1\nextends: mid.yaml\n")
    with pytest.raises(PolicyError) as info:
        load_policy(child)
    err = info.value
    assert err.source == str(tmp_path / "mid.yaml")
    assert (err.line, err.where) == (3, "/extends")
    assert "nowhere.yaml" in err.message
    assert (
        f"chain: {child} -> {tmp_path / 'mid.yaml'} -> {tmp_path / 'nowhere.yaml'}" in err.message
    )


def test_unknown_shipped_name_lists_the_shipped_ones() -> None:
    with pytest.raises(PolicyError, match="generalitat-ca-es") as info:
        load_policy({"version": 1, "extends": "generalitat"})
    assert info.value.where == "/extends"


def test_a_cycle_is_an_error_naming_the_chain(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "version: 1\nextends: b.yaml\n")
    write(tmp_path, "b.yaml", "version: 1\nextends: ./a.yaml\n")
    with pytest.raises(PolicyError) as info:
        load_policy(a)
    err = info.value
    assert err.source == str(tmp_path / "b.yaml")
    assert err.line == 2
    assert f"extends cycle: {a} -> {tmp_path / 'b.yaml'} -> {tmp_path / 'a.yaml'}" in err.message


def test_a_policy_extending_itself(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "version: 1\nextends: a.yaml\n")
    with pytest.raises(PolicyError, match="cycle"):
        load_policy(a)


def test_an_error_points_to_the_file_and_line_that_wrote_the_value(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "version: 1\nhashtags:\n  max: 2\n  position: middle\n")
    child = write(tmp_path, "c.yaml", "version: 1\nextends: base.yaml\nhashtags: {max: 3}\n")
    with pytest.raises(PolicyError) as info:
        load_policy(child)
    assert (info.value.source, info.value.line) == (str(tmp_path / "base.yaml"), 4)
    assert info.value.where == "/hashtags/position"
    # a cross-field problem of the merged policy: the allowed list is the child's, line 3
    write(tmp_path, "b2.yaml", "version: 1\nlanguages:\n  required: [ca, es]\n")
    child2 = write(
        tmp_path, "c2.yaml", "version: 1\nextends: b2.yaml\n\nlanguages: {allowed: [ca]}\n"
    )
    with pytest.raises(PolicyError, match=r"'es' is not in languages\.allowed") as info:
        load_policy(child2)
    assert (info.value.source, info.value.line) == (str(tmp_path / "b2.yaml"), 3)


def test_a_base_may_leave_a_required_key_to_the_policy(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "version: 1\ncrisis: {window: 1h}\n")
    child = write(
        tmp_path,
        "c.yaml",
        "version: 1\nextends: base.yaml\n"
        "crisis:\n  levels: [{level: 1, when: {signal: spike, min: 1}}]\n",
    )
    assert load_policy(child).crisis is not None
    with pytest.raises(PolicyError, match="levels") as info:
        load_policy(tmp_path / "base.yaml")
    assert info.value.where == "/crisis"


def test_every_file_says_its_version(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "hashtags: {max: 2}\n")
    child = write(tmp_path, "c.yaml", "version: 1\nextends: base.yaml\n")
    with pytest.raises(PolicyError, match="version") as info:
        load_policy(child)
    assert info.value.source == str(tmp_path / "base.yaml")


def test_a_bad_extends_value(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="3 is not a base policy"):
        load_policy({"version": 1, "extends": 3})
    with pytest.raises(PolicyError, match="base_dir"):
        load_policy({"version": 1}, base_dir=3)  # type: ignore[arg-type]


def test_a_mapping_resolves_against_base_dir_or_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "base.yaml", "version: 1\nmentions: {max: 4}\n")
    assert load_policy({"version": 1, "extends": "base.yaml"}, base_dir=tmp_path).mentions_max == 4
    monkeypatch.chdir(tmp_path)
    assert load_policy({"version": 1, "extends": "base.yaml"}).mentions_max == 4


POST = {"networks": ["x"], "text": {"ca": "Bon dia a tothom, avui obrim la biblioteca nova"}}


def _bump(path: Path, text: str) -> None:
    st = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def test_check_sees_a_changed_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = write(tmp_path, "base.yaml", "version: 1\nlanguages: {required: [ca]}\n")
    child = write(tmp_path, "c.yaml", "version: 1\nextends: base.yaml\n")
    assert "GS102" not in {f.code for f in check(POST, child).findings}
    _bump(base, "version: 1\nlanguages: {required: [ca, es]}\n")
    assert "GS102" in {f.code for f in check(POST, child).findings}
    # a mapping that extends a file: the same holds
    monkeypatch.chdir(tmp_path)
    mapping = {"version": 1, "extends": "base.yaml"}
    assert "GS102" in {f.code for f in check(POST, mapping).findings}
    _bump(base, "version: 1\nlanguages: {required: [ca]}\n")
    assert "GS102" not in {f.code for f in check(POST, mapping).findings}


def test_the_docs_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/policy.md's `extends` example, files and session, as written there."""
    doc = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Extending a base policy") :]
    files = re.findall(r'```yaml title="([^"]+)"\n(.*?)```', section, re.S)
    assert [name for name, _ in files] == ["comarca.yaml", "ajuntament.yaml"]
    for name, text in files:
        write(tmp_path, name, text)
    sessions = re.findall(r"```pycon\n(.*?)```", section, re.S)
    assert sessions
    monkeypatch.chdir(tmp_path)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for text in sessions:
        test = doctest.DocTestParser().get_doctest(text, {}, "policy.md", "policy.md", 0)
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    cycle = re.search(r"^comarca.yaml:2 at /extends: extends cycle: .*$", section, re.M)
    assert cycle is not None
    write(tmp_path, "comarca.yaml", "version: 1\nextends: ajuntament.yaml\n")
    with pytest.raises(PolicyError) as info:
        load_policy("ajuntament.yaml")
    assert str(info.value) == cycle.group(0)
