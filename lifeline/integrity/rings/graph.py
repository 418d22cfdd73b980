"""A ring as a picture: supporters, beneficiaries and shared values as nodes, in columns."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from lifeline.intake.models import ParoleRequest
from lifeline.integrity.models import IdentityMembership, Ring

COLUMN_X = {"value": 110, "supporter": 380, "beneficiary": 650}
WIDTH = 760
ROW_HEIGHT = 34
TOP = 50
LABEL_CHARS = 26


@dataclass
class Node:
    key: str
    kind: str  # value, supporter or beneficiary
    label: str
    detail: str = ""
    x: int = 0
    y: int = 0
    url: str = ""  # where the node opens: the person's identity, a flag, the shared value's row

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else f"{self.label[: LABEL_CHARS - 1]}…"


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    label: str


@dataclass
class RingGraph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    height: int = 0
    width: int = WIDTH

    def columns(self) -> list[tuple[str, int]]:
        titles = {"value": _("Shared values"), "supporter": _("Supporters"),
                  "beneficiary": _("Beneficiaries")}  # fmt: skip
        return [(titles[kind], x) for kind, x in COLUMN_X.items()]


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str], Edge] = {}

    def node(self, key: str, kind: str, label: str, detail: str = "") -> Node:
        return self.nodes.setdefault(key, Node(key, kind, label, detail))

    def edge(self, source: Node, target: Node, label: str) -> None:
        self.edges.setdefault((source.key, target.key), Edge(source, target, label))

    def laid_out(self) -> RingGraph:
        """Nodes in three columns, each sorted by label, spaced evenly (deterministic)."""
        depth = 0
        for kind, x in COLUMN_X.items():
            column = sorted(
                (n for n in self.nodes.values() if n.kind == kind), key=lambda n: (n.label, n.key)
            )
            for index, node in enumerate(column):
                node.x, node.y = x, TOP + index * ROW_HEIGHT
            depth = max(depth, len(column))
        nodes = sorted(self.nodes.values(), key=lambda n: (list(COLUMN_X).index(n.kind), n.y))
        return RingGraph(nodes, list(self.edges.values()), TOP + max(1, depth) * ROW_HEIGHT)


def ring_graph(ring: Ring) -> RingGraph:
    """Forms link a supporter to a beneficiary; each shared value links to the supporters (or,
    for a narrative on a request without a supporter, the beneficiaries) whose forms carry it."""
    builder = _Builder()
    members = ring.members.select_related(
        "declaration__supporter", "declaration__beneficiary", "request__beneficiary"
    )
    identity_of = dict(
        IdentityMembership.objects.filter(
            person__declarations__in=[m.declaration_id for m in members if m.declaration_id]
        ).values_list("person_id", "identity_id")
    )
    request_beneficiary = {
        m.request_id: m.request.beneficiary for m in members if m.request_id and m.request
    }
    request_of_form = dict(
        ParoleRequest.declarations.through.objects.filter(
            supporterdeclaration_id__in=[m.declaration_id for m in members if m.declaration_id]
        ).values_list("supporterdeclaration_id", "parolerequest_id")
    )
    ends: dict[str, Node] = {}
    for member in members:
        if member.declaration is not None:
            declaration = member.declaration
            person = declaration.supporter
            identity = identity_of.get(person.pk)
            key = f"identity-{identity}" if identity else f"person-{person.pk}"
            supporter = builder.node(key, "supporter", str(person), _("Supporter"))
            if identity:
                supporter.url = reverse("integrity:identity", args=[identity])
            beneficiary = builder.node(
                f"person-{declaration.beneficiary_id}", "beneficiary", str(declaration.beneficiary)
            )
            builder.edge(supporter, beneficiary, _("form %(ref)s") % {"ref": declaration.reference})
            ends[f"declaration:{declaration.pk}"] = supporter
            request_id = request_of_form.get(declaration.pk)
            if request_id:
                ends[f"request:{request_id}"] = supporter
        elif member.request_id in request_beneficiary:
            person = request_beneficiary[member.request_id]
            ends[f"request:{member.request_id}"] = builder.node(
                f"person-{person.pk}", "beneficiary", str(person)
            )
    for index, signal in enumerate(ring.evidence):
        if signal.get("kind") == "supporter":
            for form in signal.get("members", []):
                if form in ends:
                    ends[form].detail = _("Serial sponsor")
            continue
        value = builder.node(
            f"value-{index}", "value", str(signal.get("value", "")), signal.get("kind", "")
        )
        value.url = f"#signal-{index}"
        for form in signal.get("members", []):
            if form in ends:
                builder.edge(value, ends[form], signal.get("rule", ""))
    for flag_id, subject_key in ring.flags.order_by("-score", "pk").values_list(
        "pk", "subject_key"
    ):
        node = ends.get(subject_key)
        if node is not None and not node.url:
            node.url = reverse("integrity:flag", args=[flag_id])
    return builder.laid_out()
