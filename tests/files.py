"""Real files of each supported format, written by the tests themselves."""

from __future__ import annotations

from pathlib import Path


def make_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A genuine PDF (Helvetica text, one content stream per page) with a correct xref table."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    next_id = 4
    page_objs: list[tuple[int, bytes]] = []
    for lines in pages:
        ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
        for line in lines:
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({safe}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content_id, page_id = next_id, next_id + 1
        next_id += 2
        page_objs.append((content_id, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"))
        page_objs.append((page_id, (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>").encode()))
        page_ids.append(page_id)
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[body for _, body in sorted(page_objs)],
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def encrypt_pdf(source: Path, target: Path, password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(password, algorithm="RC4-128")
    with target.open("wb") as fh:
        writer.write(fh)
    return target


MARKDOWN = """---
id: test-incubator-en
topic: test-incubator
title: "Quetta freelancer hub"
source: s-test
as_of: 2026-01-05
lang: en
city: Quetta
province: Balochistan
---
# Quetta freelancer hub

## Opening hours
The hub opens from nine to five on weekdays and offers forty hot desks for freelancers.

## Internet
Tenants share a fibre link; the hub offers a free trial week for new freelancers.
"""

HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Sukkur tech meetup</title>
<script>var ignored = "script text must not be indexed";</script></head>
<body><h1>Sukkur tech meetup</h1><p>The Sukkur meetup gathers mobile app developers every month.</p>
<h2>Venue</h2><p>It meets in the library hall near the river.</p></body></html>
"""

CSV = "name,city,province,desks\nSialkot coding lab,Sialkot,Punjab,25\nSwat valley hub,Swat,Khyber Pakhtunkhwa,12\n"

LISTING_YAML = """spaces:
  - name: Gilgit glacier co-working
    city: Gilgit
    seats: 18
  - name: Hunza remote desk
    city: Hunza
    seats: 6
"""


def write_corpus(folder: Path) -> dict[str, Path]:
    """One good file of each format, with facts no other test file contains."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "md": folder / "quetta.md",
        "txt": folder / "notes.txt",
        "html": folder / "meetup.html",
        "csv": folder / "labs.csv",
        "yaml": folder / "spaces.yaml",
        "pdf": folder / "brochure.pdf",
    }
    files["md"].write_text(MARKDOWN, encoding="utf-8")
    files["txt"].write_text("The Larkana study circle teaches Python to school leavers on Saturdays.\n",
                            encoding="utf-8")
    files["html"].write_text(HTML, encoding="utf-8")
    files["csv"].write_text(CSV, encoding="utf-8")
    files["yaml"].write_text(LISTING_YAML, encoding="utf-8")
    make_pdf(files["pdf"], [["Mardan robotics club brochure."], ["The Mardan club builds drones with students."]])
    return files
