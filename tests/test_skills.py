"""Skill extraction: ambiguity traps both ways, aliases, fuzzy matching, evidence, extensibility."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rolematch
from conftest import AS_OF, EXAMPLES
from rolematch import (
    DataFileError,
    PatternSkillExtractor,
    SectionKind,
    SkillExtractor,
    SkillExtractorError,
    SkillMethod,
    SkillRegistry,
    extract_skills,
    load_taxonomy,
    parse_resume,
    parse_text,
)
from rolematch._skills import default_taxonomy, fuzzy_key


def skill_ids(text: str, registry: SkillRegistry | None = None) -> set[str]:
    return {m.skill_id for m in extract_skills(text, skills=registry)}


# ---------------------------------------------------------------- taxonomy


def test_taxonomy_is_large_versioned_and_covers_the_seed() -> None:
    taxonomy = default_taxonomy()
    assert len(taxonomy) >= 800
    assert taxonomy.version
    required = {
        "python", "pytorch", "tensorflow", "scikit_learn", "pandas", "git", "version_control", "unit_testing",
        "aws_sagemaker", "vertex_ai", "google_ai_platform", "azure_ml", "mlops", "apache_spark", "kubernetes",
        "aws", "gcp", "azure", "cpp", "java", "etl", "regression", "classification", "clustering",
        "feature_engineering", "hyperparameter_tuning", "model_evaluation", "ab_testing", "nlp", "computer_vision",
        "generative_ai", "transformers", "deep_learning", "code_review", "ci_cd", "microservices", "system_design",
        "communication", "collaboration", "mentoring", "leadership", "stakeholder_management", "problem_solving",
    }  # fmt: skip
    assert required <= set(taxonomy.skills)


def test_implies_links_are_transitive() -> None:
    implied = default_taxonomy().implied("pytorch")
    assert {"deep_learning_framework", "python", "deep_learning", "machine_learning"} <= set(implied)
    assert "pytorch" not in implied


# ---------------------------------------------------------------- ambiguity traps

REJECTED = [
    ("We drove the go-to-market plan for the launch.", "go"),
    ("A go-getter who loves a challenge.", "go"),
    ("Reported to the C-suite on R&D spend.", "c"),
    ("Reported to the C-suite on R&D spend.", "r"),
    ("I excel at building teams.", "excel"),
    ("Our workshops spark new ideas across the company.", "apache_spark"),
    ("Rest only when the job is done.", "rest_api"),
    ("Taught an evening class in spring semester.", "spring"),
    ("Swift delivery of every release.", "swift"),
    ("Grade C in chemistry.", "c"),
    ("Worked closely with Julia and Ray on the report.", "julia"),
    ("Worked closely with Julia and Ray on the report.", "ray"),
    ("Managed the express delivery lane.", "express"),
]

ACCEPTED = [
    ("Proficient in Go, Python", "go"),
    ("Skills: R, SQL, Tableau", "r"),
    ("Built services in Go and Rust on Kubernetes.", "rust"),
    ("Experience with Excel and SQL reporting.", "excel"),
    ("Pipelines on Spark, Kafka and Flink.", "apache_spark"),
    ("SKILLS\nC, C++, Java", "c"),
    ("Designed REST APIs for partners.", "rest_api"),
    ("Maintained a Ruby on Rails monolith.", "ruby_on_rails"),
    ("Services in Flask and Django.", "flask"),
    ("Programming languages: Scala, Julia", "julia"),
    ("Back end in Spring Boot and Node.js.", "spring_boot"),
    ("typescript javascript node.js react go", "go"),
]


@pytest.mark.parametrize(("text", "skill"), REJECTED)
def test_ambiguous_names_are_rejected_out_of_context(text: str, skill: str) -> None:
    assert skill not in skill_ids(text)


@pytest.mark.parametrize(("text", "skill"), ACCEPTED)
def test_ambiguous_names_are_accepted_in_technical_context(text: str, skill: str) -> None:
    assert skill in skill_ids(text)


def test_an_accepted_ambiguous_mention_says_why() -> None:
    (go,) = [m for m in extract_skills("Proficient in Go, Python") if m.skill_id == "go"]
    assert "ambiguous" in go.explanation and "Python" in go.explanation


def test_c_family_stays_distinct() -> None:
    mentions = extract_skills("Languages: C, C++, C#, .NET, F#, Objective-C")
    assert [m.skill_id for m in mentions] == ["c", "cpp", "csharp", "dotnet", "fsharp", "objective_c"]
    keys = {fuzzy_key(x) for x in ["C", "C++", "C#", ".NET", "F#"]}
    assert len(keys) == 5


# ---------------------------------------------------------------- aliases, misspellings, fuzzy


@pytest.mark.parametrize(
    ("text", "skill", "method"),
    [
        ("Models in sklearn and XGBoost.", "scikit_learn", SkillMethod.ALIAS),
        ("Deployed on k8s.", "kubernetes", SkillMethod.ALIAS),
        ("Trained models in Py-Torch.", "pytorch", SkillMethod.ALIAS),
        ("Ported models to Tensorflow2.", "tensorflow", SkillMethod.ALIAS),
        ("Wrote pyhton scripts.", "python", SkillMethod.ALIAS),
        ("Data in Postgres and BigQuery.", "postgresql", SkillMethod.ALIAS),
        ("Python and PyTorch.", "pytorch", SkillMethod.EXACT),
        ("Built dashboards in Grafna.", "grafana", SkillMethod.FUZZY),
        ("Indexed logs in Elasticsearh.", "elasticsearch", SkillMethod.FUZZY),
    ],
)
def test_aliases_misspellings_and_fuzzy_matches(text: str, skill: str, method: SkillMethod) -> None:
    (mention,) = [m for m in extract_skills(text) if m.skill_id == skill]
    assert mention.method is method
    assert text[mention.span.start : mention.span.end] == mention.surface
    if method is SkillMethod.FUZZY:
        assert 0.9 <= mention.similarity < 1.0 and "similar" in mention.explanation
    else:
        assert mention.similarity == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Our people are directly linked to our success.",  # linked ~ Linkerd
        "We help clients achieve their business objectives.",  # objectives ~ Objective-C
        "Sharing knowledge across the team.",  # sharing ~ sharding
        "Trust is earned.",  # trust ~ Rust
        "Scalar values only.",  # scalar ~ Scala
    ],
)
def test_fuzzy_matching_leaves_ordinary_words_alone(text: str) -> None:
    assert not [m for m in extract_skills(text) if m.method is SkillMethod.FUZZY]


def test_a_skill_that_names_a_role_is_not_evidence() -> None:
    assert "java" not in skill_ids("Senior Java Developer")
    assert "java" in skill_ids("Wrote Java services for payments.")


def test_a_phrase_wrapped_by_the_layout_still_matches() -> None:
    assert "machine_learning" in skill_ids("Built the company's first machine\nlearning platform for fraud.")


# ---------------------------------------------------------------- inferred skills


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Coached three new hires through their first quarter.", "mentoring"),
        ("Presented quarterly results to executives.", "communication"),
        ("Reviewed pull requests for the platform team.", "code_review"),
        ("Managed a squad of five engineers.", "leadership"),
        ("Partnered with product stakeholders on the roadmap.", "stakeholder_management"),
        ("Diagnosed and fixed memory leaks in the serving stack.", "problem_solving"),
    ],
)
def test_soft_skills_and_practices_are_inferred_from_what_people_did(text: str, skill: str) -> None:
    mentions = [m for m in extract_skills(text) if m.skill_id == skill]
    assert mentions, text
    assert mentions[0].method is SkillMethod.INFERRED
    assert mentions[0].explanation.startswith("inferred: ")


# ---------------------------------------------------------------- evidence on a resume


@pytest.fixture(scope="module")
def senior() -> rolematch.Resume:
    return parse_resume(EXAMPLES / "senior-ml-engineer.txt", as_of=AS_OF)


def test_mentions_carry_section_and_experience_entry(senior: rolematch.Resume) -> None:
    python = [m for m in senior.skills if m.skill_id == "python"]
    assert python
    in_jobs = [m for m in python if m.experience_index is not None]
    assert in_jobs and all(m.section is SectionKind.EXPERIENCE for m in in_jobs)
    for mention in senior.skills:
        assert senior.text[mention.span.start : mention.span.end] == mention.surface
        section = senior.section_at(mention.span.start)
        assert mention.section == (section.kind if section else None)
        if mention.experience_index is not None:
            entry = senior.experience[mention.experience_index]
            assert entry.span.start <= mention.span.start < entry.span.end
    assert any(m.section is SectionKind.SKILLS for m in senior.skills)


def test_distinct_skills_give_each_skill_once_with_its_strongest_mention(senior: rolematch.Resume) -> None:
    distinct = senior.distinct_skills()
    ids = [e.skill_id for e in distinct]
    assert len(ids) == len(set(ids)) == len({m.skill_id for m in senior.skills})
    for evidence in distinct:
        mentions = [m for m in senior.skills if m.skill_id == evidence.skill_id]
        assert evidence.mentions == len(mentions)
        assert evidence.strongest == max(mentions, key=lambda m: m.strength)


def test_employer_names_are_not_skills() -> None:
    resume = parse_text(
        "EXPERIENCE\nSoftware Engineer\nDatabricks | Jan 2020 - Present\n• Built APIs in Go and PostgreSQL.\n",
        as_of=AS_OF,
    )
    assert resume.experience and resume.experience[0].organization == "Databricks"
    ids = {m.skill_id for m in resume.skills}
    assert "databricks" not in ids
    assert {"go", "postgresql"} <= ids


def test_every_example_has_skills_and_non_ml_resumes_have_few_ml_ones() -> None:
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix not in {".txt", ".md", ".json", ".docx", ".pdf"}:
            continue
        resume = parse_resume(path, as_of=AS_OF)
        ids = {e.skill_id for e in resume.distinct_skills()}
        assert ids, path.name
        if path.stem in {"marketing-analyst", "registered-nurse"}:
            assert not ids & {"pytorch", "tensorflow", "deep_learning", "mlops", "kubernetes"}, path.name
        else:
            assert "python" in ids and ids & {"pytorch", "tensorflow", "scikit_learn"}, path.name


# ---------------------------------------------------------------- extensibility


def test_a_user_skills_file_adds_and_overrides_skills(tmp_path: Path) -> None:
    extra = tmp_path / "acme.yaml"
    extra.write_text(
        """
categories:
  internal_tool: {label: Internal tools, group: technology}
skills:
  - {id: acme_flow, name: AcmeFlow, category: internal_tool, aliases: [acme-flow], implies: [workflow_orchestration]}
  - {id: python, name: Python, category: language, aliases: [py3k]}
remove: [cobol]
""",
        encoding="utf-8",
    )
    taxonomy = load_taxonomy(extra)
    assert "acme_flow" in taxonomy and "cobol" not in taxonomy
    registry = SkillRegistry(taxonomy)
    ids = skill_ids("Pipelines in AcmeFlow and py3k, not COBOL.", registry)
    assert {"acme_flow", "python"} <= ids and "cobol" not in ids
    assert "python" not in skill_ids("Wrote pyhton scripts.", registry)  # the override dropped that misspelling


def test_a_custom_extractor_can_be_registered() -> None:
    registry = SkillRegistry()
    registry.add(PatternSkillExtractor("mlops", [r"\bML platform team\b"], name="ml-platform"))
    assert registry.names == ["taxonomy", "fuzzy", "inference", "ml-platform"]
    mentions = [
        m for m in extract_skills("Joined the ML platform team.", skills=registry) if m.extractor == "ml-platform"
    ]
    assert mentions and mentions[0].skill_id == "mlops" and "pattern" in mentions[0].explanation


def test_a_custom_extractor_must_return_known_skills_and_true_spans() -> None:
    class Broken(SkillExtractor):
        name = "broken"

        def extract(self, context, found):  # type: ignore[no-untyped-def]
            return [
                context.mention(
                    "python", 0, 4, method=SkillMethod.ALIAS, similarity=1.0, extractor=self.name, explanation="x"
                ).model_copy(update={"skill_id": "no_such_skill"})
            ]

    registry = SkillRegistry()
    registry.add(Broken())
    with pytest.raises(SkillExtractorError, match="unknown skill 'no_such_skill'"):
        extract_skills("Some text here.", skills=registry)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("skills: [{id: x1, name: Python2000, category: language, implies: [nope]}]", "implies unknown skill 'nope'"),
        ("skills: [{id: x2, name: sklearn, category: language}]", "is a form of both"),
        ("skills: [{id: x3, name: X3, category: no_such_category}]", "unknown category"),
        ("skills: [{id: Bad Id, name: X, category: language}]", "skills.0.id"),
        ("skills: [{id: x4, name: X4, category: language, colour: red}]", "skills.0.colour"),
        ("skills: [unclosed", "not valid YAML"),
        ("inferences: [{skill: python, because: b, confidence: 0.5, patterns: [[{NOPE: 1}]]}]", "inference rule"),
    ],
)
def test_bad_skills_files_raise_a_data_file_error(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        SkillRegistry(load_taxonomy(extra))


# ---------------------------------------------------------------- properties

_pieces = st.sampled_from(
    [
        "Python", "python", "Go", "go-to-market", "R&D", "C", "C++", "C#", ".NET", "Excel", "excel at", "Spark",
        "spark new", "REST", "rest", "Skills:", "SKILLS", "\n", " ", ", ", "• ", "Mentored", "two engineers",
        "Senior Java Developer", "Py-Torch", "Grafna", "k8s", "machine\nlearning", "A/B testing", "CI/CD",
    ]
)  # fmt: skip


def _check_mentions(text: str) -> None:
    first = extract_skills(text)
    assert extract_skills(text) == first  # deterministic
    for mention in first:
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.surface
        assert 0.0 <= mention.similarity <= 1.0
        assert mention.skill_id in default_taxonomy()
    keys = [(m.skill_id, m.span.start, m.span.end) for m in first]
    assert len(keys) == len(set(keys))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_spans_index_it(text: str) -> None:
    _check_mentions(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces, max_size=40).map("".join))
def test_skill_like_text_gives_true_deterministic_spans(text: str) -> None:
    _check_mentions(text)


def test_compiled_inference_patterns_match_like_spacys_matcher() -> None:
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    from rolematch._nlp import get_pipeline
    from rolematch._skills._patterns import _FastPattern, _TokenView

    nlp = get_pipeline()
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))] + [
        "Led the end-to-end redesign of search. Managed a squad of five engineers; coached new hires.",
        "Presented results to product managers and non-technical stakeholders. Reviewed pull requests.",
        "Worked closely with the data science team and cross-functional partners.",
    ]
    for rule in default_taxonomy().inferences:
        matcher = Matcher(nlp.vocab)
        matcher.add("rule", rule.patterns)
        compiled = [_FastPattern.compile(p) for p in rule.patterns]
        assert all(c is not None for c in compiled), rule.skill
        for text in texts:
            doc = nlp.make_doc(text.replace("\n", " "))
            expected = {(s.start, s.end) for s in filter_spans(matcher(doc, as_spans=True))}
            view = _TokenView(doc)
            found = set()
            for start in range(len(doc)):
                for pattern in compiled:
                    assert pattern is not None
                    end = pattern.longest_from(view, start)
                    if end is not None:
                        found.add((start, end))
            longest = {(s.start, s.end) for s in filter_spans([doc[a:b] for a, b in sorted(found)])}
            assert longest == expected, rule.skill


# ---------------------------------------------------------------- the fast paths equal their references


def _phrase_matcher_candidates(text: str) -> set[tuple[int, int, str]]:
    """What spaCy's PhraseMatcher finds for every form (the reference the extractor's own lookup replaces)."""
    from spacy.matcher import PhraseMatcher

    from rolematch._nlp import get_pipeline

    nlp = get_pipeline()
    taxonomy = default_taxonomy()
    found = set()
    for attr, case_sensitive in (("LOWER", False), ("ORTH", True)):
        matcher = PhraseMatcher(nlp.vocab, attr=attr)
        forms = [f for f in taxonomy.forms if f.case_sensitive is case_sensitive]
        matcher.add("form", list(nlp.tokenizer.pipe(f.text for f in forms)))
        doc = nlp.make_doc(text.replace("\n", " "))
        found |= {(start, end, attr) for _, start, end in matcher(doc)}
    return found


def _extractor_candidates(text: str) -> set[tuple[int, int, str]]:
    from rolematch._skills import ExtractionContext, TaxonomySkillExtractor

    registry = rolematch.SkillRegistry()
    extractor = next(e for e in registry._extractors if isinstance(e, TaxonomySkillExtractor))
    context = ExtractionContext(text=text, doc=registry.tokenize(text), taxonomy=registry.taxonomy)
    return {
        (c.start, c.end, "ORTH" if c.form.case_sensitive else "LOWER") for c in extractor._candidates(context.tokens)
    }


_SAMPLES = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))] + [
    "Go, R, C++ and C#; go-to-market; Scikit learn / scikit-learn; Py-Torch, PyTorch2; AWS S3; CI/CD.",
]


@pytest.mark.parametrize("text", _SAMPLES)
def test_form_lookup_finds_what_spacys_phrase_matcher_finds(text: str) -> None:
    assert _extractor_candidates(text) == _phrase_matcher_candidates(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces, max_size=30).map("".join))
def test_form_lookup_equals_phrase_matcher_on_generated_text(text: str) -> None:
    assert _extractor_candidates(text) == _phrase_matcher_candidates(text)


def test_token_table_equals_spacys_token_attributes() -> None:
    from rolematch._nlp import get_pipeline
    from rolematch._skills import TokenTable

    for text in [*_SAMPLES, "", "  a\u00a0b\t\tc  ", "naïve İstanbul ǅemal ß", "emoji 🙂 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 words"]:
        doc = get_pipeline().make_doc(text)
        for table in (TokenTable.of(doc), TokenTable.of(doc, text=text)):
            _assert_table_is_the_docs(table, doc)


def _assert_table_is_the_docs(table: Any, doc: Any) -> None:
    assert table.text == [t.text for t in doc]
    assert table.lower == [t.lower_ for t in doc]
    assert table.start == [t.idx for t in doc]
    assert table.end == [t.idx + len(t) for t in doc]
    assert table.space_after == [bool(t.whitespace_) for t in doc]
    assert table.is_space == [t.is_space for t in doc]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_token_table_equals_spacys_tokens_on_any_text(text: str) -> None:
    from rolematch._nlp import get_pipeline
    from rolematch._skills import TokenTable

    doc = get_pipeline().make_doc(text)
    _assert_table_is_the_docs(TokenTable.of(doc, text=text), doc)
    # A text the doc was not made from (another length) is not trusted: the doc's own is used.
    _assert_table_is_the_docs(TokenTable.of(doc, text=text + "x"), doc)


def test_the_compiled_taxonomy_is_current() -> None:
    from importlib import resources

    from rolematch._skills import CompiledTaxonomy, compile_taxonomy

    shipped = CompiledTaxonomy.model_validate_json(
        resources.files("rolematch_data").joinpath("skills.compiled.json").read_bytes()
    )
    assert shipped == compile_taxonomy(), "run: python scripts/compile_taxonomy.py"


def test_a_stale_compiled_taxonomy_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    from rolematch._skills import _taxonomy

    monkeypatch.setattr(_taxonomy, "_COMPILED", "no-such-file.json")
    assert load_taxonomy().form_tokens() == default_taxonomy().form_tokens()
    assert set(load_taxonomy().skills) == set(default_taxonomy().skills)


_keys = st.text(alphabet="abcdeflmnoprstuy+#.", min_size=1, max_size=18)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_keys, min_size=1, max_size=6),
    st.lists(_keys, min_size=1, max_size=8),
    st.sampled_from([80, 85, 90, 95]),
)
def test_the_deletion_index_gives_cdists_best_choice(keys: list[str], choices: list[str], cutoff: int) -> None:
    """The fuzzy extractor's exact search equals rapidfuzz's brute force over every choice."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from rolematch._skills._nearest import _NearKeys

    choices = sorted(set(choices))
    near = _NearKeys(choices, cutoff)
    scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float32)
    for row, key in enumerate(keys):
        found = near.best(key)
        if found is None:
            assert len(key) > near.max_length
            continue
        column = int(np.argmax(scores[row]))
        expected = (float(scores[row, column]), column) if scores[row, column] > 0 else (0.0, -1)
        assert found == expected, (key, choices)


# Few letters, so random keys are often near one another and the bigram bound is tested where it is tight.
_long_keys = st.text(alphabet="abcde+.", min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_keys, _long_keys), min_size=1, max_size=8),
    st.lists(st.one_of(_keys, _long_keys), min_size=1, max_size=12),
    st.sampled_from([70, 80, 85, 90, 95]),
)
def test_the_nearest_choice_search_gives_cdists_best_choice(keys: list[str], choices: list[str], cutoff: int) -> None:
    """Deletion index plus bigram index, over keys of every length, equal rapidfuzz's brute force."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from rolematch._skills._nearest import NearestChoices

    choices = sorted(set(choices))
    scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float32)
    expected = []
    for row in range(len(keys)):
        column = int(np.argmax(scores[row]))
        expected.append((float(scores[row, column]), column) if scores[row, column] > 0 else (0.0, -1))
    assert NearestChoices(choices, cutoff).best_many(keys) == expected


def test_the_nearest_choice_search_agrees_with_cdist_on_the_taxonomy() -> None:
    """Long misspellings of real taxonomy keys find what scoring every key finds."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from rolematch._skills import FuzzySkillExtractor
    from rolematch._skills._nearest import NearestChoices

    extractor = FuzzySkillExtractor(default_taxonomy())
    choices = extractor._choice_keys
    keys = [k[:3] + k[4:] for k in choices[::7]] + [k + "s" for k in choices[3::11]] + ["tensorfloww", "scikitlearnn"]
    scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=90, dtype=np.float32)
    columns = np.argmax(scores, axis=1)
    expected = [(float(scores[r, c]), int(c)) if scores[r, c] > 0 else (0.0, -1) for r, c in enumerate(columns)]
    assert NearestChoices(choices, 90).best_many(keys) == expected


def test_the_deletion_index_covers_misspellings_of_real_choices() -> None:
    import numpy as np
    from rapidfuzz import fuzz, process

    from rolematch._skills import FuzzySkillExtractor
    from rolematch._skills._nearest import _NearKeys

    extractor = FuzzySkillExtractor(default_taxonomy())
    choices = extractor._choice_keys
    near = _NearKeys(choices, extractor.cutoff)
    keys = ["pytorch", "pytorcj", "pytorchh", "tensorfloww", "tensorflw", "kubernets", "scikitlearn", "pands"]
    scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=90, dtype=np.float32)
    for row, key in enumerate(keys):
        found = near.best(key)
        if found is not None:
            column = int(np.argmax(scores[row]))
            assert found == ((float(scores[row, column]), column) if scores[row, column] > 0 else (0.0, -1))
    found = near.best("pytorchh")
    assert found is not None and choices[found[1]] == "pytorch"
