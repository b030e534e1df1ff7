"""MODEL_CARD.md, written from a model's meta and metrics."""

from __future__ import annotations

from typing import Any

from jdpillars.definitions import PILLARS, pillars

KNOWN_FAILURES = """\
- Postings whose duties are a few lines inside a long corporate page lean on the title and the
  lexicon; their shares are less reliable.
- Analytics-heavy marketing roles pull towards MIOPS; a campaign role that also "reports on
  results" may be read as more MIOPS than its annotators would say.
- A campaign duty with a reporting word in it ("QA of copy, lists and reports"), listed among
  reporting duties, may be read as MIOPS: each segment also sees its neighbours' lexicon hits.
- "Automation" is ambiguous: building flows in a tool (COPS/POPS) versus writing code (DevMOPS).
  The model decides from the surrounding words, and sometimes wrongly.
- The corpus is written by the team, not scraped: vocabulary outside it (rare tools, other
  languages) is matched only by the lexicon and the words the postings share.
- Web-analytics implementation roles sit on the line between MIOPS (measurement) and DevMOPS
  (the tracking code): the model leans to MIOPS when the posting talks "analytics" more than
  "JavaScript". Martech engineers whose work is running the stack may be read as DevMOPS, or as
  MIOPS when they also report on ROI.
- A scraped posting whose first word is a stray category label ("Responsibilities" before the
  company blurb) puts the blurb among the duties.
- Product and lifecycle marketers who run their own sends describe them as channel work ("manage
  communication via push, SMS and in-app messaging", "A/B testing copy and subject lines"): the
  model reads much of that as no pillar work, where annotators count it as Campaign Ops.
- Non-English postings are out of scope."""


def _pct(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _interval(ci: list[float] | None) -> str:
    return f" ({ci[0]:.3f}-{ci[1]:.3f})" if ci else ""


def _table(title: str, metrics: dict[str, Any]) -> list[str]:
    lines = [
        f"### {title}",
        "",
        f"{metrics['postings']} postings, {metrics['mops_postings']} marketing-ops "
        "(yes or borderline).",
        "",
        "| metric | value (95% bootstrap interval over the postings) |",
        "| --- | --- |",
        f"| primary accuracy | {_pct(metrics['primary_accuracy'])}"
        f"{_interval(metrics.get('primary_accuracy_95ci'))} |",
        f"| primary macro-F1 | {_pct(metrics['primary_macro_f1'])} |",
        f"| share MAE | {_pct(metrics['share_mae'])}{_interval(metrics.get('share_mae_95ci'))} |",
        f"| is_mops AUROC | {_pct(metrics['is_mops_auroc'])} |",
        f"| is_mops calibration error | {_pct(metrics['is_mops_calibration_error'])} |",
        "",
        "| pillar | precision | recall | F1 | support |",
        "| --- | --- | --- | --- | --- |",
    ]
    for p in PILLARS:
        m = metrics["per_pillar"][p]
        lines.append(
            f"| {pillars()[p].short} | {m['precision']:.2f} | {m['recall']:.2f} | "
            f"{m['f1']:.2f} | {m['support']} |"
        )
    return [*lines, ""]


def render(meta: dict[str, Any], metrics: dict[str, dict[str, Any]], notes: str = "") -> str:
    lines = [
        f"# Model card: {meta['name']} {meta['version']}",
        "",
        "Scores a marketing job posting against the Four Pillars of Marketing Operations "
        "(POPS, COPS, MIOPS, DevMOPS) and says how likely it is marketing ops at all.",
        "",
        "## How it works",
        "",
        'spaCy `blank("en")` with our components (segmenter, section tagger, pillar phrase '
        "matcher) splits a posting into duty-sized segments. A logistic regression over hashed "
        "words, stems and word pairs, the title's words, lexicon hits and the section labels "
        "each segment POPS, COPS, MIOPS, DevMOPS or none. Shares are the sum of the segments' "
        "pillar probabilities, each weighted by its section and by 1 - P(none), sharpened "
        f"with alpha = {meta['alpha']:.2f} and "
        f"weighed against a title model (gamma = {meta.get('gamma', 0):.2f}); "
        + _tie_rule(meta.get("tie_delta", 0.0))
        + " A calibrated logistic regression over posting-level features gives `is_mops`.",
        "",
        "## Training data",
        "",
        f"`data/labeled_jds/`: {meta['train_postings']} training postings "
        f"({meta['train_segments']} segments), written by the jdpillars team; the test split "
        f"({meta['test_postings']} postings) is never trained on. Data hash `{meta['data_hash']}`.",
        "",
        "## Metrics",
        "",
    ]
    for name, values in metrics.items():
        lines += _table(name, values)
    lines += ["## Known failure modes", "", KNOWN_FAILURES, ""]
    if notes:
        lines += ["## What we learned", "", notes.strip(), ""]
    return "\n".join(lines)


def _tie_rule(delta: float) -> str:
    if delta <= 0:
        return "the near-tie rule (the title decides) did not help out of fold and is off."
    return f"near-ties within {delta:.3f} go to the pillar the title points to."
