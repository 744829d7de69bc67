"""The corpus chapter: who published each document, when, and what was read or skipped."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd

from helpers.chapters.outlets import affiliation_family
from helpers.corpus.reader import STATUSES, UNKNOWN, published_dates
from helpers.present.interactive import badges, shown_first
from helpers.present.palette import family_scale
from helpers.present.provenance import (
    PAGE,
    RENDER_LIMIT,
    dated,
    given,
    headline,
    rendered_docs,
    slug,
    web_link,
)


def documents_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per read document: outlet, country, ownership, date and its basis, length, boilerplate.

    >>> from helpers.corpus.reader import read_corpus                                   # doctest: +SKIP
    >>> documents_overview(read_corpus("seeds").documents).loc[2, "outlet"]      # doctest: +SKIP
    'Sputnik International'
    """
    ok = documents[documents["status"] == "ok"].copy()
    ok["affiliation_family"] = ok["outlet_affiliation"].map(affiliation_family)
    ok["boilerplate_%"] = (ok["boilerplate_share"] * 100).round(1)
    ok["ownership"] = badges(ok["affiliation_family"], ok["outlet_affiliation"])  # sources.csv's note on hover
    columns = {
        "doc": "document", "outlet": "outlet", "outlet_country": "country",
        "ownership": "ownership or affiliation", "published": "published",
        "published_basis": "how the date was established", "n_chars": "characters",
        "boilerplate_%": "boilerplate %", "note": "note",
    }
    return shown_first(ok[list(columns)].rename(columns=columns).reset_index(drop=True),
                       ["outlet", "ownership or affiliation", "country", "published", "how the date was established",
                        "characters", "boilerplate %"])


def corpus_report(documents: pd.DataFrame) -> pd.DataFrame:
    """Every entry that was not analysed, with its status, what the status means and the reason, and
    every entry whose sources.csv row has a bad value (``metadata_issues``, e.g. a date that is not one)."""
    issues = documents.get("metadata_issues", pd.Series("", index=documents.index)).fillna("").astype(str)
    skipped = documents[(documents["status"] != "ok") | (issues != "")].copy()
    skipped["meaning"] = skipped["status"].map(STATUSES)
    skipped["reason"] = [f"{r}; {i}" if r and i else r or i for r, i in zip(skipped["reason"], issues[skipped.index])]
    return skipped[["doc", "status", "meaning", "reason"]].reset_index(drop=True)


def status_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """Number of entries per status (every status listed, zeros included)."""
    counts = documents["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    return pd.DataFrame({"status": counts.index, "meaning": [STATUSES[s] for s in counts.index],
                         "entries": counts.to_numpy()})


def boilerplate_summary(boilerplate: pd.DataFrame) -> pd.DataFrame:
    """Boilerplate by kind: lines and characters marked (and so left out of the analysis)."""
    table = boilerplate.assign(chars=boilerplate["end"] - boilerplate["start"])
    summary = table.groupby("kind").agg(lines=("doc", "size"), documents=("doc", "nunique"), characters=("chars", "sum"))
    return summary.sort_values("characters", ascending=False).reset_index()


def publication_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """Analysed documents per publication date and ownership family, with their outlets (the chart's data)."""
    ok = documents[documents["status"] == "ok"].copy()
    ok["family"] = ok["outlet_affiliation"].map(affiliation_family)
    ok["date"] = published_dates(ok["published"]).dt.strftime("%Y-%m-%d").fillna(UNKNOWN)
    counts = (
        ok.groupby(["date", "family"])
        .agg(documents=("doc", "size"), outlets=("outlet", lambda s: "; ".join(sorted(set(s)))))
        .reset_index()
    )
    return counts


def publication_chart(documents: pd.DataFrame) -> alt.Chart:
    """Documents per publication date, stacked and coloured by the family of the outlet's ownership."""
    counts = publication_counts(documents)
    return (
        alt.Chart(counts, title="Documents by publication date and outlet ownership")
        .mark_bar()
        .encode(
            x=alt.X("date:O", title="published (as established in sources.csv)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("documents:Q", title="documents", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("family:N", title="outlet ownership",
                            scale=family_scale(counts["family"])),
            tooltip=["date:O", "family:N", "documents:Q", "outlets:N"],
        )
        .properties(width=520, height=220)
    )


def _day(value: pd.Timestamp) -> str:
    return f"{value.day} {value:%B %Y}"


def corpus_facts(documents: pd.DataFrame, boilerplate: pd.DataFrame) -> dict[str, int | float | str]:
    """The numbers the corpus chapter states, as plain Python values ready for ``glue``.

    >>> from helpers.corpus.reader import read_corpus                                    # doctest: +SKIP
    >>> c = read_corpus("seeds"); corpus_facts(c.documents, c.boilerplate)["n_docs"]  # doctest: +SKIP
    5
    """
    ok = documents[documents["status"] == "ok"]
    dates = published_dates(ok["published"]).dropna()
    families = ok["outlet_affiliation"].map(affiliation_family)
    basis = ok["published_basis"].str.lower()
    total = int(ok["n_chars"].sum())
    marked = int((boilerplate["end"] - boilerplate["start"]).sum()) if len(boilerplate) else 0
    return {
        "n_entries": len(documents),
        "n_docs": len(ok),
        "n_skipped": int(len(documents) - len(ok)),
        "n_outlets": int(ok.loc[ok["outlet"] != UNKNOWN, "outlet"].nunique()),
        "outlets_list": "; ".join(sorted(set(ok.loc[ok["outlet"] != UNKNOWN, "outlet"]))) or UNKNOWN,
        "n_outlet_unknown": int((ok["outlet"] == UNKNOWN).sum()),
        "n_state_owned": int((families == "state-owned").sum()),
        "n_owner_undocumented": int((families == "unknown").sum()),
        "n_no_metadata": int((ok["metadata"] == "none").sum()),
        "first_date": _day(dates.min()) if len(dates) else UNKNOWN,
        "last_date": _day(dates.max()) if len(dates) else UNKNOWN,
        "n_dates_inferred": int(basis.str.startswith("inferred").sum()),
        "n_dates_unknown": int(ok["published"].eq(UNKNOWN).sum()),
        "total_chars": total,
        "n_boilerplate_lines": len(boilerplate),
        "boilerplate_share": float(marked / total) if total else 0.0,
    }


def sources_html(documents: pd.DataFrame, limit: int = RENDER_LIMIT) -> str:
    """The list of articles: headline, outlet, publication date, original address (a link) and access
    date, each from ``sources.csv`` ("not given" where it has none), and a link to the text in the
    appendix. At most ``limit`` articles (by name, as the appendix); ``documents.csv`` lists every one.

    >>> from helpers.corpus.reader import read_corpus                                       # doctest: +SKIP
    >>> "Bandits in Kazakhstan Prepared for Mass Rallies" in sources_html(read_corpus("seeds").documents)  # doctest: +SKIP
    True
    """
    meta = documents.set_index("doc")
    shown = rendered_docs(documents, limit)
    items = []
    for doc in shown:
        m = meta.loc[doc]
        basis = str(m.get("published_basis", "")).lower()
        inferred = " (inferred from the content)" if basis.startswith("inferred") else ""
        items.append(
            f'<li><strong>{html.escape(headline(m))}</strong><br>{html.escape(given(m.get("outlet")))} · '
            f'{html.escape(dated("published", m.get("published")))}{inferred} · original address: {web_link(m.get("url"))} · '
            f'{html.escape(dated("accessed", m.get("accessed")))} · <a href="{PAGE}#{slug(doc)}">text as analysed</a></li>'
        )
    n_ok = int((documents["status"] == "ok").sum())
    more = (f'<p>The first {len(shown)} of {n_ok:,} articles are listed; <code>documents.csv</code> '
            "(under Data) gives every one.</p>") if n_ok > len(shown) else ""
    return f'<ol class="kz-sources">{"".join(items)}</ol>{more}' if items else "<p><em>No article was read.</em></p>"


OWNERSHIP_ORDER = ["state-owned", "independent", "private", "unknown"]


def ownership_comparison(documents: pd.DataFrame, casualties: pd.DataFrame, claims: pd.DataFrame,
                         quotes: pd.DataFrame) -> pd.DataFrame:
    """What outlets of each ownership family carry, side by side: one column per family present
    (state-owned first), one row per count (outlets, articles, casualty figures, interference claims,
    statements quoted and how many of those are by government speakers).

    >>> # on the seeds: the one state-owned outlet (Sputnik) carries 3 interference claims in its own voice
    """
    ok = documents[documents["status"] == "ok"].assign(family=lambda d: d["outlet_affiliation"].map(affiliation_family))
    present = [f for f in OWNERSHIP_ORDER if f in set(ok["family"])]

    def per_family(frame: pd.DataFrame, mask=None) -> pd.Series:
        rows = frame if mask is None else frame[mask]
        return rows.groupby("family").size().reindex(present, fill_value=0) if len(rows) else pd.Series(0, index=present)

    own_voice = claims["speaker"].eq("outlet") if len(claims) else None
    government = quotes["side"].astype(str).str.endswith("government") if len(quotes) else None
    table = pd.DataFrame({
        "outlets": ok[ok["outlet"] != UNKNOWN].groupby("family")["outlet"].nunique().reindex(present, fill_value=0),
        "articles": per_family(ok),
        "casualty figures": per_family(casualties),
        "claims of foreign interference": per_family(claims),
        "of which in the outlet's own voice": per_family(claims, own_voice),
        "statements quoted": per_family(quotes),
        "of which by government speakers": per_family(quotes, government),
    }).T.astype(int)
    table = table.rename(columns={"unknown": "owner not documented"}).rename_axis("outlets by ownership").reset_index()
    table.columns.name = None
    return table


def comparison_html(table: pd.DataFrame) -> str:
    """The side-by-side table as plain escaped HTML (it is glued onto the landing page too)."""
    return table.to_html(index=False, escape=True, classes="kz-table kz-ownership", border=0)


def ownership_facts(documents: pd.DataFrame) -> dict[str, str | int]:
    """Counts of outlets by ownership family, as sentences ready for ``glue``.

    >>> # on the seeds: "1 state-owned, 1 private and 3 whose owner is not documented"
    """
    ok = documents[documents["status"] == "ok"]
    families = ok[ok["outlet"] != UNKNOWN].drop_duplicates("outlet")["outlet_affiliation"].map(affiliation_family).value_counts()
    words = {"state-owned": "state-owned", "independent": "independent", "private": "private",
             "unknown": "whose owner is not documented"}
    parts = [f"{int(families[f])} {words[f]}" for f in OWNERSHIP_ORDER if f in families]
    both = "state-owned" in families and "independent" in families
    if both:
        comparison = "Outlets documented as state-owned and as independent are both present; the table sets them side by side."
    elif "state-owned" in families:
        comparison = ("No outlet in this corpus is documented as independent, so it cannot compare state-owned "
                      "outlets with independent ones; the table sets the state-owned outlets beside the others.")
    else:
        comparison = ("No outlet in this corpus is documented as state-owned, so it cannot compare state-owned "
                      "outlets with independent ones.")
    return {"ownership_counts": ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else (parts or ["none"])[0],
            "n_independent": int(families.get("independent", 0)), "ownership_comparison_note": comparison}
