"""Years in the role: jobs in the role count in full, related jobs at the role file's weight,
and production duties (deploying, serving, monitoring models) are what make a related job count fully."""

from __future__ import annotations

from datetime import date

import rolematch

AS_OF = date(2026, 11, 21)

_SWITCHER = """Jordan Reyes

Summary
Data scientist looking to move into a machine learning engineering role.

Experience
Senior Data Scientist, Northwind Health, Jan 2019 - Present
- Built churn and readmission models in Python and scikit-learn; presented dashboards to clinical leadership.
- Handed models to engineering for deployment.

Data Scientist, Contoso Insurance, Jan 2015 - Dec 2018
- Built pricing models with XGBoost and pandas; wrote SQL for feature pipelines.

Education
MSc Statistics, University of Leeds, 2014

Skills
Python, SQL, scikit-learn, XGBoost, pandas, Tableau
"""


def _fit(text: str, level: str = "mid") -> rolematch.ExperienceFit:
    return rolematch.match(rolematch.parse_text(text, as_of=AS_OF), level=level).experience


def test_a_data_scientists_years_count_as_related_not_equal() -> None:
    fit = _fit(_SWITCHER)
    assert fit.in_role_years == 0 and fit.related_years >= 11
    assert fit.related_weight == 0.5
    assert fit.relevant_years == round(0.5 * fit.related_years, 2)
    assert fit.total_years >= 11 and len(fit.related_entries) == 2 and fit.relevant_entries == []


def test_production_duties_make_a_related_job_count_in_full() -> None:
    deployed = _SWITCHER.replace(
        "- Handed models to engineering for deployment.",
        "- Deployed the models as REST services with Docker and set up model monitoring for drift.",
    )
    fit = _fit(deployed)
    assert fit.in_role_years >= 7  # the current job shows model deployment and monitoring
    assert fit.relevant_years > _fit(_SWITCHER).relevant_years


def test_a_data_science_to_ml_switcher_is_not_placed_senior() -> None:
    assessment = rolematch.assess(rolematch.parse_text(_SWITCHER, as_of=AS_OF), role="ml-engineer")
    assert assessment.best_level != "senior"
    assert assessment.reports["senior"].verdict != "strong fit"


def test_ml_engineer_titles_count_in_full_and_a_software_past_counts_related() -> None:
    text = """Sam Lee

Experience
Machine Learning Engineer, Fabrikam, Jan 2022 - Present
- Trained and deployed PyTorch models.

Software Engineer, Tailspin, Jan 2018 - Dec 2021
- Built Java services on Kubernetes and Kafka.
"""
    fit = _fit(text)
    assert fit.relevant_entries == [0] and fit.related_entries == [1]
    assert fit.relevant_years == round(fit.in_role_years + 0.5 * fit.related_years, 2)


def test_a_job_outside_the_role_counts_nothing() -> None:
    text = """Ana Ruiz

Experience
Barista, Blue Bottle, Jan 2015 - Dec 2020
- Served coffee and trained new staff.
"""
    fit = _fit(text)
    assert (fit.relevant_years, fit.in_role_years, fit.related_years) == (0, 0, 0)
    assert fit.total_years >= 5
