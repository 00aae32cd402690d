"""Reading the DOCX documents the server produces the way a person would: LibreOffice opens
each one, renders its first pages to PNG under tests/artifacts/reports/ (to look at), and
exports plain text, in which each table cell stays whole (PDF text wraps cells)."""
import os
import shutil
import subprocess
import tempfile

from conftest import ROOT

FONTS = os.path.join(ROOT, "src", "export", "fontconfig", "envgrid-fonts.conf")
ARTIFACTS = os.path.join(ROOT, "tests", "artifacts", "reports")


def docx_text(docx, name, pages=3):
    """DOCX bytes → the document's text without spaces or line breaks (Chinese wraps anywhere)."""
    out = tempfile.mkdtemp(prefix="envgrid-doc-")
    profile = tempfile.mkdtemp(prefix="envgrid-lo-")
    try:
        src = os.path.join(out, name + ".docx")
        with open(src, "wb") as f:
            f.write(docx)
        env = dict(os.environ, FONTCONFIG_FILE=FONTS)
        for target in ("pdf", "txt:Text (encoded):UTF8"):
            subprocess.run(["timeout", "180", "soffice", "-env:UserInstallation=file://" + profile, "--headless",
                            "--norestore", "--convert-to", target, "--outdir", out, src], check=True,
                           capture_output=True, env=env)
        os.makedirs(ARTIFACTS, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(pages), os.path.join(out, name + ".pdf"),
                        os.path.join(ARTIFACTS, name)], check=True)
        shutil.copy(src, os.path.join(ARTIFACTS, name + ".docx"))
        with open(os.path.join(out, name + ".txt"), encoding="utf-8-sig") as f:
            return f.read().replace(" ", "").replace("\n", "")
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)
