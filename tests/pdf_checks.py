"""Structure checks of a tagged PDF, read back with pikepdf (the PDF/UA-1 and PDF/A-2 points
that can be decided from the file alone; veraPDF, the reference validator, is Java and cannot
be installed here). Each check returns the problems it found, as sentences; [] is a pass.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

STANDARD_ROLES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "Warichu", "Figure", "Formula",
    "Form",
}
#: Operators that put something on the page (text, paths, images).
PAINTING = {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}
XMP_NS = {"pdfuaid": "http://www.aiim.org/pdfua/ns/id/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def elements(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Dictionary, list[str]]]:
    """Every structure element in reading order, with the roles of its ancestors."""
    def walk(node: pikepdf.Object, path: list[str]) -> Iterator[tuple[pikepdf.Dictionary, list[str]]]:
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR":
                yield kid, path
                yield from walk(kid, [*path, str(kid.S)[1:]])

    yield from walk(pdf.Root.StructTreeRoot, [])


def role(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> str:
    """The standard role of an element (through the role map)."""
    name = str(element.S)[1:]
    role_map = pdf.Root.StructTreeRoot.get("/RoleMap", {})
    return str(role_map[f"/{name}"])[1:] if f"/{name}" in role_map else name


def catalog_problems(pdf: pikepdf.Pdf) -> list[str]:
    out = []
    root = pdf.Root
    if "/StructTreeRoot" not in root:
        out.append("no structure tree")
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        out.append("/MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")):
        out.append("no /Lang")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        out.append("/DisplayDocTitle is not true")
    title = str(pdf.trailer.get("/Info", {}).get("/Title", ""))
    if not title:
        out.append("no /Title")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        if meta.get("dc:title") != title:
            out.append(f"XMP dc:title {meta.get('dc:title')!r} is not /Title {title!r}")
        for key, want in (("pdfuaid:part", "1"), ("pdfaid:part", "2"), ("pdfaid:conformance", "U")):
            if meta.get(key) != want:
                out.append(f"XMP {key} is {meta.get(key)!r}, not {want}")
        dates = [k for k in meta if "Date" in k]
        if dates:
            out.append(f"XMP holds dates: {dates}")
    if "/Filter" in root.Metadata:
        out.append("the XMP stream is compressed (PDF/A wants it readable)")
    info = pdf.trailer.get("/Info", {})
    for key in ("/CreationDate", "/ModDate", "/Producer", "/Creator"):
        if key in info:
            out.append(f"/Info has {key}")
    intents = root.get("/OutputIntents", [])
    if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
        out.append("no PDF/A output intent with an ICC profile")
    if "/Encrypt" in pdf.trailer:
        out.append("encrypted")
    if "/ID" not in pdf.trailer:
        out.append("no /ID")
    return out


def tree_problems(pdf: pikepdf.Pdf) -> list[str]:
    out = []
    tree = pdf.Root.StructTreeRoot
    for name, mapped in tree.get("/RoleMap", {}).items():
        if str(mapped)[1:] not in STANDARD_ROLES or name[1:] in STANDARD_ROLES:
            out.append(f"role map {name} -> {mapped} is not a custom role onto a standard one")
    headings: list[int] = []
    for element, path in elements(pdf):
        r = role(pdf, element)
        if r not in STANDARD_ROLES:
            out.append(f"unknown role {r}")
        if r == "Figure" and not str(element.get("/Alt", "")).strip():
            out.append(f"a figure ({element.S}) without /Alt")
        if r in ("H1", "H2", "H3", "H4", "H5", "H6"):
            level = int(r[1])
            if (not headings and level != 1) or (headings and level > max(headings) + 1):
                out.append(f"heading H{level} after {headings[-1:] or 'nothing'}")
            headings.append(level)
        if r in ("TH", "TD") and (not path or path[-1] != "TR"):
            out.append(f"{r} outside a TR (in {path[-1:]})")
        if r == "TR" and not set(path) & {"Table"}:
            out.append("TR outside a Table")
        if r == "TH":
            scope = element.get("/A", {}).get("/Scope")
            if scope not in ("/Column", "/Row", "/Both"):
                out.append("TH without /Scope")
        if r in ("LI",) and (not path or path[-1] != "L"):
            out.append("LI outside an L")
    if not headings:
        out.append("no headings")
    return out


def content_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every painting operator is tagged content (a marked-content id that the parent tree
    maps back to an element holding it) or an artifact."""
    out = []
    tree = pdf.Root.StructTreeRoot
    parents = {int(k): v for k, v in zip(tree.ParentTree.Nums[::2], tree.ParentTree.Nums[1::2],
                                         strict=True)}
    for n, page in enumerate(pdf.pages, start=1):
        if "/StructParents" not in page.obj:
            out.append(f"page {n} has no /StructParents")
            continue
        owners = parents.get(int(page.obj.StructParents))
        stack: list[str] = []  # "mcid" / "artifact" / "other", innermost last
        seen_mcids: set[int] = set()
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if name == "BDC" else None
                if tag == "/Artifact":
                    stack.append("artifact")
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                    seen_mcids.add(mcid)
                    owner = owners[mcid] if owners is not None and mcid < len(owners) else None
                    kids = owner.get("/K") if owner is not None else None
                    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
                    if not any(isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid
                               and k.get("/Pg") == page.obj for k in kids):
                        out.append(f"page {n}: MCID {mcid} not held by its parent-tree element")
                    stack.append("mcid")
                else:
                    stack.append("other")
            elif name == "EMC":
                if not stack:
                    out.append(f"page {n}: EMC without BDC")
                else:
                    stack.pop()
            elif name in PAINTING and not ({"mcid", "artifact"} & set(stack)):
                out.append(f"page {n}: {name} outside tagged content or an artifact")
        if stack:
            out.append(f"page {n}: marked content left open")
        if owners is not None and len(owners) != len(seen_mcids):
            out.append(f"page {n}: {len(owners)} parent-tree entries for {len(seen_mcids)} MCIDs")
    return out


def font_problems(pdf: pikepdf.Pdf) -> list[str]:
    out = []
    for n, page in enumerate(pdf.pages, start=1):
        for name, font in page.Resources.get("/Font", {}).items():
            for desc in font.get("/DescendantFonts", [font]):
                fd = desc.get("/FontDescriptor", {})
                if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    out.append(f"page {n}: font {name} not embedded")
            if "/ToUnicode" not in font:
                out.append(f"page {n}: font {name} has no /ToUnicode")
    return out


def all_problems(data: bytes) -> list[str]:
    with open_pdf(data) as pdf:
        return (catalog_problems(pdf) + tree_problems(pdf) + content_problems(pdf)
                + font_problems(pdf))
