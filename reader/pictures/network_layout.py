"""Where each node of the entity network goes: a force-directed layout, Qt-free.

Fruchterman–Reingold (1991) in numpy: every pair of nodes repels, every edge attracts
(more for a heavier edge, on a log scale so that one pair seen in a thousand articles
does not collapse onto itself), a weak pull to the centre keeps separate groups from
drifting off, and a cooling step size settles the picture. Seeded, so the same network
always gives the same picture.

Written here rather than taken from networkx: its `spring_layout` and
`forceatlas2_layout` took 9 and 17 s for 2,000 nodes on this machine
(bench/network_bench.py) and neither reports progress nor can be stopped, where the
view needs both; this one takes about 2 s. The repulsion is computed a block of rows at
a time, so memory stays bounded at any size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

SEED = 17
BLOCK = 1024  # rows of the repulsion computed at once: BLOCK × n floats per array
GRAVITY = 0.05
LONER_GRAVITY = 4.0  # times stronger for a node without edges (see `force_layout`)
MIN_RADIUS, MAX_RADIUS = 5.0, 24.0  # a node's radius in scene units (`node_radius`)
PAD = 7.0  # room kept between two nodes' edges, for a label to squeeze in
SEPARATE_ROUNDS = 60
STEP = 3.0  # the most a node moves in one round of `separate`
SPACING = 48.0  # scene units between neighbours in a big network, about a label apart


def spacing_for(nodes: int) -> float:
    """A small network has room: its big nodes (up to 26 units across) and their labels
    should not touch; a big one is mostly small nodes, packed closer."""
    return 110.0 if nodes <= 60 else 72.0 if nodes <= 400 else SPACING


def node_radius(mentions: int, most: int) -> float:
    """The area grows with the mentions (the radius with their square root)."""
    share = math.sqrt(max(mentions, 0) / max(most, 1))
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share


def iterations_for(nodes: int) -> int:
    """Fewer steps for a big picture: each one costs n² and the big shapes settle first."""
    return 150 if nodes <= 300 else 100 if nodes <= 1500 else 70


def force_layout(
    count: int,
    edges: Sequence[tuple[int, int, float]],
    *,
    iterations: int | None = None,
    seed: int = SEED,
    progress: Callable[[float], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    spacing: float | None = None,
    radii: Sequence[float] | None = None,
) -> list[tuple[float, float]] | None:
    """Positions (x, y) for nodes 0..count-1 joined by `edges` (i, j, weight), spread so
    that neighbours sit about `spacing` apart (`spacing_for`), centred on (0, 0). `progress` gets the
    fraction done now and then; None if `should_cancel` said so. With `radii`, nodes are
    then pushed apart until no two overlap (`separate`): the forces place points, and a
    big node drawn on a point can hide its neighbours."""
    if count == 0:
        return []
    if count == 1:
        return [(0.0, 0.0)]
    steps = iterations if iterations is not None else iterations_for(count)
    rng = np.random.default_rng(seed)
    x = rng.random(count, dtype=np.float64).astype(np.float32) - 0.5
    y = rng.random(count, dtype=np.float64).astype(np.float32) - 0.5
    k2 = np.float32(1.0 / count)  # the ideal distance squared, in a unit square
    k = np.float32(math.sqrt(k2))
    if edges:
        src = np.fromiter((e[0] for e in edges), np.int64, len(edges))
        dst = np.fromiter((e[1] for e in edges), np.int64, len(edges))
        pull = np.fromiter((1 + math.log(max(e[2], 1)) for e in edges), np.float32, len(edges))
        pull /= k
    # A node without edges is pushed by everyone and held by nothing: with the common
    # pull it would sit twice as far out as the rest and shrink the picture when fitted.
    degree = np.zeros(count, np.int64)
    if edges:
        np.add.at(degree, src, 1)
        np.add.at(degree, dst, 1)
    gravity = np.where(degree == 0, GRAVITY * LONER_GRAVITY, GRAVITY).astype(np.float32) / k
    heat, cooling = 0.1, 0.1 / (steps + 1)
    fx = np.empty(count, np.float32)
    fy = np.empty(count, np.float32)
    for step in range(steps):
        if should_cancel is not None and should_cancel():
            return None
        _repel(x, y, k2, fx, fy)
        if edges:
            ex = x[src] - x[dst]
            ey = y[src] - y[dst]
            force = np.sqrt(ex * ex + ey * ey) * pull
            fx -= np.bincount(src, force * ex, count).astype(np.float32)
            fx += np.bincount(dst, force * ex, count).astype(np.float32)
            fy -= np.bincount(src, force * ey, count).astype(np.float32)
            fy += np.bincount(dst, force * ey, count).astype(np.float32)
        fx -= gravity * x
        fy -= gravity * y
        length = np.sqrt(fx * fx + fy * fy) + np.float32(1e-9)
        scale = np.minimum(length, heat) / length
        x += fx * scale
        y += fy * scale
        heat -= cooling
        if progress is not None and (step % 5 == 4 or step == steps - 1):
            progress((step + 1) / steps)
    x -= x.mean()
    y -= y.mean()
    # The unit square holds n nodes about k apart: scale so that k becomes the spacing.
    factor = np.float32((spacing if spacing is not None else spacing_for(count)) / float(k))
    x *= factor
    y *= factor
    if radii is not None:
        separate(x, y, np.asarray(radii, dtype=np.float32), should_cancel)
    return [(float(a), float(b)) for a, b in zip(x, y, strict=True)]


def _repel(x, y, k2, fx, fy) -> None:
    """Every pair pushes apart with k²/d (into fx, fy), a block of rows at a time."""
    count = len(x)
    for lo in range(0, count, BLOCK):
        hi = min(lo + BLOCK, count)
        dx = x[lo:hi, None] - x[None, :]
        dy = y[lo:hi, None] - y[None, :]
        d2 = dx * dx
        d2 += dy * dy
        d2 += np.float32(1e-6)  # two nodes on one spot still push apart, never divide by 0
        np.divide(k2, d2, out=d2)
        fx[lo:hi] = (d2 * dx).sum(axis=1)
        fy[lo:hi] = (d2 * dy).sum(axis=1)


def separate(x, y, radii, should_cancel: Callable[[], bool] | None = None) -> None:
    """Push overlapping nodes apart (in place), half the overlap each, a few rounds at most."""
    count = len(x)
    dx_sum = np.empty(count, np.float32)
    dy_sum = np.empty(count, np.float32)
    for _round in range(SEPARATE_ROUNDS):
        if should_cancel is not None and should_cancel():
            return
        crowded = False
        for lo in range(0, count, BLOCK):
            hi = min(lo + BLOCK, count)
            dx = x[lo:hi, None] - x[None, :]
            dy = y[lo:hi, None] - y[None, :]
            distance = np.sqrt(dx * dx + dy * dy) + np.float32(1e-3)
            overlap = radii[lo:hi, None] + radii[None, :] + PAD - distance
            overlap[np.arange(hi - lo), np.arange(lo, hi)] = 0  # not with itself
            np.maximum(overlap, 0, out=overlap)
            if overlap.any():
                crowded = True
            push = overlap / distance * np.float32(0.5)
            dx_sum[lo:hi] = (push * dx).sum(axis=1)
            dy_sum[lo:hi] = (push * dy).sum(axis=1)
        if not crowded:
            return
        # Small steps: in a crowd the pushes of many neighbours add up, and one node
        # moved by their sum at once would be flung through the others and far off.
        length = np.sqrt(dx_sum * dx_sum + dy_sum * dy_sum) + np.float32(1e-9)
        scale = np.minimum(length, STEP) / length
        x += dx_sum * scale
        y += dy_sum * scale
