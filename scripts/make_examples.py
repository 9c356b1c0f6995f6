"""Regenerate the binary example resumes (DOCX and PDF) from the text in this script.

Run: .venv/bin/python scripts/make_examples.py   (the outputs are committed under examples/)
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pdfwriter import Text, flow, write_pdf  # noqa: E402


def junior_docx(path: Path) -> None:
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.text = "Kenji Sato · kenji.sato@example.com · +1 646 555 0110 · New York, NY · github.com/kenjisato"
    document.add_heading("Kenji Sato", level=0)
    document.add_paragraph("Associate Machine Learning Engineer")
    document.add_heading("Education", level=1)
    document.add_paragraph("New York University — B.S. in Data Science (Sept 2020 - May 2024)")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Associate Machine Learning Engineer, Hudson Media (07/2024 – present)")
    for bullet in (
        "Train and evaluate text classification models with TensorFlow and scikit-learn for content tagging.",
        "Collect and preprocess large datasets with pandas; feature engineering for categorical data.",
        "Collaborate with data scientists and product managers to integrate models into the CMS.",
        "Use Git, code review and unit testing with pytest in every change.",
    ):
        document.add_paragraph(bullet, style="List Bullet")
    document.add_paragraph("Machine Learning Intern, Empire Robotics (June 2023 to August 2023)")
    document.add_paragraph(
        "Prototyped an object-detection model in PyTorch and deployed it on AWS SageMaker.",
        style="List Bullet",
    )
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Languages"
    table.cell(0, 1).text = "Python, SQL, Bash"
    table.cell(1, 0).text = "ML"
    table.cell(1, 1).text = "TensorFlow, PyTorch, scikit-learn, pandas, regression, classification, clustering"
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(10)
    document.core_properties.author = "rolematch examples"
    document.core_properties.created = datetime(2026, 1, 1)  # fixed, so regenerating is stable
    document.save(path)


def senior_two_column_pdf(path: Path) -> None:
    left_x, right_x = 40.0, 400.0
    runs: list[Text] = [
        Text(left_x, 50, "Daniel Okafor", 18, bold=True),
        Text(left_x, 68, "Lead Machine Learning Engineer", 11),
        Text(
            left_x,
            84,
            "daniel.okafor@example.com | +44 20 7946 0958 | London, UK | linkedin.com/in/dokafor",
            9,
        ),
    ]
    main = [
        "SUMMARY",
        "Lead ML engineer with fourteen years building search, ranking and NLP",
        "systems. Sets ML strategy, leads teams of eight and presents to executives.",
        "",
        "EXPERIENCE",
        ("Lead Machine Learning Engineer", "2019–present"),
        "Meridian Search, London, UK",
        "• Led a team of eight engineers building transformer-based ranking models",
        "  in PyTorch, deployed on Kubernetes with Kafka-fed real-time features.",
        "• Defined the ML roadmap and presented it to the executive board.",
        "• Mentored engineers and ran code reviews and architecture reviews.",
        ("Senior Machine Learning Engineer", "Sept 2015 - Dec 2019"),
        "Albion Bank, London, UK",
        "• Built credit-risk models with XGBoost and TensorFlow on Google Cloud",
        "  Vertex AI; designed the feature store and CI/CD for ML.",
        ("Software Engineer", "2012 - 2015"),
        "Thames Software, Reading, UK",
        "• Wrote C++ and Java services for a document-search product.",
    ]
    side = [
        "EDUCATION",
        "PhD in Machine Learning",
        "University of Edinburgh",
        "2012",
        "",
        "SKILLS",
        "Python, C++, Java",
        "PyTorch, TensorFlow",
        "XGBoost, scikit-learn",
        "Kubernetes, Kafka",
        "GCP Vertex AI, AWS",
        "NLP, transformers",
        "system design",
        "",
        "LANGUAGES",
        "English, Yoruba",
    ]
    runs += flow(main, x=left_x, y=120, size=9, right_x=285)
    runs += flow(side, x=right_x, y=120, size=9)
    path.write_bytes(write_pdf([runs]))


if __name__ == "__main__":
    junior_docx(ROOT / "examples" / "junior-ml-engineer.docx")
    senior_two_column_pdf(ROOT / "examples" / "lead-ml-engineer-two-column.pdf")
    print("wrote examples/junior-ml-engineer.docx and examples/lead-ml-engineer-two-column.pdf")
