"""Reading generated PDFs in tests with Python packages pinned in requirements/dev.txt: pypdf for
the text a reader or a screen reader gets, pikepdf for structure, metadata, fonts and tags.

Nothing here needs a program from the operating system, so `make test` runs wherever WeasyPrint
does.
"""

import io
import re
from dataclasses import dataclass

import pikepdf
from pypdf import PdfReader


def pages(data: bytes) -> list[str]:
    """The text of each page, in reading order."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def text(data: bytes) -> str:
    """The whole document's text with every run of white space as one space."""
    return flat(" ".join(pages(data)))


def layout_lines(data: bytes) -> list[str]:
    """The text line by line as laid out on the page, empty lines left out."""
    reader = PdfReader(io.BytesIO(data))
    lines = []
    for page in reader.pages:
        extracted = page.extract_text(extraction_mode="layout") or ""
        lines.extend(line.strip() for line in extracted.splitlines() if line.strip())
    return lines


def flat(value: str) -> str:
    return " ".join(value.split())


@dataclass(frozen=True)
class Info:
    pages: int
    title: str
    author: str
    creator: str
    created: str  # the PDF date string, D:YYYYMMDDHHmmSS…
    tagged: bool
    language: str
    pdfa_part: str
    pdfa_conformance: str


def info(data: bytes) -> Info:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        docinfo = pdf.docinfo
        mark_info = pdf.Root.get("/MarkInfo")
        with pdf.open_metadata() as xmp:
            part = str(xmp.get("pdfaid:part", ""))
            conformance = str(xmp.get("pdfaid:conformance", ""))
        return Info(
            pages=len(pdf.pages),
            title=str(docinfo.get("/Title", "")),
            author=str(docinfo.get("/Author", "")),
            creator=str(docinfo.get("/Creator", "")),
            created=str(docinfo.get("/CreationDate", "")),
            tagged=bool(mark_info is not None and mark_info.get("/Marked", False)),
            language=str(pdf.Root.get("/Lang", "")),
            pdfa_part=part,
            pdfa_conformance=conformance,
        )


def problems(data: bytes) -> list[str]:
    """What pikepdf (qpdf's library) finds wrong in the file's structure; empty when sound."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [str(problem) for problem in pdf.check_pdf_syntax()]


def fonts(data: bytes) -> dict[str, bool]:
    """Each font used on any page, by its base name, and whether its program is embedded."""
    found = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            resources = page.obj.get("/Resources", {})
            for font in resources.get("/Font", {}).values():
                descriptors = [font.get("/FontDescriptor")]
                descriptors += [d.get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
                embedded = any(
                    d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    for d in descriptors
                )
                found[str(font.get("/BaseFont", ""))] = embedded
    return found


def tags(data: bytes) -> list[tuple[str, int]]:
    """The structure tree as (role, depth) pairs in document order: what a screen reader walks."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return []
        result = []

        def walk(node, depth):
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child, depth)
                return
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                return
            result.append((str(node.S).lstrip("/"), depth))
            if "/K" in node:
                walk(node.K, depth + 1)

        walk(root.get("/K"), 0)
        return result


def headings(data: bytes) -> list[int]:
    """The heading levels of the tag tree in order: [1, 2, 2, 3, …]."""
    return [int(role[1]) for role, _depth in tags(data) if re.fullmatch(r"H[1-6]", role)]


def dangling_marks(data: bytes) -> list[tuple[int, int]]:
    """(page, marked-content id) of every tagged sequence whose structure element a reader
    walking the tree never reaches: content claimed as tagged that is in no tag (PDF/UA-1)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return []
        reached, stack = set(), [root.get("/K")]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and node.objgen not in reached:
                reached.add(node.objgen)
                stack.append(node.get("/K"))
        nums = root.ParentTree.get("/Nums", [])
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        dangling = []
        for number, page in enumerate(pdf.pages):
            elements = parents.get(int(page.obj.get("/StructParents", -1)), [])
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) != "BDC" or "/MCID" not in operands[1]:
                    continue
                mcid = int(operands[1].MCID)
                element = elements[mcid] if mcid < len(elements) else None
                if not isinstance(element, pikepdf.Dictionary) or element.objgen not in reached:
                    dangling.append((number, mcid))
        return dangling


def artifacts(data: bytes) -> list[int]:
    """How many artifact sequences (running header, footer, watermark) each page has."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            sum(
                1
                for operands, operator in pikepdf.parse_content_stream(page)
                if str(operator) in ("BMC", "BDC") and str(operands[0]) == "/Artifact"
            )
            for page in pdf.pages
        ]
