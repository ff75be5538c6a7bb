"""A post is a value: read-only, hashable, picklable to another process."""

from __future__ import annotations

import pickle

from govsocial import Post


def test_a_hash_cached_before_pickling_is_not_carried_to_another_process() -> None:
    """String hashes differ between processes: a pickled post must hash afresh there."""
    import os
    import subprocess
    import sys

    post = Post.from_dict(
        {
            "networks": ["x"],
            "text": {"ca": "Hola"},
            "media": [{"path": "a.jpg", "alt": {"ca": "x"}}],
        }
    )
    hash(post), hash(post.text), hash(post.media[0])  # fill every cache
    code = (
        "import pickle, sys\n"
        "from govsocial import Post\n"
        "q = pickle.loads(sys.stdin.buffer.read())\n"
        "p = Post.from_dict(q.to_dict())\n"
        "assert (hash(q), hash(q.text), hash(q.media[0])) == "
        "(hash(p), hash(p.text), hash(p.media[0]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=pickle.dumps(post),
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
