"""The English versions of some of the demo's public pages (wagtail.contrib.simple_translation).

Each entry names the Chinese page it translates (by its path under the home page) and the
fields to set on the English copy; pages not listed stay Chinese for English readers.
"""

from cms.demo_content import _body, _p

HOME = {
    "title": "Home",
    "hero_title": "Bringing society together to help people under community corrections return",
    "hero_text": (
        "Social organizations, volunteers and caring employers offer counseling, vocational "
        "skills training, legal education, help with family and social relationships, jobs and "
        "public-welfare activities here; corrections agencies and judicial offices refer people "
        "to them and buy services from them under the law."
    ),
}

ABOUT = {
    "title": "About us",
    "intro": (
        "The Henan reintegration services platform is the public window through which society "
        "takes part in community corrections."
    ),
    "body": _body(
        ("heading", "What the platform is for"),
        (
            "paragraph",
            "The Community Corrections Law combines supervision with education and support, and "
            "the work of the state with the help of society. The platform gathers what social "
            "organizations, volunteers and employers offer, so that caseworkers can search, "
            "compare and refer services to match each person's needs, and follow every referral.",
        ),
        ("heading", "Who uses it"),
        (
            "paragraph",
            "Social organizations publish services, receive referrals and record what they "
            "delivered; volunteers sign up for support and public-welfare work; employers publish "
            "fair-chance jobs; county agencies and judicial offices assess needs and refer; "
            "procuratorates and people's congress deputies read the reports and the audit trail.",
        ),
        ("heading", "Personal data"),
        (
            "paragraph",
            "Providers see only what a person agreed to share with a referral: never an identity "
            "number, an offence or an assessment. Juvenile records are sealed by law, and every "
            "read and change is recorded.",
        ),
    ),
}

NEWS_INDEX = {
    "title": "News",
    "intro": "News of the platform and of society's part in corrections.",
}

NEWS_ITEM = {
    "title": "The reintegration services platform opens for a trial run",
    "intro": (
        "Social organizations, volunteers and employers can register; corrections agencies "
        "search and refer support online."
    ),
    "body": _body(
        (
            "paragraph",
            "The platform brings together the service catalog, volunteering, jobs and the policy "
            "library, in Chinese and English, on phones and computers.",
        ),
        (
            "paragraph",
            "During the trial, organizations, volunteers and employers are welcome to register "
            "and to send their comments through the contacts at the foot of every page.",
        ),
    ),
}

POLICY_INDEX = {
    "title": "Policies and laws",
    "intro": (
        "Laws, rules and regional regulations on community corrections and the part society "
        "takes in it; find them by issuing body, year and keyword."
    ),
}

HENAN_DECISION = {
    "title": (
        "Decision of the Standing Committee of the Henan Provincial People's Congress on "
        "strengthening community corrections"
    ),
    "issuing_body": "Standing Committee of the Henan Provincial People's Congress",
    "summary": (
        "The provincial decision on strengthening community corrections: the duties of each "
        "department, working together, the means to do the work, and society's part in it."
    ),
    "full_text": _p(
        "Adopted on 30 November 2023 at the sixth session of the Standing Committee of the 14th "
        "Henan Provincial People's Congress to strengthen and regulate community corrections. "
        "This is the platform's summary, not the official text: the text published by the "
        "issuing body prevails.",
        "Duties: the justice administration leads the work; corrections agencies supervise, "
        "educate and support, receive people promptly, manage them by supervision level and "
        "with individual correction plans, and help them return to society.",
        "Working together: the community corrections committees coordinate the work of their "
        "area, with joint meetings and regular reports.",
        "Means: people's governments at and above county level provide what the work needs.",
        "Society's part: social organizations, enterprises, institutions and volunteers are "
        "supported in taking part in education and support under the law.",
    ),
}

# (path of the Chinese page under the home page, English fields); parents come first.
TRANSLATIONS = [
    ("", HOME),
    ("about", ABOUT),
    ("news", NEWS_INDEX),
    ("news/platform-trial-launch", NEWS_ITEM),
    ("policies", POLICY_INDEX),
    ("policies/henan-decision-community-corrections-2023", HENAN_DECISION),
]
