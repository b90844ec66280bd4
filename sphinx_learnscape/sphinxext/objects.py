"""The object directives (``learnscape:form:: ID`` ...): an object's home.

Each renders the object's data (label, fields, description) as a Sphinx
object description, followed by the directive's own content, and carries
the anchor ``learnscape-{kind}-{id}`` every link to the object targets.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives import ObjectDescription

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.data.model import PLURAL_OF, Form, Kind, Landscape, Thinker, Tool, Zone
from sphinx_learnscape.data.query import Filter
from sphinx_learnscape.sphinxext.deps import doc_record, note_selection, note_shows
from sphinx_learnscape.sphinxext.homes import DESCRIPTION, anchor_for
from sphinx_learnscape.sphinxext.i18n import N_, kind_name, translate
from sphinx_learnscape.sphinxext.links import object_ref, object_refs
from sphinx_learnscape.sphinxext.options import warn_no_data
from sphinx_learnscape.sphinxext.state import get_config, get_landscape
from sphinx_learnscape.sphinxext.tables import LEVELS, ORIENTATIONS, lifespan
from sphinx_learnscape.sphinxext.verbatim import verbatim
from sphinx_learnscape.sphinxext.warning import warn

BANDS = {"education": N_("education"), "exposure": N_("exposure"), "experience": N_("experience")}
MOMENTS = {
    "new": N_("learning something new"),
    "more": N_("learning more"),
    "apply": N_("applying"),
    "solve": N_("solving a problem"),
    "change": N_("changing"),
}


class ObjectHome(ObjectDescription[str]):
    """Shared by the four object directives; ``objtype`` is the kind (one subclass each)."""

    has_content = True
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    option_spec: ClassVar[dict[str, Any]] = {
        **ObjectDescription.option_spec,
        "class": directives.class_option,
    }

    @property
    def landscape(self) -> Landscape:
        return get_landscape(self.env)

    @property
    def language(self) -> str:
        return get_config(self.env).language

    def t(self, message: str) -> str:
        return translate(message, self.language)

    @property
    def kind(self) -> Kind:
        return cast("Kind", self.name.split(":", 1)[1])

    def run(self) -> list[nodes.Node]:
        # ObjectDescription sets these too, but only inside its run().
        self.domain, self.objtype = self.name.split(":", 1)
        ident = self.arguments[0].strip()
        note_shows(self.env, [(self.objtype, ident)])
        if self.landscape.get(self.objtype, ident) is None:
            if not warn_no_data(self):
                warn(
                    f"learnscape:{self.objtype}:: unknown {kind_name(self.objtype, 'en')} id {ident!r}; "
                    "the directive's content is shown without data",
                    Subtype.REF,
                    self.get_location(),
                )
            container = nodes.container(classes=["learnscape-missing"])
            self.state.nested_parse(self.content, self.content_offset, container)
            return [container]
        self.note_dependencies(ident)
        result = super().run()
        for node in result:
            if isinstance(node, addnodes.desc):
                node["classes"] += ["learnscape-object", *self.options.get("class", [])]
        return result

    def handle_signature(self, sig: str, signode: addnodes.desc_signature) -> str:
        record = self.landscape.get(self.objtype, sig)
        assert record is not None  # checked in run()
        signode += addnodes.desc_annotation(
            "",
            "",
            addnodes.desc_sig_keyword("", kind_name(self.objtype, self.language)),
            addnodes.desc_sig_space(),
        )
        signode += verbatim(addnodes.desc_name("", record.title(self.language)))
        return sig

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        anchor = anchor_for(self.objtype, name)
        if "no-index" in self.options or "noindex" in self.options:
            return
        record = doc_record(self.env)
        if not any(c[:3] == (self.objtype, name, DESCRIPTION) for c in record.candidates):
            # A second description on the same page gets no id of its own
            # (an HTML id is unique); the duplicate warning names it.
            signode["ids"].append(anchor)
        record.candidates.append((self.objtype, name, DESCRIPTION, record.next_seq(), self.lineno))
        # The general-index entry is added with the homes (see homes.py).

    def _object_hierarchy_parts(self, sig_node: addnodes.desc_signature) -> tuple[str, ...]:
        if not get_config(self.env).toc_entries:
            return ()
        return (self.objtype, self.arguments[0].strip())

    def _toc_entry_name(self, sig_node: addnodes.desc_signature) -> str:
        # Off by default (learnscape_toc_entries): a page describing a
        # thousand forms would copy a thousand entries into every toctree
        # that includes it, where hand-written rubrics add none.
        if not get_config(self.env).toc_entries:
            return ""
        record = self.landscape.get(self.objtype, self.arguments[0].strip())
        return record.title(self.language) if record is not None else ""

    def transform_content(self, content_node: addnodes.desc_content) -> None:
        """The object's data goes before the author's own content."""
        record = self.landscape.get(self.objtype, self.arguments[0].strip())
        if record is None:
            return
        data: list[nodes.Node] = []
        if record.description is not None:
            for block in record.description.get(self.language).split("\n\n"):
                if block.strip():
                    para = nodes.paragraph("", block.strip(), classes=["learnscape-description"])
                    data.append(verbatim(para))
        fields = self.fields(record)
        if fields:
            field_list = verbatim(nodes.field_list(classes=["learnscape-fields"]))
            for label, body in fields:
                para = nodes.paragraph()
                para.extend(body)
                field_list += nodes.field("", nodes.field_name("", label), nodes.field_body("", para))
            data.append(field_list)
        content_node[0:0] = data

    # -- the fields of each kind --------------------------------------------

    def ref(self, kind: str, ident: str) -> nodes.Node:
        return object_ref(self.env, kind, ident)

    def refs(self, kind: str, idents: Any) -> list[nodes.Node]:
        return object_refs(self.env, kind, idents)

    def url(self, url: str | None) -> list[tuple[str, list[nodes.Node]]]:
        if not url:
            return []
        return [(self.t("Link"), [nodes.reference(url, url, refuri=url)])]

    def fields(self, record: Any) -> list[tuple[str, list[nodes.Node]]]:
        """The kind's own fields, then the link; each kind's directive says which."""
        return [*self.kind_fields(record), *self.url(record.url)]

    def kind_fields(self, record: Any) -> list[tuple[str, list[nodes.Node]]]:
        return []

    def note_dependencies(self, ident: str) -> None:
        """What else, besides the object itself, this description shows."""


class FormHome(ObjectHome):
    def kind_fields(self, record: Form) -> list[tuple[str, list[nodes.Node]]]:
        text = nodes.Text
        fields: list[tuple[str, list[nodes.Node]]] = []
        if record.zone:
            fields.append((self.t("Zone"), [self.ref("zone", record.zone)]))
        fields.append((self.t("Orientation"), [text(self.t(ORIENTATIONS[record.orientation]))]))
        if record.tools:
            fields.append((self.t("Tools"), self.refs("tool", record.tools)))
        if record.thinkers:
            fields.append((self.t("Thinkers"), self.refs("thinker", record.thinkers)))
        if record.moments:
            moments = ", ".join(self.t(MOMENTS[m]) for m in record.moments)
            fields.append((self.t("Moments of need"), [text(moments)]))
        if record.tags:
            fields.append((self.t("Tags"), [text(", ".join(record.tags))]))
        if record.owner:
            fields.append((self.t("Owner"), [text(record.owner)]))
        if record.audience:
            fields.append((self.t("Audience"), [text(record.audience)]))
        levels = [o.level for o in self.landscape.outcomes_of(record.id)]
        if levels:
            shown = ", ".join(self.t(LEVELS[level]) for level in dict.fromkeys(levels))
            fields.append((self.t("Outcomes"), [text(f"{len(levels)} ({shown})")]))
        return fields


class UsedHome(ObjectHome):
    """Tools and thinkers: their own fields, then the forms that use them."""

    def own_fields(self, record: Any) -> list[tuple[str, list[nodes.Node]]]:
        return []

    def kind_fields(self, record: Tool | Thinker) -> list[tuple[str, list[nodes.Node]]]:
        fields = self.own_fields(record)
        users = [f.id for f in self.landscape.forms_using(record.kind, record.id)]
        if users:
            fields.append((self.t("Learning forms"), self.refs("form", users)))
        return fields

    def note_dependencies(self, ident: str) -> None:
        # A form that starts using it must re-read this page.
        note_selection(self.env, (), Filter(**{PLURAL_OF[self.kind]: (ident,)}))


class ToolHome(UsedHome):
    def own_fields(self, record: Tool) -> list[tuple[str, list[nodes.Node]]]:
        return [(self.t("Category"), [nodes.Text(record.category)])] if record.category else []


class ThinkerHome(UsedHome):
    def own_fields(self, record: Thinker) -> list[tuple[str, list[nodes.Node]]]:
        text = nodes.Text
        fields: list[tuple[str, list[nodes.Node]]] = []
        lived = lifespan(record.born, record.died)
        if lived:
            fields.append((self.t("Lived"), [text(lived)]))
        if record.known_for is not None:
            fields.append((self.t("Known for"), [text(record.known_for.get(self.language))]))
        if record.idea is not None:
            fields.append((self.t("Idea"), [text(record.idea.get(self.language))]))
        return fields


class ZoneHome(ObjectHome):
    def kind_fields(self, record: Zone) -> list[tuple[str, list[nodes.Node]]]:
        fields: list[tuple[str, list[nodes.Node]]] = []
        if record.band:
            fields.append((self.t("Band"), [nodes.Text(f"70:20:10 — {self.t(BANDS[record.band])}")]))
        forms = [f.id for f in self.landscape.forms_in_zone(record.id)]
        if forms:
            fields.append((self.t("Learning forms"), self.refs("form", forms)))
        return fields

    def note_dependencies(self, ident: str) -> None:
        note_selection(self.env, (), Filter(zones=(ident,)))


#: The object directives by kind, as the domain declares them.
HOMES: dict[str, type[ObjectHome]] = {
    "zone": ZoneHome,
    "form": FormHome,
    "tool": ToolHome,
    "thinker": ThinkerHome,
}
