"""Run the examples of one Markdown file, as a reader would, and report what disagrees.

Usage: python tests/doc_examples.py FILE.md   (prints one line per disagreement; exit 1 if any)

What is run, in the order of the file, from the repository root, in one namespace:

- a ```python block with ``>>>`` prompts: its examples, as doctests (``...`` in a shown
  output matches anything, whitespace is normalised);
- any other ```python block: the code; when the next block is an ```output block, what the
  code prints must be that block;
- a ```console block: each ``$ command`` (``\\`` continues it on the next line), run in a
  scratch directory holding the repository's examples; ``govsocial`` commands run
  in this process, other commands in the shell; the lines up to the next ``$`` are the
  output it must print (none shown: the command must not fail with a usage error, 2).

```sh, ```yaml and unmarked blocks are not run (command summaries, policy fragments).
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def blocks(text: str) -> list[tuple[str, str, int]]:
    """``(info, body, line)`` of every fenced block."""
    return [
        (m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)
    ]


def run_console(body: str, where: str, scratch: Path) -> list[str]:
    from govsocial.cli import main

    problems = []
    commands: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands and commands[-1][0].endswith("\\"):
            commands[-1] = (commands[-1][0][:-1] + " " + line.strip(), [])
        elif commands:
            commands[-1][1].append(line)
    for command, shown in commands:
        argv = shlex.split(command)
        if argv[0] == "govsocial":
            out, err = io.StringIO(), io.StringIO()
            cwd = os.getcwd()
            os.chdir(scratch)
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    try:
                        code = main(argv[1:])
                    except SystemExit as exc:
                        code = int(exc.code or 0)
            finally:
                os.chdir(cwd)
            got = out.getvalue() + err.getvalue()
        else:
            proc = subprocess.run(
                command, shell=True, cwd=scratch, capture_output=True, text=True, check=False
            )
            code, got = proc.returncode, proc.stdout + proc.stderr
        if not shown:
            if code == 2:
                problems.append(f"{where}: `{command}` failed (exit 2): {got.strip()[:300]}")
            continue
        want = "\n".join(shown).rstrip()
        have = "\n".join(line.rstrip() for line in got.splitlines()).rstrip()
        if have != want:
            problems.append(f"{where}: `{command}` printed\n{have}\n--- the docs show\n{want}")
    return problems


def run_file(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    found = blocks(text)
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    problems: list[str] = []
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        (scratch / "examples").symlink_to(ROOT / "examples")
        for i, (info, body, line) in enumerate(found):
            where = f"{name}:{line}"
            if info == "python" and ">>> " in body:
                test = doctest.DocTestParser().get_doctest(body, namespace, where, name, line)
                report = io.StringIO()
                runner = doctest.DocTestRunner(optionflags=flags)
                runner.run(test, out=report.write, clear_globs=False)
                if runner.failures:
                    problems.append(report.getvalue())
            elif info == "python":
                shown = (
                    found[i + 1][1] if i + 1 < len(found) and found[i + 1][0] == "output" else None
                )
                out = io.StringIO()
                try:
                    with contextlib.redirect_stdout(out):
                        exec(compile(body, where, "exec"), namespace)
                except Exception:
                    problems.append(f"{where}: the example raised\n{traceback.format_exc()}")
                    continue
                if shown is not None and out.getvalue().rstrip() != shown.rstrip():
                    problems.append(
                        f"{where}: the example printed\n{out.getvalue()}--- the docs show\n{shown}"
                    )
            elif info == "console":
                problems += run_console(body, where, scratch)
    return problems


def main() -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT / "src"))
    problems = run_file(Path(sys.argv[1]).resolve())
    for p in problems:
        print(p.rstrip() + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
