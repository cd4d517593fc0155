"""Prints the ``make eval-kb`` report as plain-text tables."""

from __future__ import annotations

LANGUAGES = ("fr", "en", "all")


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:4.0f}"


def _ratio(ours: float, theirs: float) -> str:
    return "  n/a" if theirs <= 0 else f"×{ours / theirs:4.2f}"


def format_report(report: dict) -> str:
    approaches = report["approaches"]
    ours = approaches[0]
    production = ours["production"]
    decisions = production["decisions"]
    out: list[str] = []
    add = out.append
    all_decisions = decisions["all"]
    add(
        f"KB retrieval: {report['kb_entries']} entries, {report['items']} held-out questions "
        f"({all_decisions['n_answerable']} answerable, {all_decisions['n_none']} 'none'), "
        f"{report['probes']} CLINC150 out-of-scope probes. Percentages."
    )
    add("")
    add("Ranking on answerable questions (top-1 / recall@3 / MRR), FR-EN twins agreeing on top-1")
    add(f"{'approach':22}" + "".join(f"{lang:>17}" for lang in LANGUAGES) + "  twins")
    for approach in approaches:
        cells = "".join(
            "   {} {} {}".format(
                _pct(approach["ranking"][lang]["top1"]),
                _pct(approach["ranking"][lang]["recall3"]),
                _pct(approach["ranking"][lang]["mrr"]),
            )
            for lang in LANGUAGES
        )
        add(f"{approach['name']:22}{cells}   {_pct(approach['cross_lingual']['agreement'])}")
    for baseline in approaches[1:]:
        ratios = "  ".join(
            f"{lang} {_ratio(ours['ranking'][lang]['top1'], baseline['ranking'][lang]['top1'])}"
            for lang in LANGUAGES
        )
        add(f"  top-1 of {ours['name']} vs {baseline['name']}: {ratios}")
    add("")
    t = production["thresholds"]
    add(
        f"Decisions of the production retriever (answer ≥ {t['answer']}, clarify ≥ {t['clarify']},"
        f" margin {t['margin']}), all questions"
    )
    add(
        f"{'':5}{'answer':>7}{'answer':>7}{'clarify':>8}{'clarify':>8}{'no':>7}"
        f" | 'none' items:{'not':>5}{'clari-':>7}{'ans-':>6} | no-answer"
    )
    add(
        f"{'':5}{'right':>7}{'wrong':>7}{'+right':>8}{'-right':>8}{'answer':>7}"
        f" |{'':13}{'answ.':>5}{'fied':>7}{'wered':>6} |  P    R"
    )
    for lang in LANGUAGES:
        d = decisions[lang]
        add(
            f"{lang:5}{_pct(d['answer_correct']):>7}{_pct(d['answer_wrong']):>7}"
            f"{_pct(d['clarify_right']):>8}{_pct(d['clarify_wrong']):>8}{_pct(d['no_answer']):>7}"
            f" |{'':13}{_pct(d['none_not_answered']):>5}{_pct(d['none_clarified']):>7}"
            f"{_pct(d['none_answered']):>6} | {_pct(d['no_answer_precision'])} "
            f"{_pct(d['no_answer_recall'])}"
        )
    probes = production["probes"]
    if probes["n"]:
        add(
            f"CLINC150 probes (English, out of scope): not answered {_pct(probes['not_answered'])},"
            f" clarified {_pct(probes['clarified'])}, answered {_pct(probes['answered'])}"
        )
    add("")
    halves = report["halves"]
    add(
        f"No-answer by one threshold per approach (answer the top entry or nothing), threshold "
        f"tuned on {halves['tune']} questions, reported on the other {halves['report']}"
    )
    add(
        f"{'approach':22}{'threshold':>10}{'top-1 ok':>9}{'wrong':>7}{'none kept':>10}"
        f"{'P':>5}{'R':>5}{'utility':>8}{'CLINC kept':>11}"
    )
    for approach in approaches:
        d = approach["threshold_decisions_report_half"]["all"]
        add(
            f"{approach['name']:22}{approach['tuned_threshold']:>10.3f}"
            f"{_pct(d['answer_correct']):>9}{_pct(d['answer_wrong']):>7}"
            f"{_pct(d['none_not_answered']):>10}{_pct(d['no_answer_precision']):>5}"
            f"{_pct(d['no_answer_recall']):>5}{d['utility_per_item']:>8.2f}"
            f"{_pct(approach['probes_not_answered']):>11}"
        )
    add("")
    crossed = production["cross_lingual_closest"]
    add(
        f"Cross-lingual: {crossed['items']} answerable questions whose closest KB phrasing is in "
        f"the other language: top-1 right {crossed['top1_right']}, answered right "
        f"{crossed['answered_right']}, answer available in the question's language "
        f"{crossed['answer_in_question_language']}/{crossed['items']}"
    )
    check = report["brute_force_check"]
    add(
        f"Index scoring vs an independent brute-force cosine: same top-1 on "
        f"{check['same_top1']}/{check['items']}, max score difference "
        f"{check['max_score_difference']:.1e}"
    )
    if "fusion" in report:
        f = report["fusion"]
        add(
            f"Lexical signal (e5 + w·BM25/max): best w on the tune half = "
            f"{f['best_weight_on_tune_half']}; report-half top-1 {_pct(f['report_half_top1_e5'])}"
            f" (e5 alone) -> {_pct(f['report_half_top1_fused'])} (fused)"
        )
    tuning = production["tuning"]
    best = tuning["best_on_tune_half"]
    add(
        f"Decision thresholds tuned on the tune half: answer {best['answer']}, clarify "
        f"{best['clarify']}, margin {best['margin']}; report-half utility per question "
        f"{tuning['report_half_production']['utility_per_item']:.3f} (production) vs "
        f"{tuning['report_half_tuned']['utility_per_item']:.3f} (tuned); right answers "
        f"{_pct(tuning['report_half_production']['answer_correct'])} vs "
        f"{_pct(tuning['report_half_tuned']['answer_correct'])}, wrong answers "
        f"{_pct(tuning['report_half_production']['answer_wrong'])} vs "
        f"{_pct(tuning['report_half_tuned']['answer_wrong'])}, 'none' items not answered "
        f"{_pct(tuning['report_half_production']['none_not_answered'])} vs "
        f"{_pct(tuning['report_half_tuned']['none_not_answered'])}, CLINC probes not answered "
        f"{_pct(tuning['probes_not_answered_production'])} vs "
        f"{_pct(tuning['probes_not_answered_tuned'])}"
    )
    latency = production["latency_ms"]
    add(
        f"Per question (embed + search + decide): p50 {latency['p50']:.1f} ms, "
        f"p95 {latency['p95']:.1f} ms; whole evaluation {report['seconds']:.0f} s"
    )
    if production["confusions"]:
        add("Most frequent confusions (expected -> ranked first instead):")
        for expected, got, n in production["confusions"][:12]:
            add(f"  {n} × {expected} -> {got}")
    return "\n".join(out)
