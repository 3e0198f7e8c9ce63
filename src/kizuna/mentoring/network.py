"""The Japan → Thailand → CLMV chain of a programme as a server-side SVG picture.

Three columns (Japanese mentors, Thai SMEs, CLMV companies) laid out by networkx's
multipartite layout; nodes in each column are ordered by the mean position of
their neighbours (one barycentric sweep) so that edges cross less. Edges are the
accepted and completed pairs and the CLMV links. The SVG is built with ElementTree
(always well-formed), carries a <title> and <desc> for screen readers, a legend,
and names organisations in the reader's language with the site's Thai and
Japanese fonts.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import networkx as nx
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kizuna.common.i18n import current_language
from kizuna.mentoring.enums import PairingStatus
from kizuna.mentoring.models import CLMVLink, Pairing
from kizuna.organisations.models import Organisation
from kizuna.programmes.models import Programme

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = '"Noto Sans Thai", "Noto Sans JP", "Noto Sans CJK JP", "Loma", "Garuda", sans-serif'
LAYERS = ("jp", "th", "clmv")
COLUMN_X = {"jp": 300, "th": 570, "clmv": 880}
WIDTH = 1160
TOP = 112
ROW = 21
LABEL_WIDTH = 40  # in half-width character cells: a Japanese character takes two, a Thai vowel mark none
EDGE_STYLE = {
    "accepted": {"stroke": "#8a94a6", "stroke-width": "1.2"},
    "completed": {"stroke": "#1b7f3b", "stroke-width": "2.4"},
    "clmv": {"stroke": "#b3261e", "stroke-width": "2.4", "stroke-dasharray": "6 4"},
}
NODE_FILL = {"jp": "#bc002d", "th": "#2d2a4a", "clmv": "#c77800"}


@dataclass(frozen=True)
class NetworkData:
    graph: nx.Graph  # nodes: org pk with layer, label, country; edges with kind
    programme: Programme


def network_data(programme: Programme, lang: str | None = None) -> NetworkData:
    """The graph of `programme`: its accepted and completed pairs, and the CLMV
    links made in it or onward from its plans (three queries)."""
    lang = lang or current_language()
    pairs = list(
        Pairing.objects.filter(round__programme=programme, status__in=(PairingStatus.ACCEPTED, PairingStatus.COMPLETED))
        .values_list("mentor_id", "mentee_id", "status")
        .order_by("pk")
    )
    links = list(
        CLMVLink.objects.filter(Q(programme=programme) | Q(source_plan__pairing__round__programme=programme))
        .values_list("mentor_id", "mentee_id")
        .order_by("pk")
        .distinct()
    )
    layer: dict[int, str] = {}
    for mentor, mentee, _status in pairs:
        layer.setdefault(mentor, "jp")
        layer[mentee] = "th"
    for mentor, mentee in links:
        layer[mentor] = "th"
        layer[mentee] = "clmv"
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=layer).only("pk", "name", "name_th", "name_ja", "name_en", "country_id")}
    g = nx.Graph()
    for pk in sorted(layer, key=lambda pk: orgs[pk].display_name(lang).casefold()):
        org = orgs[pk]
        g.add_node(pk, layer=layer[pk], label=org.display_name(lang), country=org.country_id)
    for mentor, mentee, status in pairs:
        g.add_edge(mentor, mentee, kind="completed" if status == PairingStatus.COMPLETED else "accepted")
    for mentor, mentee in links:
        g.add_edge(mentor, mentee, kind="clmv")
    return NetworkData(graph=g, programme=programme)


def _ordered(g: nx.Graph) -> nx.Graph:
    """The same graph with nodes inserted column by column in barycentric order:
    Thai SMEs by name, then each Japanese mentor and CLMV company by the mean row
    of its Thai partners."""
    by_layer = {name: [n for n, d in g.nodes(data=True) if d["layer"] == name] for name in LAYERS}
    row = {n: i for i, n in enumerate(by_layer["th"])}

    def barycentre(n):
        rows = [row[m] for m in g.neighbors(n) if m in row]
        return (sum(rows) / len(rows) if rows else len(row), g.nodes[n]["label"].casefold())

    ordered = nx.Graph()
    for name in LAYERS:
        nodes = by_layer[name] if name == "th" else sorted(by_layer[name], key=barycentre)
        ordered.add_nodes_from((n, g.nodes[n]) for n in nodes)
    ordered.add_edges_from(g.edges(data=True))
    return ordered


def _cells(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) == "Mn":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _short(label: str, width: int = LABEL_WIDTH) -> str:
    """`label` cut to about `width` half-width cells, with an ellipsis when cut."""
    if sum(_cells(c) for c in label) <= width:
        return label
    out, used = [], 0
    for char in label:
        cells = _cells(char)
        if used + cells > width - 1:
            break
        out.append(char)
        used += cells
    # keep a Thai vowel or tone mark with the consonant it sits on
    rest = label[len(out):]
    while rest and _cells(rest[0]) == 0:
        out.append(rest[0])
        rest = rest[1:]
    return "".join(out).rstrip() + "…"


def network_svg(data: NetworkData, *, element_id: str = "network") -> str:
    """The picture as an SVG document (a string), sized to its tallest column."""
    g = _ordered(data.graph)
    counts = {name: sum(1 for _n, d in g.nodes(data=True) if d["layer"] == name) for name in LAYERS}
    tallest = max([*counts.values(), 1])
    height = TOP + tallest * ROW + 40
    positions: dict[int, tuple[float, float]] = {}
    if g.number_of_nodes():
        present = [name for name in LAYERS if counts[name]]
        subsets = {LAYERS.index(name): [n for n, d in g.nodes(data=True) if d["layer"] == name] for name in present}
        raw = nx.multipartite_layout(g, subset_key=subsets, align="vertical", scale=1.0)
        # networkx centres each column on 0 with equal spacing; map that spacing to ROW pixels
        for name in present:
            nodes = subsets[LAYERS.index(name)]
            ys = sorted(float(raw[n][1]) for n in nodes)
            step = (ys[-1] - ys[0]) / (len(ys) - 1) if len(ys) > 1 else 1.0
            offset = (tallest - len(nodes)) * ROW / 2
            for n in nodes:
                rank = round((float(raw[n][1]) - ys[0]) / step) if len(ys) > 1 else 0
                positions[n] = (COLUMN_X[name], TOP + offset + (len(nodes) - 1 - rank) * ROW + ROW / 2)

    programme = data.programme.name()
    n_pairs = sum(1 for *_e, d in g.edges(data=True) if d["kind"] != "clmv")
    n_links = sum(1 for *_e, d in g.edges(data=True) if d["kind"] == "clmv")
    ET.register_namespace("", SVG_NS)
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS, "id": element_id, "class": "network", "role": "img", "version": "1.1",
            "width": str(WIDTH), "height": str(height), "viewBox": f"0 0 {WIDTH} {height}",
            "preserveAspectRatio": "xMidYMin meet",
            "aria-labelledby": f"{element_id}-title {element_id}-desc", "font-family": FONT_FAMILY,
            "font-size": "13",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{element_id}-title"}).text = _(
        "Technology transfer from Japan to Thailand and on to CLMV in %(programme)s"
    ) % {"programme": programme}
    ET.SubElement(svg, "desc", {"id": f"{element_id}-desc"}).text = _(
        "%(jp)s Japanese mentors, %(th)s Thai SMEs and %(clmv)s companies in Cambodia, Laos, Myanmar or Vietnam; "
        "%(pairs)s mentoring pairs and %(links)s onward links to CLMV."
    ) % {"jp": counts["jp"], "th": counts["th"], "clmv": counts["clmv"], "pairs": n_pairs, "links": n_links}
    ET.SubElement(svg, "rect", {"x": "0", "y": "0", "width": str(WIDTH), "height": str(height), "fill": "#ffffff"})

    headings = {"jp": _("Japanese mentors"), "th": _("Thai SMEs"), "clmv": _("CLMV companies")}
    for name in LAYERS:
        h = ET.SubElement(svg, "text", {"x": str(COLUMN_X[name]), "y": "36", "text-anchor": "middle",
                                        "font-size": "16", "font-weight": "700", "class": f"heading heading-{name}"})
        h.text = headings[name]
        c = ET.SubElement(svg, "text", {"x": str(COLUMN_X[name]), "y": "56", "text-anchor": "middle",
                                        "fill": "#5b6475", "class": "count"})
        c.text = ngettext("%(n)s organisation", "%(n)s organisations", counts[name]) % {"n": counts[name]}

    _legend(svg)

    edges = ET.SubElement(svg, "g", {"class": "edges", "fill": "none"})
    for a, b, d in sorted(g.edges(data=True), key=lambda e: ("accepted", "completed", "clmv").index(e[2]["kind"])):
        src, dst = (a, b) if LAYERS.index(g.nodes[a]["layer"]) < LAYERS.index(g.nodes[b]["layer"]) else (b, a)
        (x1, y1), (x2, y2) = positions[src], positions[dst]
        if d["kind"] == "clmv":  # leave the Thai SME's label, which sits right of its node, uncrossed
            x1 = min(x1 + 16 + 6.8 * sum(_cells(c) for c in _short(g.nodes[src]["label"])), x2 - 40)
        mid = (x1 + x2) / 2
        ET.SubElement(edges, "path", {
            "class": f"edge edge-{d['kind']}", "data-from": str(src), "data-to": str(dst), "data-kind": d["kind"],
            "d": f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}",
            **EDGE_STYLE[d["kind"]],
        })

    nodes = ET.SubElement(svg, "g", {"class": "nodes"})
    for n, d in g.nodes(data=True):
        x, y = positions[n]
        node = ET.SubElement(nodes, "g", {"class": f"node node-{d['layer']}", "data-org": str(n), "data-layer": d["layer"]})
        ET.SubElement(node, "title").text = d["label"]
        ET.SubElement(node, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "5.5", "fill": NODE_FILL[d["layer"]],
                                       "stroke": "#ffffff", "stroke-width": "1.5"})
        if d["layer"] == "jp":
            anchor, lx = "end", x - 10
        else:
            anchor, lx = "start", x + 10
        label = ET.SubElement(node, "text", {
            "x": f"{lx:.1f}", "y": f"{y + 4.5:.1f}", "text-anchor": anchor, "class": "label",
            "paint-order": "stroke", "stroke": "#ffffff", "stroke-width": "3", "stroke-linejoin": "round",
            "fill": "#1d2433",
        })
        label.text = _short(d["label"])
    return ET.tostring(svg, encoding="unicode")


def _legend(svg: ET.Element) -> None:
    """One row under the column headings: a line sample and its meaning per edge kind."""
    legend = ET.SubElement(svg, "g", {"class": "legend", "transform": "translate(24,80)"})
    entries = (
        ("accepted", _("Pair accepted, plan under way")),
        ("completed", _("Plan completed")),
        ("clmv", _("Onward link to a CLMV company")),
    )
    ET.SubElement(legend, "rect", {"x": "-12", "y": "-14", "width": str(WIDTH - 24), "height": "28",
                                   "fill": "#f7f8fa", "stroke": "#d9dee7", "rx": "4"})
    for i, (kind, text) in enumerate(entries):
        x = i * 380
        ET.SubElement(legend, "line", {"x1": str(x), "y1": "0", "x2": str(x + 34), "y2": "0",
                                       "class": f"legend-{kind}", **EDGE_STYLE[kind]})
        t = ET.SubElement(legend, "text", {"x": str(x + 44), "y": "4.5", "font-size": "12"})
        t.text = text
