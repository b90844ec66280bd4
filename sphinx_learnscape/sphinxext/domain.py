"""The ``learnscape`` domain: object types, roles, homes and reference resolution."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from sphinx_learnscape.sphinxext.deps import DocRecord
from sphinx_learnscape.sphinxext.homes import Home, anchor_for, get_homes
from sphinx_learnscape.sphinxext.i18n import kind_name
from sphinx_learnscape.sphinxext.links import single_page
from sphinx_learnscape.sphinxext.state import get_landscape

#: Object kinds in the order the docs and the inventory list them.
KINDS = ("zone", "form", "tool", "thinker")


class LearnscapeDomain(Domain):
    """Learning forms, tools, thinkers and zones of the learning landscape."""

    name = "learnscape"
    label = "Learning landscape"
    object_types: ClassVar[dict[str, ObjType]] = {
        "zone": ObjType("zone", "zone", "any"),
        "form": ObjType("learning form", "form", "any"),
        "tool": ObjType("tool", "tool", "any"),
        "thinker": ObjType("thinker", "thinker", "any"),
    }
    initial_data: ClassVar[dict[str, Any]] = {"docs": {}}  # type: ignore[misc]
    #: bumped when the shape of the domain data changes
    data_version = 1

    @property
    def docs(self) -> dict[str, DocRecord]:
        docs: dict[str, DocRecord] = self.data["docs"]
        return docs

    def clear_doc(self, docname: str) -> None:
        self.docs.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        # Only the documents the worker read: merging more would grow the
        # data with each parallel chunk.
        for docname in docnames:
            if docname in otherdata["docs"]:
                self.docs[docname] = otherdata["docs"][docname]

    def _resolve(
        self,
        builder: Builder,
        fromdocname: str,
        kind: str,
        target: str,
        contnode: Element,
    ) -> nodes.reference | None:
        landscape = get_landscape(self.env)
        record = landscape.get(kind, target)
        if record is None:
            return None
        home: Home | None = get_homes(self.env).get((kind, target))
        if home is None:
            # SPEC: an object with no home shows its label, unlinked, silently.
            # Sphinx puts whatever node we return in the pending_xref's place.
            return contnode  # type: ignore[return-value]
        title = record.title(self.env.config.learnscape_language)
        node = make_refnode(builder, fromdocname, home.docname, anchor_for(kind, target), contnode, title)
        refuri = node.get("refuri", "")
        if refuri.count("#") > 1:
            node["refuri"] = single_page(refuri[: refuri.rindex("#")], anchor_for(kind, target))
        return node

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        if typ not in self.object_types:
            return None
        return self._resolve(builder, fromdocname, typ, target, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results: list[tuple[str, nodes.reference]] = []
        homes = get_homes(env)
        for kind in KINDS:
            if (kind, target) not in homes:
                continue  # `any` only links; a homeless label is not a match
            shown = contnode
            record = get_landscape(env).get(kind, target)
            if record is not None and not node.get("refexplicit"):
                # `any` gives the id as written; show the label like our roles do.
                label = record.title(env.config.learnscape_language)
                shown = nodes.inline(label, label, classes=["learnscape-ref", f"learnscape-ref-{kind}"])
            resolved = self._resolve(builder, fromdocname, kind, target, shown)
            if resolved is not None:
                results.append((f"{self.name}:{kind}", resolved))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        landscape = get_landscape(self.env)
        language = self.env.config.learnscape_language
        for (kind, ident), home in sorted(get_homes(self.env).items()):
            record = landscape.get(kind, ident)
            if record is None:
                continue
            # Priority 1 (normal) for described objects, 2 (unimportant)
            # for objects whose home is only a table row.
            priority = 1 if home.priority == 0 else 2
            yield ident, record.title(language), kind, home.docname, anchor_for(kind, ident), priority

    def get_full_qualified_name(self, node: Element) -> str | None:
        target = node.get("reftarget")
        return f"{node.get('reftype')}:{target}" if target else None

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        return kind_name(type.roles[0], self.env.config.learnscape_language)
