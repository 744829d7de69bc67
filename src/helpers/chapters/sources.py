"""The corpus chapter: who published each document, when, and what was read or skipped."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.chapters.outlets import affiliation_family
from helpers.corpus.reader import STATUSES, UNKNOWN, published_dates
from helpers.present.palette import family_scale


def documents_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per read document: outlet, country, ownership, date and its basis, length, boilerplate.

    >>> from helpers.corpus.reader import read_corpus                                   # doctest: +SKIP
    >>> documents_overview(read_corpus("seeds").documents).loc[2, "outlet"]      # doctest: +SKIP
    'Sputnik International'
    """
    ok = documents[documents["status"] == "ok"].copy()
    ok["affiliation_family"] = ok["outlet_affiliation"].map(affiliation_family)
    ok["boilerplate_%"] = (ok["boilerplate_share"] * 100).round(1)
    columns = {
        "doc": "document", "outlet": "outlet", "outlet_country": "country",
        "outlet_affiliation": "ownership or affiliation", "published": "published",
        "published_basis": "how the date was established", "n_chars": "characters",
        "boilerplate_%": "boilerplate %", "note": "note",
    }
    return ok[list(columns)].rename(columns=columns).reset_index(drop=True)


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
