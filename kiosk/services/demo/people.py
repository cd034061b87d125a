"""Who the made-up people are and who works with them: names that fit their language, their
communication needs, where they live in the prison, and their workers with how to reach them.
"""
from __future__ import annotations

from kiosk.services.demo.dealer import Case, Dealer

# Given names (men, women), family names (men, women) and familiar forms, by language.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        ("James", "John", "Robert", "David", "Scott", "Craig", "Ryan", "Kevin", "Stephen", "Mark", "Paul",
         "Gary", "Andrew", "Ross", "Connor", "Liam", "Kieran", "Darren", "Callum", "Lewis", "Grant",
         "Fraser", "Euan", "Barry", "Colin", "Thomas", "William", "Alexander", "Michael", "Christopher",
         "Daniel", "Jordan", "Shaun"),
        ("Lauren", "Nicola", "Gemma", "Kirsty", "Amy", "Stacey", "Lisa", "Claire", "Louise", "Shannon",
         "Leanne", "Rebecca", "Emma", "Donna", "Jennifer", "Michelle", "Caitlin"),
        ("Campbell", "Stewart", "Robertson", "Thomson", "Anderson", "MacDonald", "Reid", "Murray", "Taylor",
         "Clark", "Watson", "Morrison", "Paterson", "Mitchell", "Gallacher", "Docherty", "McLaughlin",
         "Kerr", "Boyle", "McKenzie", "Duffy", "Quinn", "Hamilton", "Sinclair", "Munro", "Baird", "Rennie",
         "Lafferty", "Donnelly", "Cairns", "McCallum", "Drummond", "Hendry", "Logan", "McGowan"),
        (),
    ),
    "gd": (
        ("Calum", "Iain", "Seumas", "Ruairidh", "Dòmhnall", "Tormod", "Coinneach", "Alasdair"),
        ("Ealasaid", "Mòrag", "Catrìona", "Seonag", "Peigi"),
        ("MacLeòid", "Dòmhnallach", "MacAoidh", "Caimbeul", "MacIlleathain", "Moireasdan"),
        ("NicLeòid", "Dhòmhnallach", "NicAoidh", "Chaimbeul", "NicIlleathain", "Mhoireasdan"),
    ),
    "pl": (
        ("Tomasz", "Krzysztof", "Piotr", "Marcin", "Paweł", "Łukasz", "Michał", "Kamil", "Grzegorz",
         "Dawid"),
        ("Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Monika"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
         "Dąbrowski", "Kozłowski"),
        ("Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowska", "Zielińska", "Szymańska",
         "Dąbrowska", "Kozłowska"),
    ),
    "sq": (
        ("Arben", "Besnik", "Dritan", "Ermal", "Fatmir", "Gentian", "Klodian", "Erion", "Ardit", "Endrit"),
        ("Elira", "Besa", "Drita", "Anila", "Jonida"),
        ("Hoxha", "Shehu", "Krasniqi", "Gashi", "Berisha", "Leka", "Kola", "Dervishi", "Xhafa", "Basha"),
        (),
    ),
    "vi": (
        ("Minh", "Tuấn", "Huy", "Đức", "Quang", "Long", "Thành", "Hùng", "Nam", "Khánh"),
        ("Lan", "Mai", "Hương", "Linh", "Thu"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"),
        (),
    ),
    "ar": (
        ("Ahmed", "Mohammed", "Omar", "Yousef", "Khalid", "Hassan", "Ali", "Karim", "Tariq", "Samir"),
        ("Fatima", "Aisha", "Layla", "Noor", "Mariam"),
        ("Al-Hassan", "Haddad", "Mansour", "Khalil", "Saleh", "Nasser", "Hamdan", "Aziz", "Darwish",
         "Ibrahim"),
        (),
    ),
    "ga": (
        ("Seán", "Ciarán", "Pádraig", "Oisín", "Niall", "Cathal"),
        ("Aoife", "Siobhán", "Niamh", "Róisín"),
        ("Ó Briain", "Mac Cárthaigh", "Ó Súilleabháin", "Ó Ceallaigh", "Breathnach"),
        ("Ní Bhriain", "Nic Cárthaigh", "Ní Shúilleabháin", "Ní Cheallaigh", "Breathnach"),
    ),
    "ro": (
        ("Andrei", "Ionuț", "Mihai", "Florin", "Bogdan", "Cristian", "Adrian"),
        ("Elena", "Ioana", "Andreea", "Alina"),
        ("Popescu", "Ionescu", "Dumitrescu", "Stan", "Stoica", "Gheorghe", "Munteanu"),
        (),
    ),
    "lt": (
        ("Tomas", "Mantas", "Darius", "Mindaugas", "Justas"),
        ("Rūta", "Eglė", "Asta"),
        ("Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas"),
        ("Kazlauskienė", "Jankauskienė", "Petrauskienė", "Stankevičienė", "Vasiliauskienė"),
    ),
}

FAMILIAR = {
    "James": "Jamie", "John": "Johnny", "Robert": "Rab", "William": "Billy", "Thomas": "Tam",
    "Alexander": "Sandy", "Michael": "Mikey", "Christopher": "Chris", "Daniel": "Danny",
    "Andrew": "Andy", "Stephen": "Stevie", "Jennifer": "Jenny", "Rebecca": "Becca",
    "Nicola": "Nicky", "Tomasz": "Tomek", "Krzysztof": "Krzysiek", "Mohammed": "Mo",
    "Alasdair": "Ally", "Katarzyna": "Kasia", "Yousef": "Joe", "Khánh": "Ken",
}

# Starting languages, weighted towards English; ga, ro and lt are ones the product lacks.
LANGUAGES = ("en",) * 20 + ("gd", "pl", "pl", "sq", "vi", "ar", "ga", "ro", "lt")

COMMUNICATION = ((),) * 8 + (
    ("easy_read",), ("large_print",), ("read_aloud", "easy_read"), ("reads_with_support",),
    ("reads_with_support", "easy_read"), ("high_contrast", "large_print"), ("bsl", "interpreter"),
    ("easy_read", "large_print"),
)

ORIGINS = {"en": ("en",) * 7 + ("pl", "ar", "vi"), "gd": ("gd", "en")}  # where names come from

HOLDS = {"POL": (False, 16, 21), "STI": (True, 21, 65), "BEL": (True, 21, 60), "LIL": (True, 21, 60)}

ADULT_MEN = (False, 21, 72)  # (women?, youngest, oldest) everywhere else

HALLS = ("Ailsa", "Arran", "Bute", "Iona", "Skye", "Lewis", "Harris", "Lomond", "Ness",
         "Tay", "Clyde", "Forth", "Spey", "Tweed", "Nevis", "Morven", "Darroch", "Cheviot",
         "Rannoch", "Kintyre", "Cairngorm", "Glencoe", "Dee", "Esk")

CONTACT = {
    "personal_officer": ("Ask on the hall, or hand in a written request.",
                         "On {hall} hall most days; ask any officer to pass on a message.",
                         "Written request to PO via the hall office."),
    "icm_coordinator": ("ICM office - written request via PO.",
                        "ICM drop-in at the Links Centre, Wednesday afternoons."),
    "pbsw": ("PBSW surgery at the Links Centre on Tuesday mornings.",
             "Written request marked PBSW, handed to the hall office.",
             "Ask PO to book an appointment with PBSW."),
    "cbsw": ("CBSW team in {town}; PBSW can pass on messages before release.",
             "Will visit approx 12 weeks before release."),
    "psychology": ("Via PO or written request to Psychology.",
                   "Psychology will arrange appointments; ask PO re: dates."),
    "chaplaincy": ("Chaplaincy centre open daily; ask on the hall.",),
    "education": ("Learning Centre, Monday to Friday; written request via PO.",),
    "health": ("Health centre - use the health request form on the hall.",),
    "other": ("Links Centre throughcare team; ask PO for an appointment.",),
}

EXTRA_STAFF = (None, None, "chaplaincy", "education", "health", "other", "icm_coordinator")


class People(Dealer):
    """Makes a person's name, needs, place and workers."""

    def name(self, language: str) -> dict:
        """A name that fits the person's language most of the time."""
        origin = language
        if language in ORIGINS:
            origin = self.deal(f"origin:{language}", ORIGINS[language])
        men, women, families, women_families = NAMES[origin]
        given = self.pick(women if self.women else men)
        name = {"given": given, "family": self.pick(self.women and women_families or families)}
        if given in FAMILIAR and self.chance("familiar", 2):
            name["preferred"] = FAMILIAR[given]
        return name

    def needs(self, language: str) -> list[str]:
        """Communication needs, with an interpreter for some who speak little English."""
        needs = list(self.deal("needs", COMMUNICATION))
        if language not in ("en", "gd") and "interpreter" not in needs and self.chance("interpreter", 2):
            needs.append("interpreter")
        return needs

    def location(self) -> dict:
        """A hall, landing and (usually) a cell."""
        location = {"hall": self.pick(self.halls), "landing": str(self.roll(1, 4))}
        if not self.chance("no cell", 5):
            location["cell"] = str(self.roll(1, 42))
        return location

    def staff(self, case: Case, programmes: list, licence: dict | None) -> list[dict]:
        """The workers a person would have at this point of the sentence."""
        roles = ["personal_officer"] if case.served >= 2 else []
        roles += ["pbsw"] if case.icm == "enhanced" else []
        roles += ["cbsw"] if licence else []
        roles += ["psychology"] if programmes else []
        extra = self.deal("extra staff", EXTRA_STAFF)
        roles += [extra] if extra and case.served >= 2 and extra not in roles else []
        return [self.worker(role, case.slots) for role in roles]

    def worker(self, role: str, slots: dict) -> dict:
        """A made-up worker; the PO is the one staff notes mention."""
        surname = slots["po"][3:] if role == "personal_officer" else self.pick(NAMES["en"][2])
        title = {"personal_officer": "Officer ", "psychology": "Dr "}.get(role, "")
        worker = {"role": role, "name": f"{title}{self.pick('ABCDEFGHJKLMNPRST')}. {surname}"}
        if self.chance("contact", 2):
            worker["how_to_contact"] = self.pick(CONTACT[role]).format_map(slots)
        return worker
