"""A letter's text, as its template writes it, in a few line marks anyone can edit; and that
text turned into plain text, HTML (for the PDF) and a Word document.

Marks at the start of a line (see templates/letters/README.md)::

    # 标题              the letter's title, centred
    ## 小标题           a section heading
    ! 文字              a line without indent (致……： / 此致 / 敬礼！)
    > 文字              a line on the right (落款、日期)
    - 文字              a bullet point
    [ ] 文字            a box to tick (□)
    | 甲 | 乙 |         a table row; the first row of a table is its header
    ---                 a rule (before the closing notice)
    ~ 文字              small print (the closing notice)
    other lines         a paragraph, its first line indented by two characters

Empty lines only separate; they are not kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

INDENT = "\u3000\u3000"  # two ideographic spaces: the first-line indent of Chinese prose


@dataclass
class Block:
    kind: str  # title | heading | plain | right | bullet | box | table | rule | small | para
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


_MARKS = (("## ", "heading"), ("# ", "title"), ("! ", "plain"), ("> ", "right"),
          ("- ", "bullet"), ("[ ] ", "box"), ("~ ", "small"))  # fmt: skip


def parse(source: str) -> list[Block]:
    out: list[Block] = []
    for raw in source.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line == "---":
            out.append(Block("rule"))
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            cells = [c.strip() for c in line[1:-1].split("|")]
            if out and out[-1].kind == "table":
                out[-1].rows.append(cells)
            else:
                out.append(Block("table", rows=[cells]))
            continue
        for mark, kind in _MARKS:
            if line.startswith(mark):
                out.append(Block(kind, line[len(mark):].strip()))
                break
        else:
            out.append(Block("para", line))
    return out


def to_text(blocks: list[Block]) -> str:
    lines: list[str] = []
    for b in blocks:
        if b.kind == "title":
            lines += [INDENT * 4 + b.text, ""]
        elif b.kind == "heading":
            lines += ["", b.text]
        elif b.kind == "para":
            lines.append(INDENT + b.text)
        elif b.kind == "right":
            lines.append(INDENT * 8 + b.text)
        elif b.kind == "bullet":
            lines.append("  · " + b.text)
        elif b.kind == "box":
            lines.append("  □ " + b.text)
        elif b.kind == "rule":
            lines += ["", "—" * 20]
        elif b.kind == "table":
            lines += [" ｜ ".join(r) for r in b.rows]
        else:  # plain, small
            lines.append(b.text)
    return "\n".join(lines).strip("\n") + "\n"


def to_html_body(blocks: list[Block]) -> str:
    """The letter's body as HTML; every text is escaped here."""
    out: list[str] = []
    open_list: str | None = None
    for b in blocks:
        want = "ul" if b.kind in ("bullet", "box") else None
        if open_list and want != open_list:
            out.append("</ul>")
            open_list = None
        if want and not open_list:
            out.append("<ul>")
            open_list = want
        t = escape(b.text)
        if b.kind == "title":
            out.append(f"<h1>{t}</h1>")
        elif b.kind == "heading":
            out.append(f"<h3>{t}</h3>")
        elif b.kind == "para":
            out.append(f'<p class="para">{t}</p>')
        elif b.kind == "plain":
            out.append(f'<p class="plain">{t}</p>')
        elif b.kind == "right":
            out.append(f'<p class="right">{t}</p>')
        elif b.kind == "bullet":
            out.append(f"<li>{t}</li>")
        elif b.kind == "box":
            out.append(f'<li class="box">□ {t}</li>')
        elif b.kind == "rule":
            out.append("<hr>")
        elif b.kind == "small":
            out.append(f'<p class="foot">{t}</p>')
        elif b.kind == "table":
            head, *rest = b.rows
            rows = ["<tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr>"]
            for r in rest:
                rows.append("<tr>" + "".join(f'<td class="{_cell_class(c)}">{escape(c)}</td>' for c in r) + "</tr>")
            out.append("<table>" + "".join(rows) + "</table>")
    if open_list:
        out.append("</ul>")
    return "\n".join(out)


def _cell_class(cell: str) -> str:
    return "hash" if len(cell) == 64 and all(c in "0123456789abcdef" for c in cell) else ""


def to_docx(blocks: list[Block], path: Path, *, font: str = "宋体") -> Path:
    """A Word document of the letter, for the user to edit before sending."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    for b in blocks:
        if b.kind == "table":
            table = doc.add_table(rows=0, cols=max(len(r) for r in b.rows))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for i, r in enumerate(b.rows):
                cells = table.add_row().cells
                for j, c in enumerate(r):
                    cells[j].text = c
                    run = cells[j].paragraphs[0].runs[0] if cells[j].paragraphs[0].runs else None
                    if run is not None:
                        run.font.size = Pt(8 if _cell_class(c) else 9)
                        run.bold = i == 0
            continue
        if b.kind == "rule":
            p = doc.add_paragraph("—" * 20)
            continue
        p = doc.add_paragraph()
        run = p.add_run(("□ " if b.kind == "box" else "· " if b.kind == "bullet" else "") + b.text)
        if b.kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(18)
        elif b.kind == "heading":
            run.bold = True
        elif b.kind == "para":
            p.paragraph_format.first_line_indent = Pt(24)
        elif b.kind == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif b.kind == "small":
            run.font.size = Pt(9)
        elif b.kind in ("bullet", "box"):
            p.paragraph_format.left_indent = Pt(12)
    doc.core_properties.author = "dunguard"
    doc.save(str(path))
    return path
