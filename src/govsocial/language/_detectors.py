"""Statistical language detectors behind one small protocol.

A detector turns a cleaned text into log-likelihood scores for candidate languages. The
decision (function-word evidence, thresholds, word counts) is made above it, in
:mod:`govsocial.language`, so an embedding application can plug its own model by
implementing :class:`Detector` and passing the instance wherever a detector is accepted.

Models load lazily, once per process, under a lock; nothing is ever downloaded. py3langid's
model is decompressed once per user and memory-mapped after (:mod:`govsocial.cache`).

Long on purpose: the protocol, the two built-in backends and the registry share the
lock and the instance caches that make every detector load once per process.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from govsocial.errors import DetectorError


@runtime_checkable
class Detector(Protocol):
    """What govsocial needs from a language detector.

    ``scores`` returns, for each candidate the detector knows, a log-likelihood of the
    text under that language (any additive scale; only differences matter), or ``None``
    when the text holds nothing it can score. Candidates it has no model for are left out
    of the mapping. It must be deterministic and safe to call from several threads.

    A detector may also define ``scores_many(texts, candidates)``, returning one such
    result per text; the check then scores all the texts of a post in one call.
    """

    name: str

    def supports(self, lang: str) -> bool: ...

    def scores(self, text: str, candidates: Sequence[str] | None) -> Mapping[str, float] | None: ...


class Py3LangidDetector:
    """py3langid 0.4's naive-Bayes model (139 languages incl. ca, eu, gl, oc), offline.

    The model is read once; restricting to candidates slices its table per candidate set
    (a few MB, cached), which gives exactly the decisions of ``set_languages`` without one
    model copy per slot.
    """

    name = "py3langid"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Any = None
        self._index: dict[str, int] = {}
        self._tables: dict[tuple[str, ...], tuple[Any, Any, tuple[str, ...]]] = {}
        self._arrays: tuple[Any, Any, Any, Any] | None = None

    def _load(self) -> Any:
        model = self._model
        if model is not None:
            return model
        with self._lock:
            if self._model is None:
                model = _Py3LangidModel(_py3langid_arrays())
                index: dict[str, int] = {}
                for i, lang in enumerate(model.nb_classes):
                    index.setdefault(lang, i)
                self._index = index
                self._model = model
            return self._model

    def supports(self, lang: str) -> bool:
        self._load()
        return lang in self._index

    def languages(self) -> tuple[str, ...]:
        self._load()
        return tuple(sorted(self._index))

    def _table(self, candidates: Sequence[str] | None) -> tuple[Any, Any, tuple[str, ...]]:
        key = tuple(sorted(set(candidates))) if candidates is not None else ()
        table = self._tables.get(key)
        if table is not None:
            return table
        import numpy as np

        model = self._load()
        langs = tuple(c for c in key if c in self._index) if key else tuple(sorted(self._index))
        cols = [self._index[c] for c in langs]
        table = (
            np.ascontiguousarray(np.asarray(model.nb_ptc)[:, cols], dtype=np.float32),
            np.asarray(model.nb_pc, dtype=np.float32)[cols],
            langs,
        )
        with self._lock:
            self._tables.setdefault(key, table)
        return table

    def scores(self, text: str, candidates: Sequence[str] | None) -> Mapping[str, float] | None:
        return self.scores_many((text,), candidates)[0]

    def scores_many(
        self, texts: Sequence[str], candidates: Sequence[str] | None
    ) -> list[Mapping[str, float] | None]:
        """``scores`` for several texts at once (one numpy pass instead of one per text)."""
        return self.scores_joined(texts, candidates)

    def scores_joined(
        self, texts: Sequence[str | tuple[str, ...]], candidates: Sequence[str] | None
    ) -> list[Mapping[str, float] | None]:
        """:meth:`scores_many` where an item may also be a tuple of parts, standing for the
        text ``" ".join(parts)`` (a post's text given as its sentences)."""
        import numpy as np

        self._load()
        ptc, pc, langs = self._table(candidates)
        if not langs:
            return [None] * len(texts)
        # Each distinct byte string once: a post's sentence is often its whole text.
        datas: dict[bytes, int] = {}
        which: list[int] = []
        for text in texts:
            whole = " ".join(text) if isinstance(text, tuple) else text
            data = (whole.lower() if whole.isupper() else whole).encode("utf-8", "surrogatepass")
            which.append(datas.setdefault(data, len(datas)))
        out: list[Mapping[str, float] | None] = [None] * len(texts)
        listed = list(datas)
        size = sum(map(len, listed))
        if size < _NUMPY_FROM or (size < 2 * _NUMPY_FROM and len(listed) == 1):
            keys, counts, scored, starts = self._counted_bytewise(listed)
        else:
            keys, counts, scored, starts = self._counted_windows(listed, ptc.shape[0])
        if not scored:
            return out
        # take() is several times faster than fancy indexing for a 2-D gather; the weights
        # (log1p of each feature's count, at most the text's length) come from a table.
        rows = ptc.take(keys, axis=0)
        rows *= _log1p_table(max(map(len, listed))).take(counts)[:, None]
        sums = np.add.reduceat(rows, starts, axis=0)
        sums += pc
        result = [dict(zip(langs, raw, strict=True)) for raw in sums.tolist()]
        at = dict(zip(scored, range(len(scored)), strict=True))
        for i, k in enumerate(which):
            j = at.get(k)
            if j is not None:
                out[i] = result[j]
        return out

    # Each string's distinct features with their counts, in id order within the string,
    # so that a text's sum never depends on the rest of the batch; the strings that emit
    # any, and where each one's features start. Short texts are walked byte by byte in
    # Python, longer batches in numpy: numpy's fixed cost per call is worth about 100
    # bytes of the Python walk (callgrind's count). Both give py3langid's own walk.

    def _counted_bytewise(self, datas: list[bytes]) -> tuple[Any, Any, list[int], list[int]]:
        import numpy as np

        ids: list[int] = []
        counts: list[int] = []
        scored: list[int] = []
        starts: list[int] = []
        for i, data in enumerate(datas):
            visits = Counter(self._walk_bytes(data))
            if visits:
                scored.append(i)
                starts.append(len(ids))
                order = sorted(visits)
                ids += order
                counts += map(visits.__getitem__, order)
        return np.array(ids, dtype=np.intp), np.array(counts, dtype=np.intp), scored, starts

    def _walk_bytes(self, data: bytes) -> list[int]:
        model = self._model
        nextmove, rowbase, output = model.tk_nextmove, model._rowbase, model.tk_output
        found: list[int] = []
        append = found.append
        state = 0
        for byte in data:
            state = nextmove[rowbase[state] + byte]
            f = output[state]
            if f >= 0:
                append(f)
        return found

    def _counted_windows(self, datas: list[bytes], n_rows: int) -> tuple[Any, Any, list[int], Any]:
        """:meth:`_counted_bytewise`, all the strings at once in numpy.

        py3langid's model is an Aho-Corasick automaton over byte n-grams: the state it is
        in after a byte is the longest suffix read so far that begins one of its n-grams,
        so it is set by the last ``_DEPTH`` bytes alone. Every position's state is
        therefore one short walk from the start over the window that ends there, and all
        the windows of all the strings are walked at once, column by column. The strings
        are laid end to end behind NUL bytes: no n-gram holds one, so a window that
        crosses them starts afresh, as a walk from each string's first byte does.

        Each feature emitted is then offset by ``n_rows`` times its string's index, so
        that one sort orders all the (string, feature) pairs; runs of equal keys are the
        counts. A call costs a fixed number of numpy calls, whatever the strings."""
        import numpy as np

        nextmove, rowbase, output, start2 = self._automaton()
        pad = b"\0" * (_DEPTH - 1)
        joined = np.frombuffer(pad + pad.join(datas), dtype=np.uint8).astype(np.intp)
        n = len(joined) - (_DEPTH - 1)
        # The first two bytes of every window in one lookup, then one step per byte.
        state = start2.take((joined[:n] << 8) | joined[1 : n + 1])
        for j in range(2, _DEPTH):
            step = rowbase.take(state)
            step += joined[j : j + n]
            state = nextmove.take(step)
        rows = output.take(state)
        # A string's windows: its bytes and the padding after it.
        offsets = np.arange(0, len(datas) * n_rows, n_rows, dtype=np.intp)
        keys = rows + offsets.repeat([len(d) + (_DEPTH - 1) for d in datas])[:n]
        keys = keys[rows >= 0]
        if not len(keys):
            return keys, keys, [], keys
        keys.sort()
        first = np.empty(len(keys), dtype=bool)
        first[0] = True
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        (where,) = first.nonzero()
        counts = np.empty_like(where)
        np.subtract(where[1:], where[:-1], out=counts[:-1])
        counts[-1] = len(keys) - where[-1]
        keys = keys.take(where)
        bounds = [*keys.searchsorted(offsets).tolist(), len(keys)]
        scored = [i for i in range(len(datas)) if bounds[i] < bounds[i + 1]]
        keys %= n_rows
        return keys, counts, scored, [bounds[i] for i in scored]

    def _automaton(self) -> tuple[Any, Any, Any, Any]:
        """The model's automaton as numpy arrays (shared with the model's own buffers
        where it can), and the state after each pair of bytes read from the start."""
        tables = self._arrays
        if tables is not None:
            return tables
        import numpy as np

        model = self._load()
        nextmove = np.asarray(model.tk_nextmove)
        rowbase = np.asarray(model._rowbase, dtype=np.intp)
        output = np.asarray(model.tk_output, dtype=np.intp)
        byte = np.arange(256, dtype=np.intp)
        first = nextmove.take(rowbase[0] + byte)
        start2 = nextmove.take((rowbase.take(first)[:, None] + byte).ravel())
        tables = (nextmove, rowbase, output, start2)
        with self._lock:
            if self._arrays is None:
                self._arrays = tables
            return self._arrays


class _Py3LangidModel:
    """py3langid's model as the detector reads it: the naive-Bayes tables (``nb_ptc``,
    ``nb_pc``, ``nb_classes``) and the automaton (``tk_nextmove``, one 256-entry row per
    distinct state, ``_rowbase``, each state's row offset, ``tk_output``, the feature a
    state emits or -1), under py3langid's own names, from the arrays of its model file."""

    def __init__(self, arrays: Mapping[str, Any]) -> None:
        self.nb_ptc = arrays["ptc"]
        self.nb_pc = arrays["pc"]
        self.nb_classes = [str(c) for c in arrays["classes"].tolist()]
        # A memoryview reads single entries as Python ints, fast for the byte-wise walk.
        self.tk_nextmove = memoryview(arrays["nextmove"])
        self._rowbase = (arrays["nextmove_row"].astype("int64") << 8).tolist()
        self.tk_output = arrays["out_feat"].tolist()


def _py3langid_arrays() -> dict[str, Any]:
    """py3langid's model arrays: decompressed from the package's LZMA file the first time,
    memory-mapped from govsocial's cache afterwards (:mod:`govsocial.cache`)."""
    try:
        from py3langid import __version__ as version
        from py3langid.langid import MODEL_DIR, MODEL_FILE
        from py3langid.modelio import load_model
    except ImportError as e:  # pragma: no cover - py3langid is a dependency
        raise DetectorError(
            "the py3langid detector needs the py3langid package (pip install 'py3langid>=0.4,<0.5')"
        ) from e
    import numpy as np

    from govsocial.cache import cached_arrays, file_key

    path = Path(MODEL_FILE)
    if not path.is_absolute():
        path = Path(MODEL_DIR) / path

    def build() -> dict[str, Any]:
        ptc, pc, classes, nextmove, row, output = load_model(path)
        return {
            "ptc": np.asarray(ptc),
            "pc": np.asarray(pc),
            "classes": np.asarray(classes, dtype=str),
            "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
            "nextmove_row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
            "out_feat": np.asarray(output, dtype=np.int32),
        }

    return cached_arrays(
        "py3langid", file_key(path, extra=f"py3langid {version}"), build, _check_model
    )


def _check_model(arrays: Mapping[str, Any]) -> None:
    """Raise ValueError unless the model's arrays fit together: the shapes, the types,
    and every index within what it indexes, so that a damaged entry is built again
    rather than walked out of bounds (reading the 39 MB transition table through costs
    about 16 ms of the 350 the cache saves)."""
    ptc, pc, classes = arrays["ptc"], arrays["pc"], arrays["classes"]
    nextmove, row, output = arrays["nextmove"], arrays["nextmove_row"], arrays["out_feat"]
    n_feat, n_class = ptc.shape if ptc.ndim == 2 else (0, 0)
    if not (
        n_feat and pc.shape == (n_class,) == classes.shape
        and nextmove.ndim == row.ndim == output.ndim == 1
        and nextmove.dtype.kind == row.dtype.kind == "u" and output.dtype.kind == "i"
        and len(nextmove) % 256 == 0 and len(row) == len(output)
        and int(row.max()) < len(nextmove) // 256
        and int(nextmove.max()) < len(row)
        and int(output.min()) >= -1 and int(output.max()) < n_feat
    ):  # fmt: skip
        raise ValueError("py3langid's cached model does not fit together")


# The longest n-gram of py3langid 0.4's model, in bytes (its automaton's deepest state;
# tests/test_language.py walks the automaton to hold this, and that a NUL byte, which
# separates the texts walked together, leads back to its start).
_DEPTH = 6
# From how many bytes a call's texts are walked in numpy rather than in Python (twice as
# many for a single text, whose counting in Python is cheaper than numpy's).
_NUMPY_FROM = 128


_LOG1P: Any = None


def _log1p_table(longest: int) -> Any:
    """``np.log1p(k)`` in float32 for k = 0 ... ``longest`` (at least), as a lookup table."""
    import numpy as np

    global _LOG1P
    table = _LOG1P
    if table is None or len(table) <= longest:
        table = _LOG1P = np.log1p(np.arange(max(4096, 2 * longest + 1), dtype=np.float32))
    return table


class LangdetectDetector:
    """langdetect (a port of Google's language-detection): good on es/ca/pt/fr/it/en
    sentences, but it has no Basque, Galician or Occitan model. Seeded, so deterministic."""

    name = "langdetect"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._factory: Any = None

    def _load(self) -> Any:
        with self._lock:
            if self._factory is None:
                try:
                    from langdetect import detector_factory
                except ImportError as e:
                    raise DetectorError(
                        "the langdetect detector needs the langdetect package "
                        "(pip install 'govsocial[langdetect]')"
                    ) from e
                detector_factory.init_factory()
                factory = detector_factory._factory
                factory.set_seed(0)
                self._factory = factory
            return self._factory

    def supports(self, lang: str) -> bool:
        return lang in self._load().get_lang_list()

    def scores(self, text: str, candidates: Sequence[str] | None) -> Mapping[str, float] | None:
        from langdetect.lang_detect_exception import LangDetectException

        factory = self._load()
        known = set(factory.get_lang_list())
        wanted = [c for c in candidates if c in known] if candidates is not None else None
        if wanted is not None and not wanted:
            return None
        detector = factory.create()
        if wanted is not None:
            detector.set_prior_map(dict.fromkeys(wanted, 1.0))
        detector.append(text)
        try:
            probs = detector.get_probabilities()
        except LangDetectException:
            return None
        found = {p.lang: p.prob for p in probs}
        langs = wanted if wanted is not None else sorted(known)
        # langdetect reports only languages above 0.1; give the rest a floor probability.
        return {lang: math.log(max(found.get(lang, 0.0), 1e-6)) * 10.0 for lang in langs}


_BUILTIN: dict[str, type[Py3LangidDetector] | type[LangdetectDetector]] = {
    "py3langid": Py3LangidDetector,
    "langdetect": LangdetectDetector,
}
_INSTANCES: dict[str, Detector] = {}
_INSTANCES_LOCK = threading.Lock()
# Classes already checked against the Detector protocol (a runtime protocol check is slow).
_CHECKED_TYPES: set[type] = set()
# Names already resolved ("auto" included) to their shared instance.
_RESOLVED: dict[str, Detector] = {}


# Detectors an application registered by name (register_detector).
_REGISTERED: dict[str, Detector] = {}


def register_detector(name: str, detector: Detector) -> None:
    """Make ``detector`` available by ``name``: to :func:`get_detector`, to the
    ``detector`` argument of the language functions and to a policy's
    ``languages.detection.detector``, so that ``check()`` uses it. Register it before
    loading a policy that names it (policies are validated when loaded). Registering a
    name again replaces the detector; the built-in names cannot be taken."""
    if not isinstance(name, str) or not name.strip():
        raise DetectorError(f"a detector name must be a non-empty string, got {name!r}")
    if name == "auto" or name in _BUILTIN:
        raise DetectorError(f"{name!r} is a built-in detector name; register under another name")
    if not isinstance(detector, Detector):
        raise DetectorError(
            f"{detector!r} is not a detector: expected an object with name, supports() and scores()"
        )
    with _INSTANCES_LOCK:
        _CHECKED_TYPES.add(type(detector))
        _REGISTERED[name] = detector
        _RESOLVED.pop(name, None)


def detector_names() -> tuple[str, ...]:
    """The names :func:`get_detector` accepts: the built-in ones, then the registered ones."""
    return ("auto", *_BUILTIN, *sorted(_REGISTERED))


def get_detector(name: str | Detector = "auto") -> Detector:
    """The shared detector instance for ``name`` (auto, py3langid, langdetect or a name
    given to :func:`register_detector`), or ``name`` itself when it is already a
    :class:`Detector`."""
    if isinstance(name, (Py3LangidDetector, LangdetectDetector)):
        return name
    if isinstance(name, str):
        found = _RESOLVED.get(name)
        if found is not None:
            return found
    else:
        if type(name) not in _CHECKED_TYPES and not isinstance(name, Detector):
            raise DetectorError(
                f"{name!r} is not a detector: expected a name (auto, py3langid, langdetect) "
                "or an object with name, supports() and scores()"
            )
        _CHECKED_TYPES.add(type(name))
        return name
    asked = name
    custom = _REGISTERED.get(name)
    if custom is not None:
        with _INSTANCES_LOCK:
            _RESOLVED[asked] = custom
        return custom
    if name == "auto":
        try:
            import py3langid  # noqa: F401
        except ImportError:  # pragma: no cover - py3langid is a dependency
            name = "langdetect"
        else:
            name = "py3langid"
    cls = _BUILTIN.get(name)
    if cls is None:
        raise DetectorError(f"unknown language detector {name!r}; expected {_names_phrase()}")
    with _INSTANCES_LOCK:
        inst = _INSTANCES.get(name)
        if inst is None:
            inst = cls()
            _INSTANCES[name] = inst
        _RESOLVED[asked] = inst
    return inst


def _names_phrase() -> str:
    names = detector_names()
    return ", ".join(names[:-1]) + " or " + names[-1]
