"""Seeded fictional resumes as JSON Resume dicts: eight industries, five countries' conventions.

Every name, company and school here is invented; any likeness to a real one is chance. The same seed
always gives the same dict (``random.Random(seed)`` and nothing else).
"""

from __future__ import annotations

import random
from typing import Any

AS_OF = "2026-11-01"
_AS_OF_YEAR, _AS_OF_MONTH = 2026, 11

INDUSTRIES = ["software", "ml", "networking", "nursing", "finance", "marketing", "mechanical", "teaching"]
REGIONS = ["us", "india", "uk", "germany", "france"]

_FIRST = {
    "us": [
        "James",
        "Maria",
        "Tyler",
        "Ashley",
        "Marcus",
        "Jennifer",
        "Kevin",
        "Danielle",
        "Brandon",
        "Megan",
        "Carlos",
    ],
    "india": ["Rahul", "Priya", "Sandeep", "Ananya", "Venkatesh", "Kavitha", "Arjun", "Sneha", "Mohammed", "Sai Kiran"],
    "uk": ["Oliver", "Charlotte", "Harry", "Amelia", "George", "Isla", "Callum", "Sophie", "Eleanor", "Rhys"],
    "germany": ["Lukas", "Anna", "Maximilian", "Lea", "Jonas", "Katharina", "Felix", "Tobias", "Julia", "Jana"],
    "france": ["Camille", "Louis", "Chloé", "Hugo", "Manon", "Théo", "Léa", "Antoine", "Inès", "Julien"],
}
_LAST = {
    "us": [
        "Whitfield",
        "Garcia",
        "Brennan",
        "Coleman",
        "Ortiz",
        "Holloway",
        "Nguyen",
        "Patterson",
        "Reyes",
        "Sullivan",
    ],
    "india": ["Sharma", "Reddy", "Iyer", "Patil", "Nair", "Kulkarni", "Banerjee", "Choudhary", "Menon", "Joshi", "Rao"],
    "uk": ["Thompson", "Hughes", "Clarke", "Fletcher", "Walsh", "Barnes", "Pritchard", "Ellis", "Doyle", "Marsh"],
    "germany": ["Müller", "Schneider", "Becker", "Hoffmann", "Wagner", "Schäfer", "Krüger", "Zimmermann", "Braun"],
    "france": ["Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Bonnet", "Fontaine", "Rousseau", "Mercier"],
}
# (city, region, countryCode, how a job line writes it)
_PLACES = {
    "us": [
        ("Austin", "TX", "US", "Austin, TX"),
        ("Columbus", "OH", "US", "Columbus, OH"),
        ("Raleigh", "NC", "US", "Raleigh, NC"),
        ("Denver", "CO", "US", "Denver, CO"),
        ("San Jose", "CA", "US", "San Jose, CA"),
        ("Newark", "NJ", "US", "Newark, NJ"),
        ("Seattle", "WA", "US", "Seattle, WA"),
        ("Chicago", "IL", "US", "Chicago, Illinois"),
        ("Boston", "MA", "US", "Boston, MA"),
    ],
    "india": [
        ("Bengaluru", "Karnataka", "IN", "Bengaluru, Karnataka"),
        ("Hyderabad", "Telangana", "IN", "Hyderabad, Telangana"),
        ("Pune", "Maharashtra", "IN", "Pune, Maharashtra"),
        ("Chennai", "Tamil Nadu", "IN", "Chennai, Tamil Nadu"),
        ("Noida", "Uttar Pradesh", "IN", "Noida, Uttar Pradesh"),
        ("Gurugram", "Haryana", "IN", "Gurugram, Haryana"),
        ("Kochi", "Kerala", "IN", "Kochi, Kerala"),
        ("Mumbai", "Maharashtra", "IN", "Mumbai, India"),
    ],
    "uk": [
        ("Manchester", "England", "GB", "Manchester, UK"),
        ("Leeds", "England", "GB", "Leeds, United Kingdom"),
        ("Bristol", "England", "GB", "Bristol, UK"),
        ("Edinburgh", "Scotland", "GB", "Edinburgh, Scotland"),
        ("London", "England", "GB", "London, UK"),
        ("Cardiff", "Wales", "GB", "Cardiff, UK"),
    ],
    "germany": [
        ("Munich", "Bavaria", "DE", "Munich, Germany"),
        ("Hamburg", "Hamburg", "DE", "Hamburg, Germany"),
        ("Stuttgart", "Baden-Württemberg", "DE", "Stuttgart, Germany"),
        ("Berlin", "Berlin", "DE", "Berlin, Germany"),
        ("Köln", "North Rhine-Westphalia", "DE", "Köln, Germany"),
    ],
    "france": [
        ("Paris", "Île-de-France", "FR", "Paris, France"),
        ("Lyon", "Auvergne-Rhône-Alpes", "FR", "Lyon, France"),
        ("Toulouse", "Occitanie", "FR", "Toulouse, France"),
        ("Nantes", "Pays de la Loire", "FR", "Nantes, France"),
        ("Grenoble", "Auvergne-Rhône-Alpes", "FR", "Grenoble, France"),
    ],
}
_PHONE = {
    "us": "+1 {a}{b}{c} 555 01{d}{e}",
    "india": "+91 98{a}{b}{c} {d}{e}{a}{b}{c}",
    "uk": "+44 7700 900{d}{e}{a}",
    "germany": "+49 151 {a}{b}{c}{d} {e}{a}{b}",
    "france": "+33 6 {a}{b} {c}{d} {e}{a} {b}{c}",
}
_STEMS = [
    "Veltrix", "Brightwave", "Kestrel", "Norwell", "Quantiva", "Altamira", "Bluecrest", "Ferrovia", "Halcyon",
    "Ironbridge", "Lumora", "Meridia", "Northgate", "Orbitel", "Redwater", "Silverline", "Tekvana", "Trivane",
    "Westmark", "Zentrix", "Cobaltis", "Aruvi", "Prakrit", "Srishti", "Kaveri", "Elbwerk", "Rheintal", "Lumière",
    "Azurel", "Thistle", "Pennine", "Corvana", "Solvane", "Heliora",
]  # fmt: skip
_QUALIFIERS = {
    "software": ["Software", "Technologies", "Systems", "Labs", "Infotech", "Digital", "Solutions"],
    "ml": ["Analytics", "Data", "AI", "Insights", "Technologies"],
    "networking": ["Networks", "Telecom", "IT Services", "Infrastructure", "Technologies"],
    "nursing": ["Medical Center", "Health", "Hospital", "Community Hospital", "Healthcare"],
    "finance": ["Capital", "Financial Services", "Bank", "Securities", "Finance"],
    "marketing": ["Media", "Marketing", "Brands", "Communications", "Retail"],
    "mechanical": ["Engineering", "Industries", "Motors", "Aerospace", "Manufacturing", "Automotive"],
    "teaching": ["Academy", "High School", "Public School", "International School", "College"],
}
_SUFFIXES = {
    "us": ["Inc.", "Inc", "LLC", "Corp.", "Corporation"],
    "india": ["Pvt Ltd", "Pvt. Ltd.", "Private Limited", "Limited", "Ltd"],
    "uk": ["Ltd", "Ltd.", "plc", "Limited"],
    "germany": ["GmbH", "AG", "SE", "GmbH & Co. KG"],
    "france": ["SA", "SAS", "S.A."],
}
_DESCRIPTIONS = {
    "software": "{c} is a {where} software company building payment and logistics platforms.",
    "ml": "{c} is a {where} analytics firm serving retail and insurance clients.",
    "networking": "{c} is a {where} managed IT services provider with over 4,000 employees.",
    "nursing": "{c} is a 450-bed {where} teaching hospital and Level I trauma centre.",
    "finance": "{c} is a {where} financial services group with operations in 30 countries.",
    "marketing": "{c} is a {where} consumer brands company selling in over 60 markets.",
    "mechanical": "{c} is a {where} multinational aerospace corporation.",
    "teaching": "{c} is a {where} co-educational school of about 1,200 students.",
}
_WHERE = {"us": "US-based", "india": "Bengaluru-based", "uk": "UK-based", "germany": "European", "france": "European"}

_TITLES = {
    "software": [
        "Software Engineer Intern", "Associate Software Engineer", "Software Developer", "Software Engineer",
        "Senior Software Engineer", "Senior Systems Engineer", "Lead Software Engineer", "Engineering Manager",
    ],
    "ml": [
        "Data Science Intern", "Data Analyst", "Junior Data Scientist", "Data Scientist", "Data Engineer",
        "Machine Learning Engineer", "Senior Data Scientist", "Lead Machine Learning Engineer",
    ],
    "networking": [
        "IT Support Intern", "Help Desk Analyst", "IT Support Technician", "Desktop Support Engineer",
        "System Administrator", "Network Administrator", "Network Engineer", "Senior Network Engineer",
    ],
    "nursing": [
        "Student Nurse", "Nursing Assistant", "Staff Nurse", "Registered Nurse", "ICU Staff Nurse",
        "Charge Nurse", "Nurse Educator", "Nurse Manager",
    ],
    "finance": [
        "Finance Intern", "Accounts Executive", "Audit Associate", "Financial Analyst", "Credit Analyst",
        "Senior Accountant", "Senior Financial Analyst", "Finance Manager",
    ],
    "marketing": [
        "Marketing Intern", "Marketing Coordinator", "Digital Marketing Executive", "SEO Specialist",
        "Social Media Manager", "Content Marketing Manager", "Brand Manager", "Marketing Manager",
    ],
    "mechanical": [
        "Engineering Intern", "Graduate Engineer Trainee", "Design Engineer", "Mechanical Engineer",
        "Manufacturing Engineer", "Stress Engineer", "Senior Mechanical Engineer", "Project Engineer",
    ],
    "teaching": [
        "Student Teacher", "Teaching Assistant", "Substitute Teacher", "Mathematics Teacher", "Science Teacher",
        "Lecturer", "Head of Department", "Assistant Professor",
    ],
}  # fmt: skip
_LABEL = {
    "software": "Software Engineer",
    "ml": "Data Scientist",
    "networking": "Network Engineer",
    "nursing": "Registered Nurse",
    "finance": "Financial Analyst",
    "marketing": "Digital Marketing Professional",
    "mechanical": "Mechanical Engineer",
    "teaching": "Teacher",
}
_BULLETS = {
    "software": [
        "Designed and built REST APIs in Java and Spring Boot serving 2 million requests a day.",
        "Migrated a monolith to microservices on Kubernetes, cutting deployment time from hours to minutes.",
        "Wrote unit and integration tests with JUnit and Mockito, raising coverage from 41% to 78%.",
        "Built React front-end screens for the customer portal and fixed cross-browser defects.",
        "Tuned slow ORACLE queries and PL/SQL procedures used by the nightly billing batch.",
        "Set up CI/CD pipelines in Jenkins and GitLab CI for twelve services.",
        "Mentored three junior developers and ran weekly code reviews.",
        "Worked with the client in an Agile team of nine; took part in sprint planning and retrospectives.",
    ],
    "ml": [
        "Built churn prediction models with XGBoost and scikit-learn, lifting retention campaign ROI by 18%.",
        "Wrote ETL pipelines in Python and Apache Airflow loading 40 GB a day into Snowflake.",
        "Created Tableau dashboards for the sales leadership team.",
        "Fine-tuned transformer models in PyTorch for ticket classification.",
        "Ran A/B tests and reported results to product managers.",
        "Deployed models as Docker containers behind a FastAPI service on AWS.",
        "Cleaned and analysed survey data with pandas and SQL.",
    ],
    "networking": [
        "Configured Cisco routers and switches: VLAN, OSPF, EIGRP and BGP.",
        "Managed DHCP, DNS and Active Directory for 1,500 users across four sites.",
        "Resolved L1/L2 tickets in ServiceNow within SLA; average 35 tickets a week.",
        "Installed and imaged Windows XP and Windows 7 desktops; configured Outlook profiles.",
        "Monitored the WAN with SolarWinds and escalated outages to the ISP.",
        "Set up site-to-site VPN tunnels on Fortinet firewalls.",
        "Maintained the asset inventory and patching schedule for 600 endpoints.",
    ],
    "nursing": [
        "Provided direct care to 5-6 patients per shift on a 32-bed medical-surgical unit.",
        "Administered medications and IV therapy and documented care in Epic.",
        "Performed patient assessments and escalated changes in condition to physicians.",
        "Educated patients and families on discharge plans and wound care.",
        "Precepted newly hired nurses and nursing students.",
        "Led the unit's falls-prevention project, reducing falls by 22% in one year.",
    ],
    "finance": [
        "Prepared monthly MIS reports and variance analysis for the CFO.",
        "Built financial models in Excel for capital budgeting decisions.",
        "Handled accounts payable and receivable in Tally ERP 9 and SAP FICO.",
        "Supported the statutory audit and reconciled bank statements.",
        "Assessed credit risk of SME loan applications up to USD 2 million.",
        "Automated the quarterly close checklist with VBA macros.",
    ],
    "marketing": [
        "Planned and ran Google Ads and Meta campaigns with a monthly budget of 40,000.",
        "Grew organic traffic 65% in a year through SEO and a content calendar.",
        "Managed the brand's Instagram and LinkedIn pages; wrote and scheduled posts in Hootsuite.",
        "Built email nurture flows in HubSpot with a 31% open rate.",
        "Tracked campaign KPIs in Google Analytics and reported weekly to the marketing head.",
        "Coordinated product launches with sales, design and external agencies.",
    ],
    "mechanical": [
        "Designed sheet-metal and machined parts in SolidWorks and produced drawings with GD&T.",
        "Ran static and fatigue analyses in ANSYS on wing-rib brackets.",
        "Led a DFMEA for a new gearbox housing with the supplier.",
        "Reduced scrap on the CNC line by 12% with a Six Sigma DMAIC project.",
        "Created CATIA V5 models and assemblies for interior cabin components.",
        "Supported production trials and wrote work instructions for the shop floor.",
    ],
    "teaching": [
        "Taught mathematics to classes of 30 students in grades 8-10.",
        "Planned lessons aligned with the CBSE and state curriculum.",
        "Used Google Classroom and a Smartboard for blended learning.",
        "Raised the pass rate of my Year 11 group from 68% to 84%.",
        "Coordinated the annual science fair and parent-teacher meetings.",
        "Mentored two trainee teachers during their placement.",
    ],
}
_SKILLS = {
    "software": {
        "Languages": ["Java", "Python", "JavaScript", "TypeScript", "C#", "SQL", "Go"],
        "Frameworks": ["Spring Boot", "React", "Angular", "Node.js", "Django", "Hibernate", "JSP"],
        "Databases": ["ORACLE", "MySQL", "PostgreSQL", "MongoDB", "Redis"],
        "Tools": ["Git", "Jenkins", "Docker", "Kubernetes", "JIRA", "SQL Developer", "Eclipse"],
    },
    "ml": {
        "Languages": ["Python", "R", "SQL", "Scala"],
        "ML": ["scikit-learn", "XGBoost", "PyTorch", "TensorFlow", "pandas", "NumPy", "Hugging Face Transformers"],
        "Data": ["Apache Spark", "Apache Airflow", "Snowflake", "BigQuery", "Kafka"],
        "Visualization": ["Tableau", "Power BI", "Matplotlib"],
    },
    "networking": {
        "Networking": ["DHCP", "DNS", "VLAN", "OSPF", "EIGRP", "BGP", "TCP/IP", "VPN", "Cisco IOS"],
        "Systems": ["Windows XP", "Windows 7", "Windows Server 2012", "Active Directory", "Linux", "VMware"],
        "Tools": ["Outlook", "ServiceNow", "Remedy", "SolarWinds", "Wireshark", "SQL Developer"],
    },
    "nursing": {
        "Clinical": ["Patient Assessment", "IV Therapy", "Medication Administration", "Wound Care", "Triage"],
        "Certifications": ["BLS", "ACLS", "PALS"],
        "Systems": ["Epic", "Cerner", "Microsoft Office"],
    },
    "finance": {
        "Finance": ["Financial Modeling", "Variance Analysis", "Budgeting", "GAAP", "IFRS", "Reconciliation"],
        "Software": ["Excel", "SAP FICO", "Tally ERP 9", "QuickBooks", "Bloomberg Terminal", "Power BI"],
    },
    "marketing": {
        "Digital": ["SEO", "SEM", "Google Ads", "Google Analytics", "Email Marketing", "Social Media Marketing"],
        "Tools": ["HubSpot", "Salesforce", "Hootsuite", "Canva", "Adobe Photoshop", "WordPress"],
    },
    "mechanical": {
        "CAD/CAE": ["SolidWorks", "AutoCAD", "CATIA V5", "ANSYS", "Creo"],
        "Methods": ["GD&T", "DFMEA", "Six Sigma", "Lean Manufacturing", "Root Cause Analysis"],
        "Other": ["MATLAB", "Microsoft Excel", "SAP PP"],
    },
    "teaching": {
        "Teaching": ["Lesson Planning", "Classroom Management", "Differentiated Instruction", "Curriculum Development"],
        "Technology": ["Google Classroom", "Smartboard", "Microsoft Office", "Moodle"],
    },
}
_FIELDS = {
    "software": ["Computer Science", "Information Technology", "Computer Science and Engineering"],
    "ml": ["Statistics", "Computer Science", "Data Science", "Mathematics"],
    "networking": ["Information Technology", "Electronics and Communication", "Computer Networks"],
    "nursing": ["Nursing"],
    "finance": ["Commerce", "Finance", "Accounting and Finance", "Economics"],
    "marketing": ["Marketing", "Business Administration", "Mass Communication"],
    "mechanical": ["Mechanical Engineering", "Aerospace Engineering", "Production Engineering"],
    "teaching": ["Mathematics", "Education", "Physics"],
}
# (degree as written, years of study) by region and level; the field comes from the industry.
_DEGREES = {
    "us": {"bachelor": ["B.S.", "BS", "Bachelor of Science", "B.A."], "master": ["M.S.", "MS", "MBA"],
           "doctorate": ["Ph.D.", "PhD"], "associate": ["A.S.", "Associate of Science"]},
    "india": {"bachelor": ["B.Tech", "B.E.", "B.E", "BCA", "B.Com", "B.Sc."],
              "master": ["M.Tech", "MCA", "MBA", "PGDM", "M.Sc."],
              "doctorate": ["Ph.D."], "associate": ["Polytechnic Diploma"]},
    "uk": {"bachelor": ["BSc (Hons)", "BA (Hons)", "BEng"], "master": ["M.Sc.", "MSc", "MEng"], "doctorate": ["PhD"],
           "associate": ["BTS"]},
    "germany": {"bachelor": ["B.Sc.", "Bachelor of Engineering"], "master": ["M.Sc.", "Dipl.-Ing."],
                "doctorate": ["Dr.-Ing.", "Dr. rer. nat."], "associate": ["B.Sc."]},
    "france": {"bachelor": ["Licence"], "master": ["Master", "Diplôme d'Ingénieur"], "doctorate": ["Doctorat"],
               "associate": ["Licence"]},
}  # fmt: skip
_NURSING_DEGREES = {"us": ["BSN", "ADN", "MSN"], "india": ["B.Sc Nursing", "GNM"], "uk": ["BSc (Hons)"]}
_TEACHING_DEGREES = {"us": ["M.Ed", "B.A."], "india": ["B.Ed", "M.Sc."], "uk": ["PGCE", "BSc (Hons)"]}
_UNIVERSITY = {
    "us": ["University of Northbrook", "Lakeshore State University", "Cedar Valley College",
           "Ridgefield Institute of Technology"],
    "india": ["Sri Venkateswara College of Engineering", "Godavari Institute of Technology",
              "National Institute of Technology, Kaveri", "Pune Institute of Management Studies", "Anand University"],
    "uk": ["University of Wexham", "Northumbria Vale University", "Kingsbridge College London"],
    "germany": ["Technische Universität Rheinfeld", "Hochschule Elbtal", "Universität Auenbach"],
    "france": ["Université de Valmont", "École Nationale d'Ingénieurs de Loire", "Institut Polytechnique d'Azur"],
}  # fmt: skip
_SCHOOL = {
    "us": ["Westfield High School"],
    "india": ["Sunrise Public School", "Kendriya Vidyalaya No. 7", "St. Aldric's High School", "Vidya Niketan"],
    "uk": ["Hollins Park Sixth Form College", "St. Bede's School"],
    "germany": ["Goethe-Gymnasium Auenbach", "Schiller-Gymnasium"],
    "france": ["Lycée Victor Duruy", "Lycée Jean Moulin"],
}
_SECONDARY = {
    "us": [["High School Diploma"]],
    "india": [
        ["SSC", "HSC"],
        ["10th", "12th"],
        ["ICSE", "Class XII (CBSE)"],
        ["Class X", "Class XII"],
        ["CBSE", "HSC"],
    ],
    "uk": [["GCSE", "A-levels"], ["A-Levels"]],
    "germany": [["Abitur"]],
    "france": [["Baccalauréat"]],
}
_LANGUAGES = {
    "us": ["English", "Spanish"],
    "india": ["English", "Hindi", "Telugu", "Tamil", "Marathi"],
    "uk": ["English", "French"],
    "germany": ["German", "English"],
    "france": ["French", "English"],
}


def _company(rng: random.Random, region: str, industry: str, used: set[str]) -> str:
    stem = rng.choice([s for s in _STEMS if s not in used])
    used.add(stem)
    form = rng.random()
    if industry in {"nursing", "teaching"}:
        # Hospitals and schools rarely carry a legal suffix on a resume.
        return f"{stem} {rng.choice(_QUALIFIERS[industry])}"
    if form < 0.2:
        return stem  # a plain one-word name
    if form < 0.45:
        return f"{stem} {rng.choice(_SUFFIXES[region])}"
    if form < 0.6:
        return f"{stem} {rng.choice(_QUALIFIERS[industry])}"
    return f"{stem} {rng.choice(_QUALIFIERS[industry])} {rng.choice(_SUFFIXES[region])}"


def _ym(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _career(rng: random.Random, count: int) -> list[tuple[int, int | None]]:
    """Month-index ranges, most recent first; the first is current two times in three."""
    now = _AS_OF_YEAR * 12 + _AS_OF_MONTH - 1
    ranges: list[tuple[int, int | None]] = []
    cursor = now - rng.randrange(0, 10)
    for n in range(count):
        current = n == 0 and rng.random() < 0.67
        end = None if current else cursor - rng.randrange(0, 6)
        length = rng.randrange(6, 50)
        start = (end if end is not None else cursor) - length
        ranges.append((start, end))
        # A job that began while the previous one was still running, now and then.
        cursor = start + (rng.randrange(1, 5) if rng.random() < 0.1 else -rng.randrange(0, 5))
    return ranges


def _months_union(ranges: list[tuple[int, int | None]]) -> int:
    now = _AS_OF_YEAR * 12 + _AS_OF_MONTH - 1
    covered: set[int] = set()
    for start, end in ranges:
        covered.update(range(start, (end if end is not None else now) + 1))
    return len(covered)


def make_resume(
    seed: int, *, industry: str | None = None, region: str | None = None, jobs: int | None = None
) -> dict[str, Any]:
    """The fictional resume for ``seed``; ``industry``/``region``/``jobs`` pin a choice for one layout."""
    rng = random.Random(seed)
    industry = industry or rng.choice(INDUSTRIES)
    region = region or rng.choice(REGIONS)
    if industry in {"nursing", "teaching"} and region in {"germany", "france"}:
        region = rng.choice(["us", "india", "uk"])  # their degree tables below cover these three
    first, last = rng.choice(_FIRST[region]), rng.choice(_LAST[region])
    city, state, country, _ = rng.choice(_PLACES[region])
    digits = {k: rng.randrange(10) for k in "abcde"}
    count = jobs if jobs is not None else rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8])
    ranges = _career(rng, count)
    titles = _TITLES[industry]
    # Seniority rises towards the most recent job.
    top = rng.randrange(min(len(titles) - 1, count), len(titles))
    work = []
    used: set[str] = set()
    for n, (start, end) in enumerate(ranges):
        rank = max(1, top - n) if n < count - 1 else max(0, top - n)
        abroad = rng.random() < 0.12
        place_region = rng.choice(REGIONS) if abroad else region
        place = rng.choice(_PLACES[place_region])[3]
        if industry in {"software", "ml"} and rng.random() < 0.08:
            place = "Remote"
        item: dict[str, Any] = {"name": _company(rng, place_region, industry, used), "position": titles[rank]}
        item["location"] = place
        year_only = n >= 3 and rng.random() < 0.3  # old jobs are sometimes remembered by year only
        intern = rank == 0 and n == count - 1 and rng.random() < 0.6
        if intern:
            year = start // 12 if end is None else min(start // 12, end // 12)
            item["startDate"], item["endDate"] = f"{year}-06", f"{year}-08"
        elif year_only:
            item["startDate"] = str(start // 12)
            if end is not None:
                item["endDate"] = str(max(end // 12, start // 12 + 1))
        else:
            item["startDate"] = _ym(start)
            if end is not None:
                item["endDate"] = _ym(end)
        if rng.random() < 0.18:
            item["summary"] = _DESCRIPTIONS[industry].format(c=item["name"], where=_WHERE[place_region])
        pool = _BULLETS[industry]
        item["highlights"] = rng.sample(pool, min(len(pool), rng.randrange(1, 5) if n < 3 else rng.randrange(0, 3)))
        work.append(item)
    # The stated figures are computed from the dates in the dict, as a candidate would.
    total_months = _months_union([(s, e) for s, e in ranges])
    summary_lines = []
    if rng.random() < 0.7:
        years = total_months // 12
        summary_lines.append(
            rng.choice(
                [
                    f"{_LABEL[industry]} with {years}+ years of experience, looking for a role where I can grow.",
                    f"Results-driven {_LABEL[industry].lower()} with over {years} years of hands-on experience.",
                    "To work in a challenging environment that uses my skills and supports my growth.",
                    f"Dedicated {_LABEL[industry].lower()} known for reliability, teamwork and clear communication.",
                ]
            )
        )
    if rng.random() < 0.25 and not any("startDate" in w and len(w["startDate"]) == 4 for w in work):
        kind = "IT" if industry in {"software", "ml", "networking"} else "professional"
        summary_lines.append(f"Total {kind} experience: {total_months // 12} years {total_months % 12} months")
    skills = []
    categories = list(_SKILLS[industry].items())
    rng.shuffle(categories)
    for name, pool in categories[: rng.randrange(2, len(categories) + 1)]:
        skills.append(
            {"name": name, "keywords": rng.sample(pool, rng.randrange(min(3, len(pool)), min(6, len(pool)) + 1))}
        )
    basics: dict[str, Any] = {
        "name": f"{first} {last}",
        "label": titles[top] if rng.random() < 0.6 else _LABEL[industry],
        "email": f"{first.lower().replace(' ', '')}.{last.lower()}@example.com".translate(
            str.maketrans("éèüäöç", "eeuaoc")
        ),
        "phone": _PHONE[region].format(**digits),
        "location": {"city": city, "region": state, "countryCode": country},
    }
    if summary_lines:
        basics["summary"] = "\n".join(summary_lines)
    return {
        "basics": basics,
        "work": work,
        "education": _education(rng, region, industry, ranges[-1][0] // 12),
        "skills": skills,
        "languages": [{"language": lang} for lang in rng.sample(_LANGUAGES[region], 2)],
    }


def _education(rng: random.Random, region: str, industry: str, first_job_year: int) -> list[dict[str, Any]]:
    fields = _FIELDS[industry]
    degrees = _DEGREES[region]
    grad = first_job_year - rng.randrange(0, 2)
    entries: list[dict[str, Any]] = []
    special = {"nursing": _NURSING_DEGREES, "teaching": _TEACHING_DEGREES}.get(industry, {})
    if region in special:
        first_degree = special[region][0] if rng.random() < 0.6 else special[region][-1]
    else:
        first_degree = rng.choice(degrees["associate"] if rng.random() < 0.1 else degrees["bachelor"])
    university = rng.choice(_UNIVERSITY[region])
    score = ""
    if region == "india":
        score = rng.choice(["CGPA 8.1/10", "72%", "First Class with Distinction", "7.4 CGPA"])
    elif region == "us" and rng.random() < 0.4:
        score = f"GPA {rng.choice(['3.4', '3.6', '3.8'])}/4.0"
    elif region == "uk" and rng.random() < 0.5:
        score = rng.choice(["First Class", "2:1"])
    bachelor = {"institution": university, "area": rng.choice(fields), "studyType": first_degree,
                "startDate": str(grad - 4), "endDate": str(grad)}  # fmt: skip
    if score:
        bachelor["score"] = score
    higher = rng.random()
    if higher < 0.35 and first_degree not in {"MSN"}:
        masters = {"nursing": ["MSN", "M.Sc Nursing"], "teaching": ["M.Ed", "M.A."]}.get(industry, degrees["master"])
        master = rng.choice(masters)
        entries.append({"institution": rng.choice(_UNIVERSITY[region]), "area": rng.choice(fields),
                        "studyType": master, "startDate": str(grad - 2), "endDate": str(grad)})  # fmt: skip
        bachelor["startDate"], bachelor["endDate"] = str(grad - 6), str(grad - 2)
    elif higher < 0.42:
        entries.append({"institution": rng.choice(_UNIVERSITY[region]), "area": rng.choice(fields),
                        "studyType": rng.choice(degrees["doctorate"]), "startDate": str(grad - 4),
                        "endDate": str(grad)})  # fmt: skip
        bachelor["startDate"], bachelor["endDate"] = str(grad - 9), str(grad - 5)
    entries.append(bachelor)
    school_year = int(bachelor["startDate"])
    secondary_sets = _SECONDARY[region]
    if region == "india" or rng.random() < 0.35:
        chosen = rng.choice(secondary_sets)
        school = rng.choice(_SCHOOL[region])
        for offset, name in zip([0, 2][: len(chosen)], reversed(chosen), strict=True):
            entry: dict[str, Any] = {"institution": school, "studyType": name, "endDate": str(school_year - offset)}
            if region == "india":
                entry["score"] = f"{rng.randrange(62, 96)}%"
            entries.append(entry)
    return entries
