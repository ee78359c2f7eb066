"""A small news corpus written for these tests: several outlets, dates and speakers, one
article with HTML in its text. Fictional people and outlets."""

ARTICLES = [
    {"id": "gazette-2023-01-10-budget", "source": "Harbor Gazette", "published": "2023-01-10",
     "title": "Council weighs harbour budget",
     "text": (
         "Council weighs harbour budget\n\n"
         "Mayor Maria Lindqvist said on Tuesday that the harbour budget would not be cut.\n\n"
         "\u201cWe will protect every job on the docks,\u201d Lindqvist told reporters.\n\n"
         "Finance Minister Tomas Herrera said the city must find savings elsewhere.\n\n"
         "\u201cThe numbers do not add up,\u201d Herrera said. \u201cSomeone has to pay.\u201d\n")},
    {"id": "valley-2023-01-22-strike", "source": "Valley Times", "published": "2023-01-22",
     "title": "Dock workers threaten strike",
     "text": (
         "Dock workers threaten strike\n\n"
         "Union leader Aisha Karimi said the workers would strike next month.\n\n"
         "\u201cWe have waited long enough,\u201d Karimi said.\n\n"
         "Mayor Maria Lindqvist told Aisha Karimi that talks would continue.\n\n"
         "\u201cMy door is open,\u201d Lindqvist said.\n")},
    {"id": "northstar-2023-02-03-talks", "source": "North Star Daily", "published": "2023-02-03",
     "title": "Talks resume at city hall",
     "text": (
         "Talks resume at city hall\n\n"
         "\u201cWe are closer than ever,\u201d Mayor Maria Lindqvist said on Friday.\n\n"
         "Aisha Karimi said the union had not yet seen a written offer.\n\n"
         "\u201cWords are cheap,\u201d Karimi said.\n")},
    {"id": "gazette-2023-02-15-ferry", "source": "Harbor Gazette", "published": "2023-02-15",
     "title": "Ferry line to expand",
     "text": (
         "Ferry line to expand\n\n"
         "Transport director Peter Lindqvist said the ferry line would add two boats.\n\n"
         "\u201cThe island deserves a better service,\u201d Peter Lindqvist said.\n\n"
         "\u201cThe two boats are ordered,\u201d he said, \u201cand their crews are hired.\u201d\n\n"
         "Tomas Herrera said the ministry would fund half of the cost.\n")},
    {"id": "valley-2023-03-08-script", "source": "Valley Times", "published": "2023-03-08",
     "url": " JaVaScRiPt:alert('url')",
     "title": "Hackers <script>alert('x')</script> target city site",
     "text": (
         "Hackers target city site\n\n"
         "Officials found the string <script>alert('x')</script> pasted into the city's web page.\n\n"
         "\u201cNobody should run <script>alert('x')</script> on our servers,\u201d Tomas Herrera said.\n\n"
         "Maria Lindqvist said the site was safe again.\n")},
    {"id": "northstar-2023-03-20-deal", "source": "North Star Daily", "published": "2023-03-20",
     "title": "Deal reached on harbour jobs",
     "text": (
         "Deal reached on harbour jobs\n\n"
         "\u201cThis is a fair deal for everyone,\u201d Aisha Karimi said on Monday.\n\n"
         "Maria Lindqvist said the deal protected every job on the docks.\n\n"
         "\u201cWe kept our word,\u201d Lindqvist said.\n")},
    {"id": "gazette-2023-04-02-review", "source": "Harbor Gazette", "published": "2023-04-02",
     "title": "",
     "text": (
         "Looking back at the harbour dispute\n\n"
         "\u201cThe dispute taught us to listen,\u201d Maria Lindqvist said.\n\n"
         "Tomas Herrera said the budget was balanced at last.\n")},
]
