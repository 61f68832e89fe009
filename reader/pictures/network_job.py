"""The entity network's background job: build the network, keep what can be drawn, and
lay it out, on the window's runner (reader.workers.runner), Qt-free.

The request holds everything the view's controls chose; the picture holds the network
to draw and where each node goes. A query the search cannot run, or a search index
that is out of date on a read-only library, comes back as a problem to show, not as a
failure. Cancelled (the runner's handle), the job returns None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from library.marks.network import Network, build_network, trim
from library.search.query import QueryError
from library.storage.filters import Filters
from library.storage.store import Library
from reader.pictures.network_layout import force_layout, node_radius

BUILDING = -1.0  # the progress reported while the network is read, before the layout
# The heaviest co-occurrences drawn: enough to see groups, not a hairball. Past some
# thousands, more lines only darken the middle and slow every repaint (a third of a
# second for 28,000 at 2,000 nodes here).
EDGES_PER_NODE = 12
MAX_EDGES = 8000


@dataclass(frozen=True)
class NetworkRequest:
    cooccurrence: str | None = "article"  # "article", "sentence" or None
    relations: bool = True
    types: tuple[str, ...] = ()  # none: every type
    date_from: str | None = None
    date_to: str | None = None
    tag: str | None = None
    query: str = ""
    min_weight: int = 1
    max_nodes: int = 300

    def filters(self) -> Filters:
        return Filters(date_from=self.date_from, date_to=self.date_to, tag=self.tag)


@dataclass
class NetworkPicture:
    request: NetworkRequest
    network: Network = field(default_factory=Network)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    total_nodes: int = 0  # in the whole filtered network, before trimming
    total_edges: int = 0
    problem: str = ""  # QueryError.reason when the query could not be run
    detail: str = ""  # its English message, for the log


def network_job(request: NetworkRequest, lib: Library, handle) -> NetworkPicture | None:
    handle.progress(BUILDING)
    try:
        whole = build_network(
            lib,
            cooccurrence=request.cooccurrence,
            relations=request.relations,
            types=request.types,
            filters=request.filters(),
            query=request.query or None,
        )
    except QueryError as error:
        return NetworkPicture(request, problem=error.reason, detail=str(error))
    if handle.should_cancel():
        return None
    shown = trim(
        whole,
        request.max_nodes,
        request.min_weight,
        max_edges=min(EDGES_PER_NODE * max(request.max_nodes, 1), MAX_EDGES),
    )
    order = {node_id: n for n, node_id in enumerate(shown.nodes)}
    edges = [(order[e.source], order[e.target], float(e.weight)) for e in shown.edges]
    most = max((n.mentions for n in shown.nodes.values()), default=1)
    placed = force_layout(
        len(order),
        edges,
        progress=handle.progress,
        should_cancel=handle.should_cancel,
        radii=[node_radius(n.mentions, most) for n in shown.nodes.values()],
    )
    if placed is None:
        return None
    return NetworkPicture(
        request,
        shown,
        dict(zip(shown.nodes, placed, strict=True)),
        len(whole.nodes),
        len(whole.edges),
    )
