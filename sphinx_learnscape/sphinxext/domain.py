"""The ``learnscape`` domain: object types, roles, homes and reference resolution."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import RoleFunction

from sphinx_learnscape.data.model import KINDS
from sphinx_learnscape.sphinxext.deps import DocRecord
from sphinx_learnscape.sphinxext.homes import Home, anchor_for
from sphinx_learnscape.sphinxext.i18n import KIND_NAMES, kind_name
from sphinx_learnscape.sphinxext.labels import label_node
from sphinx_learnscape.sphinxext.links import single_page
from sphinx_learnscape.sphinxext.map.directive import MapDirective
from sphinx_learnscape.sphinxext.objects import HOMES
from sphinx_learnscape.sphinxext.roles import ObjectRole
from sphinx_learnscape.sphinxext.state import DOMAIN, get_config, get_docs, get_homes, get_landscape
from sphinx_learnscape.sphinxext.tables import TABLES


class LearnscapeDomain(Domain):
    """Learning forms, tools, thinkers and zones of the learning landscape.

    The whole vocabulary is declared here: an object directive and a role
    per kind, the tables and the map. Per-document records live in
    ``self.data["docs"]``; what persists besides is the one
    :class:`.state.LearnscapeState` in ``self.data["state"]``.
    """

    name = DOMAIN
    label = "Learning landscape"
    object_types: ClassVar[dict[str, ObjType]] = {
        kind: ObjType(KIND_NAMES[kind], kind, "any") for kind in KINDS
    }
    directives: ClassVar[dict[str, type[Directive]]] = {
        **HOMES,
        **TABLES,
        "map": MapDirective,
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {kind: ObjectRole() for kind in KINDS}
    initial_data: ClassVar[dict[str, Any]] = {"docs": {}, "state": None}

    @property
    def docs(self) -> dict[str, DocRecord]:
        return get_docs(self.env)

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
        if isinstance(contnode, nodes.Text):
            # A link made by a directive (links.object_ref) shows its label as a label node.
            contnode = label_node(str(contnode), kind)
        home: Home | None = get_homes(self.env).get((kind, target))
        if home is None:
            # An object with no home shows its label, unlinked, silently (docs/roles.rst).
            # Sphinx puts whatever node we return in the pending_xref's place.
            return contnode  # type: ignore[return-value]
        title = record.title(get_config(self.env).language)
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
                label = record.title(get_config(env).language)
                shown = label_node(label, kind)
            resolved = self._resolve(builder, fromdocname, kind, target, shown)
            if resolved is not None:
                results.append((f"{self.name}:{kind}", resolved))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        landscape = get_landscape(self.env)
        language = get_config(self.env).language
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
        return kind_name(type.roles[0], get_config(self.env).language)
