"""The structure tree of a tagged PDF, for fpdf2: what makes the report readable by a screen
reader and checkable as PDF/UA.

fpdf2 lays out pages well but tags only images and links, each directly under the document
(its own builder says it is internal). This module stands in for that builder
(`FPDF.struct_builder`): a real tree (Document > Sect > H2, P, Table > TR > TH/TD, L > LI,
Figure with /Alt), each element pointing at the marked-content sequences (MCIDs) of its page
content, and the parent tree that points back. fpdf2 writes whatever this object yields, so
the only hooks used are the ones its own builder uses; tests/test_report_pdf.py reads the
result back with pikepdf and a PDF/UA checker, so a change in fpdf2 shows there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fpdf.syntax import PDFObject, PDFString

#: Roles of our own, each mapped to the standard role readers know.
ROLE_MAP = {"Chart": "Figure", "Photo": "Figure"}


def text_string(value: str) -> str:
    """A PDF text string (UTF-16 when it is not plain ASCII), serialised."""
    return PDFString(value).serialize()


class Element(PDFObject):
    """One structure element: its role, attributes, and kids (elements, or marked content
    on a page)."""

    #: fpdf2 assigns a page to each direct kid of its own document element; ours keep their
    #: pages in their marked-content references instead, so there is nothing for it to do.
    k: tuple[()] = ()

    def __init__(self, role: str, parent: PDFObject, entries: dict[str, str] | None = None):
        super().__init__()
        self.role = role
        self.parent = parent
        self.entries = entries or {}
        self.kids: list[Element | tuple[Any, int]] = []

    def serialize(self, obj_dict: dict[str, object] | None = None,
                  _security_handler: Any = None) -> str:
        kids = [kid.ref if isinstance(kid, Element)
                else f"<</Type /MCR /Pg {kid[0].ref} /MCID {kid[1]}>>" for kid in self.kids]
        entries: dict[str, object] = {"/Type": "/StructElem", "/S": f"/{self.role}",
                                      "/P": self.parent.ref,
                                      # one kid stands alone, as most readers expect
                                      "/K": kids[0] if len(kids) == 1 else f"[{' '.join(kids)}]"}
        entries.update(self.entries)
        return super().serialize(entries, _security_handler)


class _ParentTree(PDFObject):
    """Page (its /StructParents key) -> the element of each of its MCIDs, in MCID order."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[list[Element]] = []

    def serialize(self, obj_dict: dict[str, object] | None = None,
                  _security_handler: Any = None) -> str:
        nums = " ".join(f"{key} [{' '.join(e.ref for e in owners)}]"
                        for key, owners in enumerate(self.pages))
        return super().serialize({"/Nums": f"[{nums}]"}, _security_handler)


class _Root(PDFObject):
    def __init__(self, tree: StructureTree) -> None:
        super().__init__()
        self.tree = tree

    def serialize(self, obj_dict: dict[str, object] | None = None,
                  _security_handler: Any = None) -> str:
        roles = " ".join(f"/{k} /{v}" for k, v in ROLE_MAP.items())
        return super().serialize({
            "/Type": "/StructTreeRoot",
            "/K": f"[{self.tree.document.ref}]",
            "/ParentTree": self.tree.parent_tree.ref,
            "/ParentTreeNextKey": str(len(self.tree.parent_tree.pages)),
            "/RoleMap": f"<<{roles}>>",
        }, _security_handler)


class StructureTree:
    """Open and close elements in reading order; `mark` gives the next MCID of a page to the
    element open now. Install with `pdf.struct_builder = tree`."""

    def __init__(self, lang: str | None = None) -> None:
        self.root = _Root(self)
        self.parent_tree = _ParentTree()
        entries = {"/Lang": text_string(lang)} if lang else {}
        self.document = Element("Document", self.root, entries)
        self.doc_struct_elem = self.document  # the name fpdf2 looks for
        self._open: list[Element] = [self.document]
        self._elements: list[Element] = [self.document]
        self._page_keys: dict[int, int] = {}

    def open(self, role: str, entries: dict[str, str] | None = None) -> Element:
        element = Element(role, self._open[-1], entries)
        self._open[-1].kids.append(element)
        self._open.append(element)
        self._elements.append(element)
        return element

    def close(self) -> None:
        if len(self._open) == 1:
            raise ValueError("no structure element is open")
        self._open.pop()

    @property
    def current(self) -> Element:
        return self._open[-1]

    def page_key(self, page_number: int) -> int:
        """The /StructParents key of a page (its place in the parent tree)."""
        if page_number not in self._page_keys:
            self._page_keys[page_number] = len(self.parent_tree.pages)
            self.parent_tree.pages.append([])
        return self._page_keys[page_number]

    def mark(self, page: Any, page_number: int) -> int:
        """A new marked-content id on `page`, owned by the element open now."""
        owners = self.parent_tree.pages[self.page_key(page_number)]
        owners.append(self.current)
        self.current.kids.append((page, len(owners) - 1))
        return len(owners) - 1

    # -- what fpdf2 asks of its structure builder --------------------------------------

    def empty(self) -> bool:
        return not self.document.kids

    def __iter__(self) -> Iterator[PDFObject]:
        """Every object to write, the root first."""
        yield self.root
        yield self.parent_tree
        yield from self._elements
