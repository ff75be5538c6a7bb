"""inspect_image against Pillow's lazy open, side by side, next to a full decode.

    python benchmarks/image_inspection.py

Files: JPEG and PNG photos-like images generated at 1080x1350 and 2048x2048 in a temporary
folder (deterministic), plus examples/media/*. Each method runs on the same file back to
back, in rotating order, several rounds; medians per file kind are printed, with the ratio
inspect_image / Pillow lazy open (target: <= 1.0).
  - pillow-lazy: Image.open(path) then .size and .format (no pixel decoded)
  - inspect: govsocial.inspect_image(path) (format, oriented size, mode, depth, frames)
  - inspect-verify: inspect_image(path, verify=True) (+ one full decode)
  - pillow-decode: Image.open(path).load()
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

import govsocial

ROOT = Path(__file__).resolve().parents[1]


def _photo(w: int, h: int, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, (h // 16 + 1, w // 16 + 1, 3), dtype=np.uint8)
    im = Image.fromarray(small).resize((w, h), Image.Resampling.BICUBIC)
    noise = Image.fromarray(
        rng.normal(0, 12, (h, w, 3)).clip(-128, 127).astype(np.int8).view(np.uint8)
    )
    return Image.blend(im, noise, 0.1)


def _lazy(path: Path) -> object:
    with Image.open(path) as im:
        return im.size, im.format


def _decode(path: Path) -> object:
    with Image.open(path) as im:
        im.load()
        return im.size


def main() -> int:
    methods: dict[str, Callable[[Path], object]] = {
        "pillow-lazy": _lazy,
        "inspect": lambda p: govsocial.inspect_image(p),
        "inspect-verify": lambda p: govsocial.inspect_image(p, verify=True),
        "pillow-decode": _decode,
    }
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, list[Path]] = {"JPEG": [], "PNG": []}
        for i, (w, h) in enumerate([(1080, 1350), (2048, 2048)] * 3):
            im = _photo(w, h, i)
            for fmt, ext in (("JPEG", "jpg"), ("PNG", "png")):
                p = Path(tmp) / f"{i}.{ext}"
                im.save(p, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
                files[fmt].append(p)
        times: dict[tuple[str, str], list[float]] = {}
        names = list(methods)
        for rnd in range(7):
            for kind, paths in files.items():
                for p in paths:
                    order = names[rnd % len(names) :] + names[: rnd % len(names)]
                    for name in order:
                        t = time.perf_counter()
                        methods[name](p)
                        times.setdefault((kind, name), []).append(time.perf_counter() - t)
        print("median ms per file (7 rounds x 6 files per kind, interleaved)")
        for kind in files:
            row = {n: 1000 * statistics.median(times[(kind, n)]) for n in names}
            cells = "  ".join(f"{n} {v:.3f}" for n, v in row.items())
            print(f"{kind:5} {cells}  inspect/lazy {row['inspect'] / row['pillow-lazy']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
