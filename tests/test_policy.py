"""Policies validate once, up front, and errors name the place and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

import govsocial
from govsocial import PolicyError

from .conftest import EXAMPLES


@pytest.mark.parametrize(
    "path", sorted((EXAMPLES / "policies").glob("*.yaml")), ids=lambda p: p.name
)
def test_example_policies_load(path: Path) -> None:
    policy = govsocial.load_policy(path)
    assert policy.name


def _write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_unknown_key_is_an_error_with_line_and_path(tmp_path: Path) -> None:
    p = _write(tmp_path, "version: 1\nhashtags:\n  max: 2\n  camelcase: true\n")
    with pytest.raises(PolicyError) as info:
        govsocial.load_policy(p)
    msg = str(info.value)
    assert "p.yaml:4" in msg
    assert "/hashtags/camelcase" in msg and "camel_case" in msg


def test_wrong_type_names_pointer_and_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "version: 1\nlinks:\n  max: two\n")
    with pytest.raises(PolicyError) as info:
        govsocial.load_policy(p)
    assert info.value.where == "/links/max"
    assert info.value.line == 3
    assert "integer" in str(info.value)


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    p = _write(tmp_path, "version: 1\nemoji:\n  max: 2\nemoji:\n  max: 9\n")
    with pytest.raises(PolicyError, match="duplicate key 'emoji'") as info:
        govsocial.load_policy(p)
    assert info.value.line == 4


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "version: 1\nhashtags: [a, b\nmentions: {}\n")
    with pytest.raises(PolicyError, match="invalid YAML") as info:
        govsocial.load_policy(p)
    assert info.value.line is not None


def test_missing_version_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="version"):
        govsocial.load_policy({"hashtags": {"max": 1}})
    with pytest.raises(PolicyError, match="empty"):
        govsocial.load_policy(_write(tmp_path, "# nothing\n"))


def test_unreadable_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        govsocial.load_policy(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"version: 1\nname: \xff\xfe\n")
    with pytest.raises(PolicyError, match="UTF-8"):
        govsocial.load_policy(bad)


def test_json_policy_and_mapping_give_equal_policies(tmp_path: Path) -> None:
    data = {"version": 1, "hashtags": {"max": 2}, "languages": {"required": ["ca", "es"]}}
    p = tmp_path / "p.json"
    p.write_text('{"version": 1, "hashtags": {"max": 2}, "languages": {"required": ["ca", "es"]}}')
    assert govsocial.load_policy(p).hashtags == govsocial.load_policy(data).hashtags


def test_network_override_changes_counting_limit() -> None:
    policy = govsocial.load_policy({"version": 1, "networks": {"mastodon": {"limit": 1000}}})
    assert policy.network("mastodon").limit == 1000
    assert policy.network("mastodon").facts["limit"].source == "policy"
    text = "a" * 700
    post = {"networks": ["mastodon"], "text": {"ca": text}}
    assert [f.code for f in govsocial.check(post).findings] == ["GS201"]
    assert govsocial.check(post, policy).findings == ()


def test_unknown_override_field_and_network_are_errors() -> None:
    with pytest.raises(PolicyError, match="/networks/mastodon"):
        govsocial.load_policy({"version": 1, "networks": {"mastodon": {"limt": 1000}}})
    with pytest.raises(PolicyError, match="/networks"):
        govsocial.load_policy({"version": 1, "networks": {"myspace": {"limit": 10}}})


def test_severity_overrides_by_prefix_and_off() -> None:
    policy = govsocial.load_policy({"version": 1, "severity": {"GS2": "info", "GS201": "off"}})
    assert policy.severity_for("GS201", govsocial.Severity.ERROR) is None
    assert policy.severity_for("GS215", govsocial.Severity.ERROR) is govsocial.Severity.INFO
    assert policy.severity_for("GS101", govsocial.Severity.ERROR) is govsocial.Severity.ERROR


def test_yaml_off_is_accepted_as_off(tmp_path: Path) -> None:
    p = _write(tmp_path, "version: 1\nseverity:\n  GS205: off\n")
    assert govsocial.load_policy(p).severity_for("GS205", govsocial.Severity.INFO) is None


def test_required_language_must_be_allowed() -> None:
    with pytest.raises(PolicyError, match="/languages/required/1"):
        govsocial.load_policy(
            {"version": 1, "languages": {"required": ["ca", "es"], "allowed": ["ca"]}}
        )


def test_policy_is_picklable() -> None:
    import pickle

    policy = govsocial.load_policy(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")
    again = pickle.loads(pickle.dumps(policy))
    assert again.hashtags == policy.hashtags and again.network("x") == policy.network("x")


@pytest.mark.parametrize(
    ("find", "where", "message"),
    [
        ("  ", "/terms/banned/0/find", "'  ' is blank; expected some text"),
        (["ok", ""], "/terms/banned/0/find/1", "'' is blank; expected some text"),
        (42, "/terms/banned/0/find", "42 is not a string or a list"),
        ([], "/terms/banned/0/find", "[] should be non-empty"),
    ],
)
def test_term_errors_say_what_the_closest_alternative_expected(
    find: object, where: str, message: str
) -> None:
    """A blank term would match the empty string everywhere; a value that fits neither
    form of `find` is told what the form it resembles wanted, not "not valid under any"."""
    with pytest.raises(PolicyError) as e:
        govsocial.load_policy({"version": 1, "terms": {"banned": [{"lang": "es", "find": find}]}})
    assert e.value.where == where
    assert message in str(e.value)


@pytest.mark.parametrize(
    "path", sorted((EXAMPLES / "policies").glob("*.yaml")), ids=lambda p: p.name
)
def test_libyaml_and_pure_python_parsers_read_the_same_policy(path: Path) -> None:
    import yaml

    from govsocial.policy import _load_yaml

    data, lines = _load_yaml(path.read_text("utf-8"), str(path))
    assert data == yaml.load(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    assert lines["/version"] >= 1


_POST = {"networks": ["x"], "text": {"es": "Hola #uno #dos #tres, buenos días a todo el mundo."}}


def test_check_reuses_a_policy_file_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib
    import os

    check_module = importlib.import_module("govsocial.check")  # the attribute is the function

    p = _write(tmp_path, "version: 1\nhashtags:\n  max: 5\n")
    loads = []
    real = check_module.load_policy
    monkeypatch.setattr(check_module, "load_policy", lambda s: loads.append(s) or real(s))
    assert not govsocial.check(_POST, p, select=["GS210"]).findings
    assert not govsocial.check(_POST, str(p), select=["GS210"]).findings
    assert len(loads) == 1  # the same file, unchanged: validated once
    p.write_text("version: 1\nhashtags:\n  max: 2\n", encoding="utf-8")
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert [f.code for f in govsocial.check(_POST, p, select=["GS210"]).findings] == ["GS210"]
    assert len(loads) == 2


def test_check_reuses_a_policy_mapping_until_it_changes() -> None:
    policy = {"version": 1, "hashtags": {"max": 5}}
    assert not govsocial.check(_POST, policy, select=["GS210"]).findings
    policy["hashtags"]["max"] = 2  # type: ignore[index]
    assert [f.code for f in govsocial.check(_POST, policy, select=["GS210"]).findings] == ["GS210"]
    policy["hashtags"] = {"max": "two"}
    with pytest.raises(PolicyError, match="/hashtags/max"):
        govsocial.check(_POST, policy)
    with pytest.raises(PolicyError):
        govsocial.check(_POST, "no/such/policy.yaml")


def test_pattern_errors_say_what_was_expected_in_words() -> None:
    with pytest.raises(PolicyError, match="is not a BCP 47 language tag") as info:
        govsocial.load_policy({"version": 1, "languages": {"required": ["ca\n"]}})
    assert "/languages/required/0" in str(info.value)
    with pytest.raises(PolicyError, match="hashtag without spaces"):
        govsocial.load_policy({"version": 1, "hashtags": {"required": [{"tag": "#a b"}]}})
