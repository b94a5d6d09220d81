"""Reading a PDF as its reader would: poppler's pdffonts, pdftotext and pdftoppm (Debian's
poppler-utils, which .ci/run installs). Poppler without poppler-data cannot draw a font
that is not embedded, so a page it renders with ink proves the text is really there."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdftoppm")),
    reason="poppler-utils (pdffonts, pdftotext, pdftoppm) is not installed",
)


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool
    subset: bool


def _run(tool: str, data: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(data)
        done = subprocess.run(
            [tool, *args, str(path), "-"] if tool == "pdftotext" else [tool, *args, str(path)],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return done.stdout.decode()


def fonts(data: bytes) -> list[Font]:
    """Every font the PDF uses, from pdffonts' table (name, type, ..., emb, sub, uni)."""
    lines = _run("pdffonts", data).splitlines()[2:]
    found = []
    for line in lines:
        words = line.split()
        # The columns from the right: object id, generation, uni, sub, emb.
        emb, sub = words[-5], words[-4]
        found.append(Font(words[0], " ".join(words[1:3]), emb == "yes", sub == "yes"))
    return found


def pages(data: bytes) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    text = _run("pdftotext", data, "-enc", "UTF-8", "-layout")
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def text(data: bytes) -> str:
    return "".join(pages(data))


def ink(data: bytes, page: int = 1, *, save_as: Path | None = None) -> float:
    """The share of dark pixels on a page rendered at 50 dpi (0 for a blank page)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "50",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(Path(folder) / "page"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        image = Image.open(Path(folder) / "page.png").convert("L")
        if save_as is not None:
            # The page and its PDF, for a person to look at after the run.
            save_as.parent.mkdir(parents=True, exist_ok=True)
            image.save(save_as)
            save_as.with_suffix(".pdf").write_bytes(data)
        histogram = image.histogram()
        return sum(histogram[:128]) / (image.width * image.height)


def image_count(data: bytes) -> int:
    """Images drawn in the document (a fetched or opened <img> would be one)."""
    return data.count(b"/Subtype /Image")
