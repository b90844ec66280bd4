"""The map's text alternative says what the picture shows."""

from __future__ import annotations

from render_helpers import check_snapshot, landscape

from sphinx_learnscape.data.query import Filter
from sphinx_learnscape.render.options import MapOptions
from sphinx_learnscape.render.textalt import aria_summary, text_alternative, text_alternative_plain


def test_zones_forms_tools_thinkers_links() -> None:
    entries = text_alternative(landscape(), MapOptions(), "en")
    assert [z.id for z in entries] == ["formal", "social", "informal", None]
    formal, social, informal, unplaced = entries
    assert (formal.label, formal.band) == ("Formal learning", "education")
    (classroom,) = formal.forms
    assert classroom.orientation == "learning"
    assert classroom.tools == ("lms", "teams")
    assert classroom.tool_labels == ("LMS", "Microsoft Teams")
    assert classroom.thinker_labels == ("David Kolb",)
    assert [(x.target, x.label, x.kind) for x in classroom.links] == [("coaching", "follow-up", "sequence")]
    assert formal.performance == ()
    assert [f.id for f in social.learning] == ["coaching"]
    assert [f.id for f in social.performance] == ["community"]
    # a link without a label is named by its kind
    assert [(x.target_label, x.label) for x in social.forms[0].links] == [
        ("Communities of practice", "joins")
    ]
    assert informal.band is None and informal.learning == ()
    assert unplaced.label == "Unplaced (unknown zone)"
    assert [f.id for f in unplaced.forms] == ["lost"]


def test_follows_the_selection_and_show() -> None:
    entries = text_alternative(landscape(), MapOptions(selection=Filter(tools=("wiki",))), "en")
    assert [[f.id for f in z.forms] for z in entries] == [[], ["community"], ["howto"]]
    community = entries[1].forms[0]
    assert community.tools == ("wiki",)  # only the tools drawn on this map
    assert community.links == ()  # its link partner is not on the map
    only_forms = text_alternative(landscape(), MapOptions(show=frozenset({"forms"})), "en")
    assert all(not f.tools and not f.thinkers and not f.links for z in only_forms for f in z.forms)


def test_without_forms_zones_list_their_tools_and_thinkers() -> None:
    entries = text_alternative(landscape(), MapOptions(show=frozenset({"tools", "thinkers"})), "en")
    social = entries[1]
    assert social.forms == ()
    # Each zone lists the tools and thinkers of its own forms, as the map draws
    # them: a tool shared by forms of three zones is in all three.
    assert social.tools == ("teams", "wiki")
    assert social.thinkers == ("vygotsky", "wenger")
    assert entries[0].tools == ("lms", "teams") and entries[2].tools == ("wiki",)
    assert entries[0].thinkers == ("kolb",) and entries[2].thinkers == ("rosenberg",)


def test_aria_summary() -> None:
    assert (
        aria_summary(landscape(), MapOptions(), "en")
        == "Landscape map: 3 zones, 5 learning forms, 3 tools, 4 thinkers, 3 links."
    )
    one = MapOptions(selection=Filter(forms=("coaching",)), show=frozenset({"forms", "tools"}))
    assert aria_summary(landscape(), one, "en") == "Landscape map: 3 zones, 1 learning form, 1 tool."
    assert aria_summary(landscape(), MapOptions(), "nl").startswith(
        "Kaart van het leerlandschap: 3 zones, 5 leervormen"
    )


def test_plain_text() -> None:
    text = text_alternative_plain(landscape(), MapOptions(), "en")
    check_snapshot("textalt-full.txt", text)
    assert "  Performance support:\n    (none)" in text
    assert (
        "- Classroom training — tools: LMS, Microsoft Teams; thinkers: David Kolb; links: → Coaching" in text
    )


def test_plain_text_dutch_and_without_forms() -> None:
    check_snapshot("textalt-full-nl.txt", text_alternative_plain(landscape(), MapOptions(), "nl"))
    text = text_alternative_plain(landscape(), MapOptions(show=frozenset({"tools", "thinkers"})), "en")
    assert "Learning with others (70:20:10: exposure)\n  tools: Microsoft Teams" in text
