"""The foreign-interference chapter: the claims table, four charts, and what others said.

Claims come from :func:`helpers.extract.interference.interference_claims`; the rebuttals and independent
assessments from the reference table ``interference_statements.csv`` (each row with its address).
Nothing here judges a claim: the tables say who said it, who published it, who owns the outlet,
what ground the speaker gave in the article, and what others said elsewhere.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from helpers.chapters.outlets import OUTLET_COLUMNS, short_outlet, with_outlets
from helpers.extract.interference import EVIDENCE, OUTLET, load_lexicon
from helpers.present.charts import LEGEND_COLUMNS, plain_labels
from helpers.present.interactive import badges, shown_first
from helpers.present.palette import ROLES, family_scale, role_colours, role_scale

OWN_VOICE = "the outlet's own voice"
VOICES = ["quoting a speaker", "in its own voice"]
UNRESOLVED = "unresolved speaker"
ANSWER_STANCES = ("rebuts", "qualifies", "reports_no_evidence")
EVIDENCE_LABELS = {
    "none": "none offered", "assertion_of_training": "says they were trained", "language_spoken": "language spoken",
    "coordination_timing": "coordination or timing", "other": "other ground",
}
CHART_WIDTH = 520  # the printed width; on screen a chart takes its container's (helpers.present.charts)


def claims_table(tables, claims: pd.DataFrame) -> pd.DataFrame:
    """Every interference claim with its outlet, the outlet's ownership and family, date and address.

    ``claims``: the extraction stage's rows (:func:`helpers.extract.registry.claims`).

    >>> claims = claims_table(tables, extract_corpus(tables).frames["claims"])               # doctest: +SKIP
    >>> claims.loc[claims.quote.str.startswith("had foreign support"), "family"].item()      # doctest: +SKIP
    'state-owned'
    """
    out = with_outlets(claims, tables.documents, (*OUTLET_COLUMNS, "url"))
    out["who"] = speaker_label(out)
    out["affiliation"] = affiliation_label(out)
    try:
        from helpers.present.provenance import sentence_links
    except ImportError:  # the documents appendix is optional; without it the table has no link column
        return out
    out["sentence_link"] = sentence_links(out, tables.sentences, tables.documents)
    return out


def speaker_label(claims: pd.DataFrame) -> pd.Series:
    """Who makes each claim, as the book prints it: the speaker, or "<outlet> (own voice)".

    >>> speaker_label(pd.DataFrame({"speaker": ["outlet", "Aleksandar Vucic"], "outlet": ["VOI", "x"]})).tolist()
    ['VOI (own voice)', 'Aleksandar Vucic']
    """
    own = claims["speaker"] == OUTLET
    named = claims["speaker"].where(claims["speaker"].astype(str).str.strip() != "", "(speaker not named)")
    return named.where(~own, claims["outlet"].astype(str) + " (own voice)")


def affiliation_label(claims: pd.DataFrame) -> pd.Series:
    """The speaker's affiliation as printed: the actor's state or bloc, the outlet's own voice, or unresolved.

    >>> affiliation_label(pd.DataFrame({"speaker_id": ["outlet", "vucic", ""],
    ...                                 "speaker_affiliation": ["outlet", "Serbia government", ""]})).tolist()
    ["the outlet's own voice", 'Serbia government', 'unresolved speaker']
    """
    aff = claims["speaker_affiliation"].astype(str).str.strip()
    aff = aff.where(aff != "", UNRESOLVED)
    return aff.where(claims["speaker_id"] != OUTLET, OWN_VOICE)


def ledger(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims as the chapter shows them: quote, who says it, who publishes it, who owns the outlet."""
    table = claims.sort_values(["published", "outlet", "doc", "start"], kind="stable").assign(
        hedged_text=claims["hedged"].map({True: "yes", False: ""}),
        evidence_text=claims["evidence"].map(EVIDENCE_LABELS).fillna(claims["evidence"]),
        span=claims["doc"] + " [" + claims["start"].astype(str) + ":" + claims["end"].astype(str) + "]",
        ownership=badges(claims["family"], claims["outlet_affiliation"]),
    )
    columns = {
        "published": "published", "outlet": "outlet", "ownership": "outlet ownership", "who": "who says it",
        "affiliation": "speaker affiliation", "quote": "quote", "stance": "stance", "target": "blames (as stated)",
        "evidence_text": "ground offered in the article", "hedged_text": "hedged", "narrative": "narrative",
        "span": "document [start:end]",
    }
    if "sentence_link" not in table.columns:  # no documents appendix: the span column still locates the quote
        table["sentence_link"] = ""
    columns["sentence_link"] = "in context"
    return shown_first(table[list(columns)].rename(columns=columns),
                       ["quote", "who says it", "stance", "blames (as stated)", "outlet",
                        "outlet ownership", "in context"])


# ---- charts: each aggregated in pandas first ----


def _claims_by(claims: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Claims per group of ``keys``, with the speakers of each group named (a chart's bars)."""
    rows = [{**dict(zip(keys, group)), "claims": len(part), "speakers": ", ".join(sorted(set(part["who"])))}
            for group, part in claims.groupby(keys)]
    return pd.DataFrame(rows, columns=[*keys, "claims", "speakers"])


def speaker_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per speaker affiliation and stance, with the speakers named."""
    return _claims_by(claims, ["affiliation", "stance"])


def speaker_chart(frame: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: claims per speaker affiliation, stacked by stance."""
    order = frame.groupby("affiliation")["claims"].sum().sort_values(ascending=False).index.tolist()
    return alt.Chart(frame, title=alt.Title("Who makes the claims: speakers by affiliation",
                                            subtitle="claims of foreign or external involvement in the articles")).mark_bar().encode(
        x=alt.X("claims:Q", title="claims", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("affiliation:N", title="speaker's affiliation", sort=order, axis=alt.Axis(labelLimit=150)),
        color=alt.Color("stance:N", title="stance", scale=role_scale("stance", frame["stance"]),
                        legend=alt.Legend(labelExpr=plain_labels(frame["stance"]))),
        tooltip=["affiliation:N", "stance:N", "claims:Q", "speakers:N"],
    ).properties(width=CHART_WIDTH, height=alt.Step(26)).configure_legend(orient="bottom", columns=LEGEND_COLUMNS)


def outlet_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per outlet (with its ownership family), split into quoted speakers and the outlet's own voice."""
    voice = claims["speaker_id"].eq(OUTLET).map({True: "in its own voice", False: "quoting a speaker"})
    rows = []
    for (outlet, family, ownership, v), part in claims.assign(voice=voice).groupby(
            ["outlet", "family", "outlet_affiliation", "voice"]):
        rows.append({"outlet": f"{outlet} ({family})", "family": family, "ownership": ownership, "voice": v,
                     "claims": len(part)})
    return pd.DataFrame(rows, columns=["outlet", "family", "ownership", "voice", "claims"])


def outlet_chart(frame: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: claims each outlet carries, coloured by ownership family; own voice drawn lighter."""
    order = frame.groupby("outlet")["claims"].sum().sort_values(ascending=False).index.tolist()
    return alt.Chart(frame, title=alt.Title("Which outlets carry the claims",
                                            subtitle="coloured by who owns the outlet (seeds/sources.csv)")).mark_bar().encode(
        x=alt.X("claims:Q", title="claims", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("outlet:N", title="outlet (ownership)", sort=order, axis=alt.Axis(labelLimit=180)),
        color=alt.Color("family:N", title="ownership",
                        scale=family_scale(frame["family"])),
        opacity=alt.Opacity("voice:N", title="", sort=VOICES, scale=alt.Scale(domain=VOICES, range=[1.0, 0.45])),
        order=alt.Order("voice_rank:Q"),
        tooltip=["outlet:N", "ownership:N", "voice:N", "claims:Q"],
    ).transform_calculate(voice_rank=f"indexof({VOICES!r}, datum.voice)").properties(
        width=CHART_WIDTH, height=alt.Step(30)).configure_legend(orient="bottom", columns=LEGEND_COLUMNS)


def evidence_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per speaker and the ground they offer in the article (``none offered`` when none)."""
    labelled = claims.assign(ground=claims["evidence"].map(EVIDENCE_LABELS).fillna(claims["evidence"]))
    rows = []
    for (who, ground), part in labelled.groupby(["who", "ground"]):
        rows.append({"who": who, "ground": ground, "claims": len(part)})
    frame = pd.DataFrame(rows, columns=["who", "ground", "claims"])
    totals = frame.groupby("who")["claims"].transform("sum")
    frame["share"] = (frame["claims"] / totals).round(3)
    return frame


def evidence_chart(frame: pd.DataFrame, share_none: float) -> alt.Chart:
    """Horizontal bars per speaker, stacked by the ground offered; grey is "none offered"."""
    # coloured by the ground's code (palette.ROLES["ground"]), shown by its label
    labels = {EVIDENCE_LABELS.get(code, code): code for code in ROLES["ground"]}
    by_code = role_colours("ground", [labels.get(g, g) for g in frame["ground"]])
    colours = {g: by_code[labels.get(g, g)] for g in [*labels, *sorted(set(frame["ground"]) - set(labels))]
               if g in set(frame["ground"])}
    grounds = list(colours)
    order = frame.groupby("who")["claims"].sum().sort_values(ascending=False).index.tolist()
    return alt.Chart(frame, title=alt.Title(
        "What ground the speaker offers in the article",
        subtitle=f"grey: none offered ({share_none:.0%} of all claims); the book does not judge the grounds")).mark_bar().encode(
        x=alt.X("claims:Q", title="claims", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("who:N", title="who says it", sort=order, axis=alt.Axis(labelLimit=150)),
        color=alt.Color("ground:N", title="ground offered", sort=grounds,
                        scale=alt.Scale(domain=grounds, range=[colours[g] for g in grounds])),
        order=alt.Order("ground_rank:Q"),
        tooltip=["who:N", "ground:N", "claims:Q", alt.Tooltip("share:Q", format=".0%")],
    ).transform_calculate(
        ground_rank=f"indexof({grounds!r}, datum.ground)"
    ).properties(width=CHART_WIDTH, height=alt.Step(22)).configure_legend(orient="bottom", columns=LEGEND_COLUMNS)


def narrative_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per named narrative and outlet ownership family (a claim can carry several narratives)."""
    tagged = claims.assign(narrative=claims["narrative"].str.split("; ")).explode("narrative")
    tagged = tagged[tagged["narrative"].fillna("") != ""]
    return _claims_by(tagged, ["narrative", "family"])


def narrative_chart(frame: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: claims per narrative, coloured by the ownership of the outlet carrying them."""
    order = frame.groupby("narrative")["claims"].sum().sort_values(ascending=False).index.tolist()
    return alt.Chart(frame, title=alt.Title("Named narratives in the claims",
                                            subtitle="narratives.csv; coloured by who owns the outlet")).mark_bar().encode(
        x=alt.X("claims:Q", title="claims carrying the narrative", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("narrative:N", title="narrative", sort=order, axis=alt.Axis(labelLimit=150)),
        color=alt.Color("family:N", title="outlet ownership",
                        scale=family_scale(frame["family"])),
        tooltip=["narrative:N", "family:N", "claims:Q", "speakers:N"],
    ).properties(width=CHART_WIDTH, height=alt.Step(24)).configure_legend(orient="bottom", columns=LEGEND_COLUMNS)


# ---- what others said (reference/interference_statements.csv) ----


def _surname(name: str) -> str:
    words = re.findall(r"[A-Za-z][\w’'-]+", str(name))
    return words[-1] if words else ""


def bearing(reference_row: pd.Series, claims: pd.DataFrame, knowledge_dir=None) -> pd.Series:
    """Which claims of the articles a reference statement bears on (a boolean mask over ``claims``).

    A statement bears on a claim when it names the claim's speaker (surname in its speaker or
    summary), when its speaker has the claim speaker's affiliation (a government qualifying its own
    claims), or when it names the target the claim blames ("the US" -> claims blaming the USA).
    """
    said = f"{reference_row['speaker']} {reference_row['summary']}"
    named = claims["speaker"].map(lambda s: s != OUTLET and bool(_surname(s))
                                  and re.search(rf"\b{re.escape(_surname(s))}\b", said) is not None)
    same = claims["speaker_affiliation"].eq(reference_row["speaker_affiliation"]) & claims["speaker_id"].ne(OUTLET)
    targets = {value for pattern, value in load_lexicon(knowledge_dir).targets
               if pattern.search(str(reference_row["summary"]))}
    return (named | same | claims["target"].isin(targets)).astype(bool)


def others_said(reference: pd.DataFrame, claims: pd.DataFrame, knowledge_dir=None) -> pd.DataFrame:
    """Rebuttals, qualifications and "no evidence was produced" notes from later reporting, each with
    its address and the claims in the articles it bears on (speaker and number of claims)."""
    answers = reference[reference["stance"].isin(ANSWER_STANCES)].copy()
    bears = []
    for _, row in answers.iterrows():
        mask = bearing(row, claims, knowledge_dir)
        counts = claims[mask].groupby("who").size().sort_values(ascending=False)
        bears.append("; ".join(f"{who} ({n})" for who, n in counts.items()) or "no claim in these articles")
    answers["bears_on"] = bears
    columns = {"date": "date", "speaker": "who", "speaker_affiliation": "affiliation", "stance": "stance",
               "summary": "what they said", "bears_on": "claims in these articles it bears on", "url": "source"}
    return answers[list(columns)].rename(columns=columns).reset_index(drop=True)


def speaker_record(claims: pd.DataFrame, reference: pd.DataFrame, knowledge_dir=None) -> pd.DataFrame:
    """Per speaker of the articles: claims, how many offer no ground, and what the reference table
    holds about them: their statements elsewhere (asserts) and the answers that bear on their claims."""
    rows = []
    answers = reference[reference["stance"].isin(ANSWER_STANCES)]
    masks = {i: bearing(row, claims, knowledge_dir) for i, row in answers.iterrows()}
    for who, part in claims.groupby("who"):
        speaker = part["speaker"].iloc[0]
        surname = _surname(speaker) if speaker != OUTLET else ""
        elsewhere = reference[(reference["stance"] == "asserts") & (surname != "") & reference["speaker"].str.contains(
            rf"\b{re.escape(surname)}\b", regex=True)] if surname else reference.iloc[0:0]
        answered = [f"{answers.at[i, 'speaker']} ({answers.at[i, 'date']})" for i, m in masks.items()
                    if m[part.index].any()]
        rows.append({
            "who": who, "affiliation": part["affiliation"].iloc[0], "claims": len(part),
            "no ground offered": int((part["evidence"] == "none").sum()),
            "outlets": ", ".join(sorted(set(part["outlet"]))),
            "said elsewhere (reference)": "; ".join(f"{d}: {s}" for d, s in zip(elsewhere["date"], elsewhere["summary"])),
            "answered by (reference)": "; ".join(answered),
        })
    table = pd.DataFrame(rows, columns=["who", "affiliation", "claims", "no ground offered", "outlets",
                                        "said elsewhere (reference)", "answered by (reference)"])
    return table.sort_values(["claims", "who"], ascending=[False, True]).reset_index(drop=True)


# ---- facts for glue ----


def _count_phrase(series: pd.Series) -> str:
    counts = series.value_counts()
    return ", ".join(f"{name} ({n})" for name, n in counts.items()) if len(counts) else "none"


def _top(series: pd.Series) -> str:
    """The most frequent value with its count, every tied value named ("none" when empty).

    >>> _top(pd.Series(["CIS", "Kazakhstan government", "CIS", "Kazakhstan government", "CSTO"]))
    'CIS and Kazakhstan government (2 claims each)'
    """
    counts = series.value_counts()
    if counts.empty:
        return "none"
    top = sorted(counts[counts == counts.max()].index)
    n = int(counts.max())
    unit = "claim" if n == 1 else "claims"
    return f"{' and '.join(top)} ({n} {unit}{' each' if len(top) > 1 else ''})"


def interference_facts(claims: pd.DataFrame, others: pd.DataFrame) -> dict[str, int | float | str]:
    """The numbers and phrases the chapter states, as plain Python values for ``glue``.

    ``n_speakers``, ``speakers_list`` and ``n_attributed`` count named speakers who *assert* a claim;
    rebuttals and qualifications by named speakers are ``n_named_answers``; the outlets' own voice
    (any stance) is ``n_own_voice``. The three add up to ``n_claims``.
    """
    named = claims[claims["speaker_id"] != OUTLET]
    asserting = named[named["stance"] == "asserts"]
    speakers = asserting["who"]
    no_ground = claims["evidence"] == "none"
    state = claims["family"] == "state-owned"
    targets = claims.loc[claims["target"] != "", "target"]
    return {
        "n_claims": len(claims),
        "n_docs": int(claims["doc"].nunique()),
        "n_speakers": int(speakers.nunique()),
        "speakers_list": _count_phrase(speakers),
        "n_attributed": len(asserting),
        "n_named_answers": int(named["stance"].isin(["rebuts", "qualifies"]).sum()),
        "n_own_voice": int((claims["speaker_id"] == OUTLET).sum()),
        "n_own_voice_outlets": int(claims.loc[claims["speaker_id"] == OUTLET, "outlet"].nunique()),
        "n_no_evidence": int(no_ground.sum()),
        "share_no_evidence": float(no_ground.mean()) if len(claims) else 0.0,
        "n_named_no_evidence": int((no_ground & (claims["speaker_id"] != OUTLET)).sum()),
        "n_training": int((claims["evidence"] == "assertion_of_training").sum()),
        "n_language": int((claims["evidence"] == "language_spoken").sum()),
        "n_coordination": int((claims["evidence"] == "coordination_timing").sum()),
        "n_other_ground": int((claims["evidence"] == "other").sum()),
        "n_hedged": int(claims["hedged"].sum()),
        "n_rebuts": int((claims["stance"] == "rebuts").sum()),
        "n_qualifies": int((claims["stance"] == "qualifies").sum()),
        "n_unstated_target": int((claims["target"] == "").sum()),
        "targets_list": _count_phrase(targets),
        "n_state_owned": int(state.sum()),
        "n_state_outlets": int(claims.loc[state, "outlet"].nunique()),
        "n_affiliations": int(named["affiliation"].nunique()),
        "top_affiliation": _top(named["affiliation"]),
        "n_answers": len(others),
        "n_answers_rebut": int((others["stance"] == "rebuts").sum()),
        "n_answers_no_evidence": int((others["stance"] == "reports_no_evidence").sum()),
        "n_answers_qualify": int((others["stance"] == "qualifies").sum()),
    }


def evidence_table() -> pd.DataFrame:
    """The evidence codes and what each means, for the chapter's key."""
    meaning = {
        "none": "the sentence gives no ground for the claim (saying that evidence exists is not a ground)",
        "assertion_of_training": "the speaker says the attackers were trained (abroad, well-trained)",
        "language_spoken": "the speaker cites the language the attackers spoke",
        "coordination_timing": "the speaker cites coordination, planning or timing",
        "other": "another ground: an analogy, NGOs, the alleged boasts of sponsors",
    }
    table = pd.DataFrame({"code": list(EVIDENCE), "shown as": [EVIDENCE_LABELS[e] for e in EVIDENCE],
                          "meaning": [meaning[e] for e in EVIDENCE]})
    return shown_first(table, ["shown as", "meaning"], raw=("code",))  # the codes of claims.csv, under "Columns"


# ---- schema.org ----


def claimreview_jsonld(claims: pd.DataFrame, documents: pd.DataFrame) -> list[dict]:
    """One schema.org ``ClaimReview`` per claim, **without** ``reviewRating``: the book attributes
    claims, it does not rate them. ``itemReviewed`` is the ``Claim`` with its author (the speaker, or
    the outlet for its own voice) and its appearance (the article, its publisher and date).

    >>> items = claimreview_jsonld(claims, tables.documents)                       # doctest: +SKIP
    >>> "reviewRating" in items[0]                                                # doctest: +SKIP
    False
    """
    meta = documents.set_index("doc")
    items = []
    for row in claims.itertuples():
        doc = meta.loc[row.doc]
        outlet = short_outlet(doc["outlet"])
        author = outlet if row.speaker == OUTLET else row.speaker
        appearance = {"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": outlet}}
        if str(doc.get("url", "")).startswith("http"):
            appearance["url"] = doc["url"]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(doc.get("published", ""))):
            appearance["datePublished"] = doc["published"]
        items.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": row.quote,
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Thing", "name": author},
                             "appearance": appearance},
            "reviewBody": (f"Attributed, not rated. Stance: {row.stance}; blames: {row.target or 'not stated'}; "
                           f"ground offered in the article: {EVIDENCE_LABELS.get(row.evidence, row.evidence)}."),
            "identifier": f"{row.doc}[{row.start}:{row.end}]",
        })
    return items
