"""Skills as resumes write them: verb forms of noun forms ("tuned the hyperparameters"), broader skills
met through narrower ones, and ambiguous names in a plainly technical context ("a Snowflake warehouse")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import rolematch
from rolematch import SkillMethod
from rolematch._skills import default_taxonomy
from rolematch._skills._taxonomy import VerbFormSettings
from rolematch._skills._verb_forms import VerbFormIndex, derive_verb_rules, verb_forms_of

AS_OF = date(2026, 11, 21)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _found(text: str) -> dict[str, rolematch.SkillMention]:
    return {m.skill_id: m for m in rolematch.extract_skills(text)}


def _verb_mentions(text: str) -> list[rolematch.SkillMention]:
    return [m for m in rolematch.extract_skills(text) if "is the verb form of" in m.explanation]


# ---------------------------------------------------------------- verb forms


@pytest.mark.parametrize(
    ("text", "skill", "surface"),
    [
        ("Tuned the hyperparameters of our ranking model.", "hyperparameter_tuning", "Tuned the hyperparameters"),
        ("Tuning hyperparameters with Optuna.", "hyperparameter_tuning", "Tuning hyperparameters"),
        ("Each week she tunes hyperparameters for recall.", "hyperparameter_tuning", "tunes hyperparameters"),
        ("Engineered 40 new features for churn prediction.", "feature_engineering", "Engineered 40 new features"),
        ("She deploys two models a week.", "model_deployment", "deploys two models"),
        ("Monitored 30 production models for drift.", "model_monitoring", "Monitored 30 production models"),
        ("Optimized performance of the search service.", "performance_tuning", "Optimized performance"),
        ("Optimised the latency of checkout by 30%.", "performance_tuning", "Optimised the latency"),
        ("Automated tests for the billing service.", "software_testing", "Automated tests"),
        ("Detected fraud in card payments.", "anomaly_detection", "Detected fraud"),
        ("Planned capacity for the storage cluster.", "performance_tuning", "Planned capacity"),
        ("Resolved 120 billing disputes a month.", "complaint_handling", "Resolved 120 billing disputes"),
        ("Analysed logs from the API gateway.", "logging", "Analysed logs"),
        ("Engineering 40 new features a sprint.", "feature_engineering", "Engineering 40 new features"),
        ("Monitoring 1,200 models in production.", "model_monitoring", "Monitoring 1,200 models"),
        ("Drew blood from 40 patients a shift.", "phlebotomy", "Drew blood"),  # irregular pasts
        ("Wrote 12 IEPs for the autumn term.", "special_education", "Wrote 12 IEPs"),
        ("Made decisions on credit limits.", "decision_making", "Made decisions"),
    ],
)
def test_verb_forms_of_a_noun_form_are_the_skill(text: str, skill: str, surface: str) -> None:
    (mention,) = [m for m in _verb_mentions(text) if m.skill_id == skill]
    assert mention.method is SkillMethod.INFERRED
    assert mention.surface == surface
    assert repr(surface) in mention.explanation


def test_past_forms_allow_any_gap_and_other_forms_only_gap_words() -> None:
    assert [m.surface for m in _verb_mentions("Monitored 12 production models.")] == ["Monitored 12 production models"]
    assert _verb_mentions("Monitoring production models weekly.") == []  # "production" is no gap word
    assert [m.surface for m in _verb_mentions("Monitoring the two models.")] == ["Monitoring the two models"]
    past = verb_forms_of("deployment", _settings())
    assert past.past == ("deployed",) and "deploying" in past.other


def _settings() -> VerbFormSettings:
    settings = default_taxonomy().verb_forms
    assert settings is not None
    return settings


def test_the_explanation_names_the_taxonomy_form() -> None:
    mention = _found("Tuned hyperparameters for the fraud model.")["hyperparameter_tuning"]
    assert mention.explanation == "inferred: 'Tuned hyperparameters' is the verb form of 'hyperparameter tuning'"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("tuning", {"tune", "tuned", "tunes", "tuning"}),
        ("deployment", {"deploy", "deployed", "deploys", "deploying"}),
        ("optimization", {"optimize", "optimized", "optimizing", "optimise", "optimised", "optimising"}),
        ("optimisation", {"optimize", "optimized", "optimise", "optimised"}),
        ("engineering", {"engineer", "engineered", "engineers", "engineering"}),
        ("automation", {"automate", "automated", "automates", "automating"}),
        ("detection", {"detect", "detected", "detects", "detecting"}),
        ("planning", {"plan", "planned", "plans", "planning"}),
        ("writing", {"wrote", "written", "write", "writes", "writing"}),  # irregular past
        ("teaching", {"taught", "teach", "teaches", "teaching"}),
        ("analysis", {"analyze", "analysed", "analyzing"}),  # from the irregular table
    ],
)
def test_verbs_of_nominalizations(head: str, expected: set[str]) -> None:
    settings = default_taxonomy().verb_forms
    assert settings is not None
    assert expected <= verb_forms_of(head, settings).every


def test_words_that_are_not_nominalizations_give_no_verbs() -> None:
    settings = default_taxonomy().verb_forms
    assert settings is not None
    for head in ("learning", "design", "science", "creation", "vision", "ing"):
        assert verb_forms_of(head, settings).every == set(), head


@pytest.mark.parametrize(
    "text",
    [
        "Cleaned the data and managed the team.",  # generic nouns derive nothing
        "Engineered a feature store for the platform.",  # a singular noun going on into a compound
        "Created features for the mobile app.",  # "created" is too common a verb
        "Tuned for hyperparameters.",  # a function word may not stand in the gap
        "Tuned the many different learning hyperparameters.",  # four words: more than the gap allows
        "Tuned the guitar before the concert and tested the waters.",
        "Developed strong relationships with partners and planned the offsite.",
        "The monitor was deployed; models arrived later.",
        "Our engineering teams own software end to end.",  # a form that is also a noun: gap words only
        "Testing continuous integration changes.",
        "Answering questions from customers.",  # "answering" is too common a verb
    ],
)
def test_no_verb_form_in_ordinary_prose(text: str) -> None:
    assert _verb_mentions(text) == []


def test_no_rule_for_generic_nouns_or_ambiguous_forms() -> None:
    taxonomy = default_taxonomy()
    settings = taxonomy.verb_forms
    assert settings is not None
    rules = derive_verb_rules(taxonomy)
    assert rules
    forms = {rule.noun_form for rule in rules}
    assert "hyperparameter tuning" in forms and "model deployment" in forms and "feature engineering" in forms
    assert "performance optimization" in forms and "model monitoring" in forms
    assert "data cleaning" not in forms
    generic = set(settings.generic_nouns)
    for rule in rules:
        assert not generic & set(rule.nouns), rule.noun_form
        assert rule.past and rule.other


def test_no_verb_rules_without_settings() -> None:
    taxonomy = rolematch.load_taxonomy()
    taxonomy.verb_forms = None
    assert derive_verb_rules(taxonomy) == []


def test_the_verb_index_matches_like_spacys_matcher() -> None:
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    from rolematch._nlp import get_pipeline
    from rolematch._skills._patterns import _longest_spans

    nlp = get_pipeline()
    taxonomy = default_taxonomy()
    assert taxonomy.verb_forms is not None
    rules = derive_verb_rules(taxonomy)
    index = VerbFormIndex(rules, taxonomy.verb_forms)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.md"))] + [
        "Tuned the hyperparameters, deployed 12 models and monitored models models; tuned, then tuned models.",
        "Engineered features features for the team. Optimised the search latency and tested units.",
        "Deployed\nmodels to production; analysed the logs logs of 3 services.",
        "Deploying 12 models, tuning 40 hyperparameters and monitoring 1,000 models; wrote documentation.",
    ]
    matched = 0
    for text in texts:
        doc = nlp.make_doc(text)
        lower = [t.lower_ for t in doc]
        found = index.find(lower)
        words = set(lower)
        for number, rule in enumerate(rules):
            if not words & {*rule.past, *rule.other}:
                continue  # cannot match: keeps the test fast
            matcher = Matcher(nlp.vocab)
            matcher.add("rule", rule.patterns)
            expected = {(s.start, s.end) for s in filter_spans(matcher(doc, as_spans=True))}
            assert set(_longest_spans(found.get(number, set()))) == expected, rule.noun_form
            matched += bool(expected)
    assert matched >= 5  # the comparison saw matches of past and other forms, not only empty sets


# ---------------------------------------------------------------- narrower skills meet broader requirements


def test_narrower_skills_imply_performance_optimization() -> None:
    taxonomy = default_taxonomy()
    for narrower in ("model_optimization", "low_latency", "tensorrt", "web_performance"):
        assert "performance_tuning" in taxonomy.implied(narrower), narrower
    assert "fine_tuning" in taxonomy.implied("rlhf")


def _requirement(report: rolematch.FitReport, requirement_id: str) -> rolematch.RequirementResult:
    return next(r for r in [*report.requirements, *report.responsibilities] if r.id == requirement_id)


def _resume(bullets: str) -> rolematch.Resume:
    text = f"Jo Doe\nEXPERIENCE\nMachine Learning Engineer\nAcme | Jan 2024 - Present\n{bullets}\n"
    return rolematch.parse_text(text, as_of=AS_OF)


def test_model_latency_work_meets_a_requirement_listing_performance_optimization() -> None:
    report = rolematch.match(_resume("• Applied quantization and pruning to shrink our vision models."), level="mid")
    problem_solving = _requirement(report, "problem_solving")
    assert "performance_tuning" in problem_solving.skills
    assert problem_solving.status == "met"
    evidence = problem_solving.evidence[0]
    assert evidence.skill == "model_optimization" and evidence.counts_for == "performance_tuning"


def test_low_latency_systems_meet_performance_optimization() -> None:
    report = rolematch.match(_resume("• Built low-latency systems for ad bidding in Python."), level="mid")
    problem_solving = _requirement(report, "problem_solving")
    assert problem_solving.status == "met"
    assert {e.skill for e in problem_solving.evidence} == {"low_latency"}


def test_tuned_hyperparameters_meet_the_experiments_responsibility() -> None:
    report = rolematch.match(_resume("• Tuned the hyperparameters of 3 gradient boosting models."), level="junior")
    experiments = _requirement(report, "experiments")
    assert experiments.status == "met"
    assert experiments.evidence[0].skill == "hyperparameter_tuning"


@pytest.mark.parametrize("text", ["Set up drift monitoring for 5 models.", "Added data drift monitoring."])
def test_drift_monitoring_is_model_monitoring(text: str) -> None:
    assert _found(text)["model_monitoring"].method is SkillMethod.ALIAS


# ---------------------------------------------------------------- ambiguous names in a technical context


@pytest.mark.parametrize(
    ("text", "skill", "why"),
    [
        ("Built ETL pipelines with Spark and dbt feeding a Snowflake warehouse.", "snowflake", "accepted because"),
        ("Loaded the events into a Snowflake warehouse.", "snowflake", "'warehouse' near it names its category"),
        ("Optimised batching; added monitoring with Prometheus.", "prometheus", "'monitoring' near it"),
        ("Exposed Prometheus metrics from every service.", "prometheus", "'metrics' near it"),
        ("Scheduled Prefect workflows for the nightly loads.", "prefect", "'workflows' near it"),
        ("Ran the simulations on a Ray cluster.", "ray", "'cluster' near it"),
    ],
)
def test_ambiguous_names_in_a_technical_context_are_accepted(text: str, skill: str, why: str) -> None:
    mention = _found(text)[skill]
    assert why in mention.explanation


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("She is a special snowflake.", "snowflake"),
        ("It fell like a snowflake in the yard.", "snowflake"),
        ("A snowflake landed on the warehouse roof.", "snowflake"),  # lower case in prose: needs a list
        ("Prometheus stole fire from the gods.", "prometheus"),
        ("We talked about Ray and his family.", "ray"),
    ],
)
def test_ambiguous_names_in_prose_stay_refused(text: str, skill: str) -> None:
    assert skill not in _found(text)


def test_the_shipped_example_keeps_snowflake_and_prometheus() -> None:
    resume = rolematch.parse_resume(EXAMPLES / "mid-ml-engineer.md", as_of=AS_OF)
    skills = {e.skill_id for e in resume.distinct_skills()}
    assert {"snowflake", "prometheus", "dbt", "apache_spark"} <= skills
