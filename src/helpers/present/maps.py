"""The map of where the articles say things happened: country boundaries vendored in
``helpers/data/region_boundaries.json`` (Natural Earth 1:110m via the npm package ``world-atlas``; see
``region_boundaries.md``) drawn inline, so the page fetches nothing, and one circle per place, its label
set to the side with room."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd

from helpers.knowledge import PACKAGE_DATA
from helpers.present.charts import LEGEND_COLUMNS
from helpers.present.palette import role_scale

BOUNDARIES = PACKAGE_DATA / "region_boundaries.json"
WINDOW = (45.0, 35.0, 90.0, 57.0)  # lon_min, lat_min, lon_max, lat_max of the map
MAP_WIDTH, MAP_HEIGHT = 640, 400  # the printed map; on screen it takes its container's width at this aspect
PHONE_WIDTH = 300  # labels are placed a second time for a map this narrow (a phone)
NARROW = 480  # on screen, a map narrower than this uses the labels placed for PHONE_WIDTH


def load_boundaries(path: str | Path | None = None) -> dict:
    """The vendored GeoJSON of the region (``region_boundaries.json``); raises naming the file if absent.

    >>> [f["properties"]["name"] for f in load_boundaries()["features"] if f["id"] == "398"]
    ['Kazakhstan']
    """
    path = Path(path or BOUNDARIES)
    if not path.is_file():
        raise FileNotFoundError(f"boundary file {path} is missing; see region_boundaries.md to regenerate it")
    return json.loads(path.read_text(encoding="utf-8"))


LABEL_SIDES = {  # side -> (align, dx, dy) of the text mark
    "right": ("left", 11, 0), "left": ("right", -11, 0), "above": ("center", 0, -15), "below": ("center", 0, 16),
}


def _pixels(lon: float, lat: float, width: float = MAP_WIDTH) -> tuple[float, float]:
    """Approximate position on a map ``width`` pixels wide (Mercator fitted to the window's width), for label placement."""
    lon0, _, lon1, lat1 = WINDOW
    k = width / np.radians(lon1 - lon0)

    def y(phi: float) -> float:
        return float(np.log(np.tan(np.pi / 4 + np.radians(phi) / 2)))

    return float(np.radians(lon - lon0) * k), (y(lat1) - y(lat)) * k


def label_boxes(x: float, y: float, r: float, text: str) -> dict[str, tuple[float, float, float, float]]:
    """The box (x0, y0, x1, y1, in pixels) a label of ``text`` takes on each side of a circle of radius ``r``
    at (x, y): bold 12 px text, about 7.2 px a character.

    >>> label_boxes(100, 50, 5, "Almaty")["right"]
    (108, 43.0, 151.2, 57.0)
    """
    w, h = 7.2 * len(text), 14
    return {"right": (x + r + 3, y - h / 2, x + r + 3 + w, y + h / 2),
            "left": (x - r - 3 - w, y - h / 2, x - r - 3, y + h / 2),
            "above": (x - w / 2, y - r - 3 - h, x + w / 2, y - r - 3),
            "below": (x - w / 2, y + r + 3, x + w / 2, y + r + 3 + h)}


def label_sides(points: pd.DataFrame, radii: pd.Series, width: float = MAP_WIDTH) -> list[str]:
    """A side for each point's label (right, left, above, below) on a map ``width`` pixels wide: the first,
    in that order, whose box stays within the map's width and overlaps no circle and no label placed
    before it (points with more documents are placed first); else the first within the width."""
    xy = [_pixels(lon, lat, width) for lon, lat in zip(points["lon"], points["lat"])]
    circles = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(xy, radii)]
    placed: list[tuple[float, float, float, float]] = []
    sides = {}

    def clear(box, own: int) -> bool:
        boxes = [c for i, c in enumerate(circles) if i != own] + placed
        return all(box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1] for b in boxes)

    for i in points.sort_values("documents", ascending=False).index:
        pos = points.index.get_loc(i)
        options = label_boxes(*xy[pos], float(radii.iloc[pos]), str(points.at[i, "place"]))
        inside = [name for name, box in options.items() if box[0] >= 0 and box[2] <= width] or ["right"]
        side = next((name for name in inside if clear(options[name], pos)), inside[0])
        placed.append(options[side])
        sides[i] = side
    return [sides[i] for i in points.index]


def place_map(points: pd.DataFrame, boundaries: dict | None = None) -> alt.LayerChart:
    """Kazakhstan and its neighbours with a circle per event location, sized by the number of documents
    that report an event there; hover for what was reported. Boundaries are inline; no tiles."""
    boundaries = boundaries or load_boundaries()
    lon0, lat0, lon1, lat1 = WINDOW
    corners = {"type": "Feature", "properties": {}, "geometry": {
        "type": "MultiPoint", "coordinates": [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1]]}}
    countries = alt.Chart(alt.Data(values=boundaries["features"])).mark_geoshape(
        stroke="#8c8c8c", strokeWidth=0.7, clip=True).encode(
        color=alt.condition("datum.properties.name === 'Kazakhstan'", alt.value("#fbf3df"), alt.value("#eeeeee")),
        tooltip=alt.value(None),
    )
    labels = pd.DataFrame([
        {"name": f["properties"]["name"], "lon": f["properties"]["label_lon"], "lat": f["properties"]["label_lat"]}
        for f in boundaries["features"] if "label_lon" in f["properties"]
        and lon0 + 1 <= f["properties"]["label_lon"] <= lon1 - 1 and lat0 + 1 <= f["properties"]["label_lat"] <= lat1 - 1
    ])
    country_labels = alt.Chart(labels).mark_text(fontSize=13, fontStyle="italic", color="#9a9a9a").encode(
        longitude="lon:Q", latitude="lat:Q", text="name:N")
    layers = [countries, country_labels]
    if not points.empty:
        top = max(2, int(points["documents"].max()))
        areas = 90 + (points["documents"] - 1) / (top - 1) * (900 - 90)
        frame = points.assign(
            level=np.where(points["precision"] >= 3, "region (drawn at its centre)", "city or a site in it"),
            side=label_sides(points, np.sqrt(areas / np.pi)),
            side_phone=label_sides(points, np.sqrt(areas / np.pi), PHONE_WIDTH))
        size = alt.Size("documents:Q", title="documents", scale=alt.Scale(domain=[1, top], range=[90, 900]),
                        legend=alt.Legend(values=sorted({1, int(points["documents"].max())}), format="d"))
        tooltip = [alt.Tooltip("place:N", title="place"), alt.Tooltip("region:N", title="region (2022)"),
                   alt.Tooltip("names_used:N", title="written as"), alt.Tooltip("facilities:N", title="sites named"),
                   alt.Tooltip("documents:Q", title="documents"), alt.Tooltip("mentions:Q", title="mentions"),
                   alt.Tooltip("what:N", title="event words"), alt.Tooltip("reported:N", title="what was reported"),
                   alt.Tooltip("first_published:N", title="first article")]
        circles = alt.Chart(frame).mark_circle(opacity=0.75, stroke="white", strokeWidth=1).encode(
            longitude="lon:Q", latitude="lat:Q", size=size,
            color=alt.Color("level:N", title="drawn at", scale=role_scale("place level", frame["level"])),
            tooltip=tooltip,
        )
        layers.append(circles)
        for side, (align, dx, dy) in LABEL_SIDES.items():
            if (frame["side"] == side).any() or (frame["side_phone"] == side).any():
                layers.append(alt.Chart(frame).transform_filter(
                    f"width < {NARROW} ? datum.side_phone === '{side}' : datum.side === '{side}'").mark_text(
                    align=align, baseline="middle", dx=dx, dy=dy, fontSize=12, fontWeight="bold", color="#333",
                ).encode(longitude="lon:Q", latitude="lat:Q", text="place:N"))
    return alt.layer(*layers).project(type="mercator", fit=corners).properties(
        width=MAP_WIDTH, height=MAP_HEIGHT,
        usermeta={"fit": {"aspect": MAP_HEIGHT / MAP_WIDTH, "extra": 10, "min_height": 260, "max_height": MAP_HEIGHT}},
        title=alt.Title("Where the articles report protests and violence",
                        subtitle="circle area: documents reporting an event there; boundaries: Natural Earth 1:110m"),
    ).configure_view(stroke=None).configure_legend(orient="bottom", columns=LEGEND_COLUMNS)
