"""Vendor the country boundaries of the region around Kazakhstan from the npm package ``world-atlas``.

The geography chapter draws its map from ``src/helpers/data/region_boundaries.json`` and fetches
nothing at run time. This script makes that file from the npm tarball of ``world-atlas`` (Natural
Earth 1:110m Admin 0 countries as TopoJSON; Natural Earth is public domain, world-atlas is ISC):

    cd /tmp && npm pack world-atlas@2                      # writes world-atlas-2.0.2.tgz
    .venv/bin/python scripts/vendor_world_atlas.py /tmp/world-atlas-2.0.2.tgz

It decodes ``countries-110m.json`` (TopoJSON: quantized, delta-encoded arcs) into GeoJSON features,
keeps the countries of the region (``COUNTRIES``, by ISO 3166 numeric code), rounds coordinates to
``DECIMALS`` places, drops rings that rounding would collapse or turn inside out, adds to each
feature a label point inside the map window, and writes a GeoJSON FeatureCollection with its
provenance in ``metadata``. The same tarball gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "helpers" / "data" / "region_boundaries.json"
MEMBER = "package/countries-110m.json"
# ISO 3166-1 numeric -> name: Kazakhstan, its neighbours, and what helps a reader find the way.
COUNTRIES = {
    "398": "Kazakhstan", "643": "Russia", "156": "China", "417": "Kyrgyzstan", "860": "Uzbekistan",
    "795": "Turkmenistan", "762": "Tajikistan", "496": "Mongolia", "004": "Afghanistan", "364": "Iran",
    "031": "Azerbaijan", "268": "Georgia", "051": "Armenia", "792": "Turkey", "586": "Pakistan", "356": "India",
}
# The map window (degrees): label points are placed inside it; the chapter's map uses the same box.
WINDOW = (45.0, 35.0, 90.0, 57.0)  # lon_min, lat_min, lon_max, lat_max
DECIMALS = 2


def read_topology(tarball: Path) -> tuple[dict, dict]:
    """The TopoJSON of ``countries-110m.json`` and the package's ``package.json`` from the tarball."""
    with tarfile.open(tarball, "r:gz") as tar:
        topology = json.load(tar.extractfile(MEMBER))
        package = json.load(tar.extractfile("package/package.json"))
    return topology, package


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat positions of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch arcs into one ring; a negative index ~i means arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def signed_area(points: list[tuple[float, float]]) -> float:
    """Planar signed area (shoelace) in square degrees; its sign gives the winding."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))


def rounded(points: list[tuple[float, float]]) -> list[list[float]] | None:
    """The ring rounded to ``DECIMALS`` without repeated points; None if rounding collapses or flips it."""
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4:
        return None
    before, after = signed_area(points), signed_area([tuple(p) for p in out])
    if after == 0 or (before > 0) != (after > 0):
        return None
    return out


def polygons(geometry: dict, arcs) -> list[list[list[list[float]]]]:
    """The geometry's polygons as lists of rounded rings (exterior first)."""
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    result = []
    for part in parts:
        rings = [rounded(ring(r, arcs)) for r in part]
        if rings[0] is None:
            continue
        result.append([r for r in rings if r is not None])
    return result


def inside(x: float, y: float, ring_points: list[list[float]]) -> bool:
    """Even-odd point-in-ring test."""
    hit = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring_points):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def label_point(polys: list) -> tuple[float, float] | None:
    """A point for the country's label: the inside grid point (0.5 degree) nearest the mean of the
    inside points of the map window; None when the country does not enter the window."""
    lon0, lat0, lon1, lat1 = WINDOW
    points = []
    for i in range(int((lon1 - lon0) * 2) + 1):
        for j in range(int((lat1 - lat0) * 2) + 1):
            x, y = lon0 + i / 2, lat0 + j / 2
            if any(inside(x, y, p[0]) and not any(inside(x, y, hole) for hole in p[1:]) for p in polys):
                points.append((x, y))
    if not points:
        return None
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    return min(points, key=lambda p: (p[0] - mx) ** 2 + (p[1] - my) ** 2)


def region_features(topology: dict) -> list[dict]:
    """GeoJSON features of the countries in ``COUNTRIES``, ordered by name."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") not in COUNTRIES:
            continue
        polys = polygons(geometry, arcs)
        label = label_point(polys)
        properties = {"id": geometry["id"], "name": geometry["properties"]["name"]}
        if label:
            properties["label_lon"], properties["label_lat"] = label
        shape = {"type": "MultiPolygon", "coordinates": polys} if len(polys) > 1 else {
            "type": "Polygon", "coordinates": polys[0]}
        features.append({"type": "Feature", "id": geometry["id"], "properties": properties, "geometry": shape})
    missing = set(COUNTRIES) - {f["id"] for f in features}
    if missing:
        raise ValueError(f"{MEMBER}: no geometry for ISO numeric code(s) {sorted(missing)}")
    return sorted(features, key=lambda f: f["properties"]["name"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", type=Path, help="world-atlas-2.x.y.tgz as written by `npm pack world-atlas@2`")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output GeoJSON (default {OUT})")
    args = parser.parse_args(argv)
    topology, package = read_topology(args.tarball)
    collection = {
        "type": "FeatureCollection",
        "metadata": {
            "source": f"npm package {package['name']}@{package['version']} ({package.get('license', '')}), "
                      f"file {MEMBER.split('/', 1)[1]}",
            "data": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas",
            "tarball_sha256": hashlib.sha256(args.tarball.read_bytes()).hexdigest(),
            "countries": "ISO 3166-1 numeric " + ", ".join(sorted(COUNTRIES)),
            "rounding": f"{DECIMALS} decimal places",
            "label_window": list(WINDOW),
            "made_by": "scripts/vendor_world_atlas.py",
        },
        "features": region_features(topology),
    }
    args.out.write_text(json.dumps(collection, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(collection['features'])} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
