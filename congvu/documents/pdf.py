"""A .docx congvu issued, as PDF: LibreOffice (Debian's `libreoffice-writer-nogui`), headless.

Why LibreOffice rather than a PDF library: the .docx is the document of record, laid out once in
`congvu.documents.letters` to Decree 30 (A4, margins, Times New Roman 13–14 pt, the two-column
heading); converting that file keeps one layout instead of two that would drift apart. LibreOffice
sets Times New Roman in its metric twin Liberation Serif (`fonts-liberation2`), which carries every
Vietnamese diacritic, so lines break where Word breaks them. A direct PDF library would need the
layout written again by hand and a font embedded by us.

Each conversion runs in a private LibreOffice profile (two sweeps or servers converting at once do
not share one) and is bounded in time."""

import shutil
import subprocess
from pathlib import Path
from tempfile import TemporaryDirectory

from congvu.lib.unavailable import ServiceUnavailable

TIMEOUT_SECONDS = 120


class PdfUnavailable(ServiceUnavailable):
    """No LibreOffice on this server: the notice stays a .docx until one is installed."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise PdfUnavailable("Máy chủ chưa cài LibreOffice (gói libreoffice-writer-nogui) để tạo tệp PDF.",
                             "LibreOffice (package libreoffice-writer-nogui) is not installed: no PDF can be made.")
    return found


def docx_to_pdf(docx: bytes) -> bytes:
    program = soffice()
    with TemporaryDirectory(prefix="congvu-pdf-") as scratch:
        folder = Path(scratch)
        (folder / "in.docx").write_bytes(docx)
        subprocess.run(  # noqa: S603 - a fixed program and arguments; the document is a file, not a command
            [program, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(folder), str(folder / "in.docx")],
            check=True, capture_output=True, timeout=TIMEOUT_SECONDS,
        )
        return (folder / "in.pdf").read_bytes()
