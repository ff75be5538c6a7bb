"""Policy discovery (--policy, GOVSOCIAL_POLICY, nearest govsocial.yaml, pyproject.toml)
and `govsocial check` with no file arguments, as ruff finds its config and files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govsocial.cli import main
from govsocial.discover import FileSelection, find_policy, find_post_files
from govsocial.errors import PolicyError

BAD_LINK_POST = {
    "networks": ["x"],
    "text": {"es": "Más información en http://vilanova.cat/obres"},
}
STRICT = "version: 1\nlinks:\n  https_only: true\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GOVSOCIAL_POLICY", raising=False)
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "govsocial.yaml", STRICT + "files:\n  exclude: [drafts/]\n")
    _write(tmp_path / "posts" / "a.json", json.dumps(BAD_LINK_POST))
    _write(tmp_path / "posts" / "b.yaml", "networks: [x]\ntext:\n  es: Bon dia\n")
    _write(tmp_path / "drafts" / "posts" / "c.json", "{not even json")
    _write(tmp_path / "package.json", '{"name": "web"}')
    _write(tmp_path / "campaign" / "nadal.post.yml", "networks: [x]\ntext: {es: Hola}\n")
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_no_arguments_checks_post_files_under_the_folder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """posts/ and *.post.yml are posts; drafts/ is excluded; package.json is not a post."""
    code, out, err = _run(capsys, "check", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert [r["file"] for r in doc["reports"]] == [
        "campaign/nadal.post.yml",
        "posts/a.json",
        "posts/b.yaml",
    ]
    assert {r["policy"] for r in doc["reports"]} == {"govsocial.yaml"}
    assert doc["notes"] == [] and err == ""


def test_nearest_policy_wins_walking_up(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo / "posts" / "lax" / ".govsocial.yaml", "version: 1\n")
    _write(repo / "posts" / "lax" / "d.json", json.dumps(BAD_LINK_POST))
    code, out, _ = _run(capsys, "check", "-f", "json", "posts/lax/d.json", "posts/a.json")
    assert code == 1
    reports = {r["file"]: r for r in json.loads(out)["reports"]}
    assert reports["posts/lax/d.json"]["policy"] == "posts/lax/.govsocial.yaml"
    assert reports["posts/lax/d.json"]["summary"]["error"] == 0
    assert reports["posts/a.json"]["summary"]["error"] == 1


def test_environment_then_explicit_policy(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(repo / "lax.yaml", "version: 1\n")
    monkeypatch.setenv("GOVSOCIAL_POLICY", "lax.yaml")
    assert _run(capsys, "check", "posts/a.json")[0] == 0
    assert _run(capsys, "check", "--policy", "govsocial.yaml", "posts/a.json")[0] == 1
    where = find_policy("posts/a.json")
    assert (where.path, where.how) == (Path("lax.yaml"), "GOVSOCIAL_POLICY")


def test_pyproject_tool_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVSOCIAL_POLICY", raising=False)
    _write(tmp_path / "pyproject.toml", '[tool.govsocial]\npolicy = "config/guia.yaml"\n')
    _write(tmp_path / "config" / "guia.yaml", STRICT)
    post = _write(tmp_path / "posts" / "a.json", json.dumps(BAD_LINK_POST))
    where = find_policy(post)
    assert where.how == "pyproject.toml"
    assert where.path == tmp_path.resolve() / "config" / "guia.yaml"
    # a pyproject.toml without the table is passed over
    _write(tmp_path / "posts" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_policy(post).how == "pyproject.toml"
    _write(tmp_path / "posts" / "pyproject.toml", "[tool.govsocial]\npolicy = 3\n")
    with pytest.raises(PolicyError, match=r"tool\.govsocial\.policy"):
        find_policy(post)


def test_no_policy_found_is_said_on_stderr_and_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOVSOCIAL_POLICY", raising=False)
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "posts" / "a.json", json.dumps(BAD_LINK_POST))
    code, out, err = _run(capsys, "check", "-f", "json")
    assert code == 0
    assert "no policy found" in err and err.count("\n") == 1
    doc = json.loads(out)
    assert any("no policy found" in n for n in doc["notes"])
    assert doc["reports"][0]["policy"] is None


def test_no_post_files_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "check", str(tmp_path))
    assert code == 0
    assert "no post files found" in err


def test_force_exclude_filters_named_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The pre-commit hook passes every staged JSON/YAML file: only posts are checked."""
    code, out, _ = _run(
        capsys,
        "check",
        "--force-exclude",
        "-f",
        "json",
        "package.json",
        "govsocial.yaml",
        "drafts/posts/c.json",
        "posts/b.yaml",
    )
    assert code == 0
    assert [r["file"] for r in json.loads(out)["reports"]] == ["posts/b.yaml"]
    # without it, a named file is always checked (an invalid one is an error)
    assert _run(capsys, "check", "drafts/posts/c.json")[0] == 2


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("drafts/", "drafts/posts/a.json", True),
        ("drafts/", "posts/drafts/a.json", True),
        ("drafts/**", "posts/drafts/a.json", False),
        ("*.old.json", "posts/x/a.old.json", True),
        ("posts/*.json", "posts/x/a.json", False),
        ("**/posts/**/*.json", "posts/a.json", True),
        ("**/posts/**/*.json", "a/posts/b/c.json", True),
    ],
)
def test_patterns(tmp_path: Path, pattern: str, path: str, hit: bool) -> None:
    """Without '/', a pattern matches at any depth; with one, from the policy's folder."""
    sel = FileSelection(root=tmp_path, include=("**",), exclude=(pattern,))
    assert sel.selects(tmp_path / path) is not hit


def test_hidden_and_environment_folders_are_not_walked(tmp_path: Path) -> None:
    for folder in (".git", ".venv", "node_modules", "posts"):
        _write(tmp_path / folder / "posts" / "a.json", "{}")
    found = find_post_files(tmp_path, FileSelection(root=tmp_path))
    assert found == [tmp_path.resolve() / "posts" / "posts" / "a.json"]
