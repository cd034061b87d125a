"""What the made-up records in `demo_data` are made of: word lists, staff-style templates,
weighted rounds of values, and the seeded `Dealer` that draws from them.

Everything here is invented. Each round tuple repeats values to weight them; the dealer
deals every value of a round before starting the next, so all of them turn up.

Staff free text uses only the abbreviations the product's glossary explains: ICM, ICM CC,
CC, CIP, CSA, LS/CMI, RMT, NTE, FGTR, CIU, OBP, GPA, PCMB, PBSW, CBSW, PO, HDC, OLR, MAPPA,
RMP, CMP, TARL, PR2, SEL, Annex A, MDT, PQD, SQA, RoSH, DG, SPS, HQ, re:, p/w, pt / Pt,
w/c, asap, approx. Templates take slots from `demo_data` ({po}, {prog}, {place}, {town},
{work}, {d}, {soon}, {month}, {n}, {sup}, {what}, {body}, {hall}).
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

DAY = timedelta(days=1)

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

HALLS = ("Ailsa", "Arran", "Bute", "Iona", "Skye", "Lewis", "Harris", "Lomond", "Ness",
         "Tay", "Clyde", "Forth", "Spey", "Tweed", "Nevis", "Morven", "Darroch", "Cheviot",
         "Rannoch", "Kintyre", "Cairngorm", "Glencoe", "Dee", "Esk")

TOWNS = ("Greenock", "Paisley", "Dundee", "Kilmarnock", "Inverness", "Falkirk", "Ayr",
         "Motherwell", "Dumfries", "Perth", "Livingston", "Kirkcaldy", "Aberdeen", "Govan")

WORK = ("laundry", "textiles", "joinery", "kitchens", "gardens", "recycling", "the bakery")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

PROGRAMMES = ("Self-Change Programme", "Moving Forward: Making Changes", "Constructs",
              "Pathways", "Substance Related Offending Behaviour Programme",
              "Healthy Relationships Programme")

# What each decision subject is called in staff notes.
WHAT = {
    "national_top_end": "NTE", "open_estate": "Open Estate", "ciu": "CIU",
    "special_escorted_leave": "SEL", "unescorted_community_access": "unescorted community access",
    "home_leave": "home leave", "work_placement": "work placement", "fgtr": "FGTR",
    "supervision_level": "supervision level change", "programme": "OBP", "parole": "parole",
    "hdc": "HDC", "transfer": "transfer", "other": "request",
}

# Labels for dates of kind "other", by sentence type.
OTHER_DATE_LABELS = {
    "remand": ("Next court appearance", "Trial date"),
    "recall": ("Parole Board review of recall",),
    "any": ("Next PCMB sitting", "Next RMT sitting", "Transfer to Castle Huntly",
            "Home leave eligibility", "Earliest date for Open Estate"),
}

# Notes on dates: any kind, then particular kinds.
DATE_NOTES = {
    "any": ("Per PR2 as at w/c {d}.", "To be confirmed by SPS HQ.",
            "Pt to be given copy of dates at next ICM CC.", "Checked by ICM team {d}.",
            "Date may change if further time is added."),
    "hdc_eligibility_date": ("HDC assessment to start approx 6 weeks before this date.",),
    "parole_qualifying_date": ("PQD confirmed by SPS HQ.", "PBSW to start parole reports approx 6 months before PQD."),
    "progression_eligibility": ("Worked out by ICM team; RMT referral possible from this date.",),
    "fgtr_eligibility": ("FGTR papers go to SPS HQ for ministers' approval.",),
}

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

# Plan actions by area: (owner, text).
ACTIONS = {
    "housing": (
        ("pbsw", "Referral to housing options pre-release; liaise with CBSW re: suitable address in {town}."),
        ("housing_provider", "Housing officer to see Pt approx 12 weeks before liberation re: homeless application."),
        ("you", "Pt to fill in housing application with PO and return to ICM office by end of {month}."),
        ("cbsw", "CBSW to complete home background check at proposed address in {town}."),
    ),
    "physical_health": (
        ("health", "Health centre to review medication before liberation and help Pt register with a local doctor."),
        ("you", "Attend gym induction and keep to agreed fitness plan {n} sessions p/w."),
        ("health", "Pt to attend dental appointment as booked by health centre w/c {soon}."),
    ),
    "mental_health": (
        ("health", "Mental health team to review Pt; Pt to attend appointments as offered."),
        ("psychology", "Psychology to offer 1:1 sessions re: coping skills and managing stress."),
        ("you", "Pt to tell PO or health centre asap if struggling; Listener scheme available on {hall}."),
    ),
    "substance_use": (
        ("you", "Keep engaging with recovery café and provide negative MDT results."),
        ("you", "Attend substance use group {n} sessions p/w and complete workbook."),
        ("health", "Addictions team to review prescription before liberation and link with community service in {town}."),
        ("other", "Throughcare worker to link Pt with recovery service in {town} pre-liberation."),
    ),
    "education": (
        ("you", "Attend Learning Centre {n} sessions p/w working towards SQA Core Skills in numeracy."),
        ("education", "Learning Centre to assess literacy and numeracy and offer suitable SQA units."),
        ("you", "Finish SQA unit in Communication by end of {month}."),
    ),
    "employment": (
        ("you", "Work party placement in {work}; keep up good reports."),
        ("icm_coordinator", "Refer Pt to Links Centre employability service approx 12 weeks before liberation."),
        ("you", "Apply for a pass job via PO once supervision level allows."),
        ("education", "Complete construction site safety card course through Learning Centre."),
    ),
    "money": (
        ("you", "Open bank account via Links Centre before liberation."),
        ("other", "Advice worker to support Pt with benefit claim and debt advice before liberation."),
        ("icm_coordinator", "Book appointment re: benefits claim to start on day of liberation."),
    ),
    "family": (
        ("you", "Keep up weekly family visits and join parenting group in {month}."),
        ("pbsw", "PBSW to liaise with children and families social work re: contact with Pt's children."),
        ("personal_officer", "{po} to help Pt apply for family visits in the family centre."),
    ),
    "relationships": (
        ("psychology", "Psychology to offer 1:1 work re: healthy relationships."),
        ("you", "Pt to take part in healthy relationships group when offered."),
        ("cbsw", "CBSW to assess proposed contact with partner on release."),
    ),
    "offending_behaviour": (
        ("personal_officer", "{po} to complete Annex A re: {what} and submit to RMT by end of {month}."),
        ("you", "Complete offence-focused workbook with PBSW and discuss at next ICM CC."),
        ("pbsw", "PBSW to complete LS/CMI reassessment ahead of next ICM CC."),
        ("icm_coordinator", "ICM team to refer to RMT via Annex A for consideration of SEL."),
        ("psychology", "Psychology to complete RoSH assessment and advise re: RMP."),
    ),
    "programmes": (
        ("psychology", "Programmes Team to complete GPA; PCMB to decide re: {prog}."),
        ("you", "Attend all {prog} sessions and complete tasks between sessions."),
        ("psychology", "Programmes Team to put Pt on national waiting list for {prog}; place may be elsewhere."),
        ("icm_coordinator", "ICM team to chase PCMB date asap."),
    ),
    "faith": (
        ("other", "Chaplaincy to link Pt with faith group of choice in {town}."),
        ("you", "Pt to attend chaplaincy group {n} times a month as agreed."),
    ),
    "identity_documents": (
        ("icm_coordinator", "Get birth certificate via Links Centre before liberation."),
        ("you", "Pt to apply for a photo identity card with support from PO."),
        ("other", "Links Centre to support Pt to renew passport before release."),
    ),
    "other": (
        ("other", "Throughcare support officer to meet Pt approx 12 weeks before liberation."),
        ("personal_officer", "{po} to check in with Pt weekly on {hall} re: progress with CIP."),
        ("you", "Pt to note any questions for next ICM CC and bring them to the meeting."),
    ),
}

# Progress notes by action status; {d} is the day the action was last updated.
PROGRESS = {
    "done": ("Completed w/c {d}.", "Done - confirmed by PO {d}.", "Completed; good report from staff."),
    "in_progress": ("Under way - checked by PO {d}.", "Going well so far.", "Ongoing - reviewed at last ICM CC."),
    "waiting": ("Waiting on PCMB date.", "On hold pending reply from SPS HQ.", "Waiting - approx {n} months."),
    "not_started": ("Due to begin w/c {soon}.", "To be discussed at next ICM CC."),
    "stopped": ("Stopped after move to another hall.", "Stopped at Pt's request; can restart.",
                "No longer needed - see CIP review {d}."),
}

# Plan summaries by plan source, with "standard" for CIPs under Standard ICM.
PLAN_SUMMARIES = {
    "standard": ("CSA completed on admission; CIP actions set re: work, learning and release planning.",
                 "Standard ICM: actions from CSA. Pt to speak to PO re: any changes."),
    "cip": ("CIP agreed at ICM CC. Focus on preparation for release; PO to review monthly.",
            "CIP reviewed at ICM CC with PBSW and PO; LS/CMI to follow."),
    "cmp": ("Pt attended ICM CC and agreed CMP. OBP outstanding pending PCMB; Annex A to follow.",
            "CMP reviewed at ICM CC with PBSW and PO. {n} actions still open.",
            "CMP actions agreed with Pt; focus on areas Pt wants to work on."),
    "rmp": ("RMP agreed at ICM CC; MAPPA arrangements noted. Actions agreed with Pt and CBSW.",
            "RMP reviewed after RoSH assessment; contingency plan in place. Next review at ICM CC.",),
}

MEETING_OUTCOMES = {
    "icm": ("LS/CMI discussed with Pt.", "CIP actions reviewed; {n} completed.",
            "Pt to continue with {prog}.", "ICM team to chase PCMB date.",
            "PO to start Annex A for RMT re: {what}.", "CBSW to attend next CC.",
            "Pt spoke about plans for release; family support noted."),
    "rmt": ("Annex A considered.", "Psychology report (Annex A section 6) noted.",
            "PO report positive - good work party reports.", "Pt's written views read out."),
    "pcmb": ("GPA reviewed; {prog} endorsed.", "Pt placed on national waiting list."),
    "parole_hearing": ("Dossier considered, including TARL from CBSW.", "Pt attended with solicitor."),
    "supervision_review": ("Supervision level reviewed: {sup} agreed.",
                           "No misconduct reports in last 6 months."),
}

# Decision texts by outcome; {body} is who decided, {what} what about.
BODY = {"rmt": "RMT", "icm": "ICM CC", "pcmb": "PCMB", "parole_board": "Parole Board",
        "supervision_review": "Supervision panel", "ministers": "SPS HQ", "governor": "Governor"}

REASONS = {
    "approved": ("Good PO report and settled on {hall} hall.", "Engaged well with CIP actions.",
                 "Negative MDT results over the last 12 months.", "Reports support {what} at this time."),
    "not_approved": ("Offence-focused work not yet completed.", "Misconduct report in {month}.",
                     "Not enough evidence of reduced risk at this time.", "Positive MDT result in {month}."),
    "deferred": ("More information needed: psychology report outstanding.",
                 "Awaiting outcome of PCMB re: {prog}.",
                 "RMP under review by SPS HQ; {body} to look again once returned.",
                 "CBSW home background report not yet received."),
    "withdrawn": ("Withdrawn at Pt's request.", "Withdrawn following transfer to {place}.",
                  "Withdrawn pending new LS/CMI."),
    "submitted": ("Papers sent to {body} w/c {d}.", "All reports received and submitted."),
    "in_progress": ("Awaiting reports before {body} can decide.", "Reports being gathered by ICM team."),
}

NEXT_STEPS = {
    "approved": ("ICM team to arrange asap.", "PO to go over the decision with Pt.", "Review at next ICM CC."),
    "not_approved": ("Pt can put written views to {body} before it looks again.", "Complete GPA.",
                     "Re-refer once OBP complete.", "PO to talk Pt through what would help next time."),
    "deferred": ("{body} to reconsider when report received.", "Pt can send written views before {body} meets."),
    "withdrawn": ("Pt can ask PO to re-refer at any time.",),
    "submitted": ("Awaiting reply; PO will update Pt asap.",),
    "in_progress": ("ICM team to update Pt w/c {soon}.",),
}

CONDITIONS = ("Subject to continued negative MDT results.", "To stay on {sup} supervision meantime.",
              "To be reviewed after the first 3 months.")

STRENGTHS = ("Good relationship with family, who visit weekly.", "Motivated to gain qualifications.",
             "Good work party reports in {work}.", "Has kept to CIP actions.",
             "Open and honest with PBSW about offending.")

PROTECTIVE = ("Family support on release.", "Stable address available in {town}.",
              "Job offer in {town} on release.", "No drug use for over 12 months.")

PROGRAMME_NOTES = {
    "assessment_due": "GPA due - referral made by PBSW.",
    "not_required": "GPA completed; no OBP needed at this time.",
    "waiting": "On national waiting list; position can change as others join.",
    "offered": "Place offered at {place} from w/c {soon}.",
    "in_progress": "Attending; {n} sessions done.",
    "completed": "Completed {month}; report on PR2.",
    "deselected": "Deselected after missed sessions; can be re-referred via PCMB.",
    "declined": "Pt declined place; can ask PO to re-refer.",
}

LICENCE_STANDARD = (
    "Report to CBSW in {town} on the day of release and then as told.",
    "Be of good behaviour and keep the peace.",
    "Tell CBSW at once about any change of address or job.",
    "Live at an address approved by CBSW.",
    "Do not travel outside Scotland without prior permission of CBSW.",
)

LICENCE_ADDITIONAL = (
    "Curfew at approved address 1900 to 0700 daily, monitored by electronic tag.",
    "Do not drink alcohol; attend alcohol testing as directed by CBSW.",
    "Do not contact the victim directly or indirectly.",
    "Comply with MAPPA requirements as directed by CBSW.",
    "Attend substance use service in {town} as directed by CBSW.",
    "Do not enter the {town} town centre exclusion zone shown on the map given to Pt.",
    "Attend psychology appointments as arranged by CBSW.",
    "Do not use any internet-enabled device without prior approval of CBSW.",
)
LICENCE_SEX_OFFENCE = "No unsupervised contact with any child under 16 without prior approval of CBSW."

# Rounds of values, weighted by repeats, and the rules that tie values together.
SENTENCES = ("short_term",) * 6 + ("remand",) * 4 + ("long_term",) * 3 + ("life",) * 2 + (
    "extended", "olr", "supervised_release_order", "short_term_sex_offender_licence", "recall")
ICM = {"remand": "none", "short_term": "standard"}  # everyone else: enhanced
LENGTHS = {"short_term": (60, 1460), "long_term": (1461, 4400), "extended": (1461, 3650),
           "supervised_release_order": (365, 1460), "short_term_sex_offender_licence": (180, 1460)}
LICENSED = {"long_term", "extended", "life", "olr", "supervised_release_order",
            "short_term_sex_offender_licence", "recall"}
RELEASE_DATES = ("parole_qualifying_date", "earliest_date_of_liberation", "punishment_part_expiry")
MAY_BE_PROVISIONAL = {"earliest_date_of_liberation", "parole_qualifying_date", "licence_expiry_date", "other"}
SUPERVISION = {"new": ("high", "high", "medium"), "any": ("high", "medium", "medium", "low", "low")}

SUBJECTS = {
    "short_term": ("hdc", "hdc", "supervision_level", "transfer", "work_placement", "programme"),
    "long_term": ("national_top_end", "open_estate", "ciu", "special_escorted_leave",
                  "unescorted_community_access", "home_leave", "work_placement",
                  "supervision_level", "programme", "parole", "transfer", "other"),
    "life": ("fgtr", "fgtr", "national_top_end", "open_estate", "special_escorted_leave", "home_leave",
             "unescorted_community_access", "supervision_level", "programme", "parole", "ciu"),
    "recall": ("parole", "supervision_level", "transfer", "other"),
}
PROGRESSION = {"national_top_end", "open_estate", "ciu", "special_escorted_leave", "fgtr",
               "unescorted_community_access", "home_leave", "work_placement", "parole"}
LOOKED_AT_AGAIN = {"not_approved", "deferred"}
EARLY = {group: tuple(s for s in subjects if s not in PROGRESSION) for group, subjects in SUBJECTS.items()}
SUBJECT_GROUP = {"extended": "long_term", "olr": "life", "supervised_release_order": "short_term",
                 "short_term_sex_offender_licence": "recall"}
FORUM = {"fgtr": "ministers", "supervision_level": "supervision_review", "programme": "pcmb",
         "parole": "parole_board", "hdc": "governor", "transfer": "governor", "other": "icm"}  # else rmt
MEETING_FOR_FORUM = {"rmt": "rmt", "pcmb": "pcmb", "parole_board": "parole_hearing",
                     "supervision_review": "supervision_review", "icm": "icm_progression"}
MEETING_PREFIX = {"rmt": "RMT", "pcmb": "PCMB", "parole_hearing": "PB", "supervision_review": "SR"}  # else ICM
OUTCOMES = ("approved",) * 3 + ("not_approved",) * 2 + ("deferred",) * 2 + (
    "withdrawn", "submitted", "in_progress")
MINISTERS_OUTCOMES = ("submitted", "in_progress", "approved", "not_approved")
PENDING = {"submitted", "in_progress"}
DECISION_COUNTS = (0, 0, 1, 1, 1, 2, 2, 3)
MISSED = (None, None, "postponed", "cancelled")  # only for meetings due within weeks

ACTION_COUNTS = (1, 1, 2, 2, 3, 3, 4, 5)
ACTION_STATUSES = ("in_progress",) * 3 + ("not_started",) * 2 + ("done",) * 3 + ("waiting", "stopped")
RISK_LEVELS = ("very_low", "low", "medium", "high", "very_high")
RATINGS = ("strength",) + RISK_LEVELS
RATING_SHIFTS = (-2, -1, -1, 0, 0, 0, 1, 1, 2)
RISK_AREAS = ("criminal_history", "education_employment", "family_marital", "leisure_recreation",
              "companions", "alcohol_drug", "procriminal_attitude", "antisocial_pattern")
HARM = ("not_indicated", "not_indicated", "completed", "due")
PLAN_TYPE = {"not_indicated": "cmp", "completed": "rmp"}
NEXT_MOVES = ("NTE", "SEL", "Open Estate", "CIU")  # what an Annex A might ask for
PLACES = ("Barlinnie", "Shotts", "Glenochil", "Castle Huntly", "Grampian", "Edinburgh",
          "Perth", "Low Moss", "Addiewell")
EXTRA_STAFF = (None, None, "chaplaincy", "education", "health", "other", "icm_coordinator")
ORIGINS = {"en": ("en",) * 7 + ("pl", "ar", "vi"), "gd": ("gd", "en")}  # where names come from
HOLDS = {"POL": (False, 16, 21), "STI": (True, 21, 65), "BEL": (True, 21, 60), "LIL": (True, 21, 60)}
ADULT_MEN = (False, 21, 72)  # (women?, youngest, oldest) everywhere else


class Dealer:
    """A seeded random source that deals whole rounds of values, so every value turns up."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.bags: dict[str, list] = {}

    def roll(self, low: int, high: int) -> int:
        """A whole number from low to high inclusive (cheaper than randint)."""
        return low + int(self.rng.random() * (high - low + 1))

    def pick(self, values: Sequence):
        """Any one of the values, where it does not matter whether every one turns up."""
        return values[int(self.rng.random() * len(values))]

    def deal(self, key: str, values: Sequence):
        """A value drawn from a bag holding a whole round of the values, refilled only when empty."""
        bag = self.bags.get(key)
        if not bag:
            bag = self.bags[key] = list(values)
        return bag.pop(int(self.rng.random() * len(bag)))

    def chance(self, key: str, one_in: int) -> bool:
        """True exactly once in every round of `one_in` calls with this key."""
        return self.deal(f"{one_in}:{key}", (True,) + (False,) * (one_in - 1))

    def day_between(self, first: date, last: date) -> date:
        """A day from first to last inclusive (first, if the range is empty)."""
        return first + self.roll(0, max(0, (last - first).days)) * DAY

    def texts(self, templates: Sequence[str], slots: dict, low: int, high: int) -> list[str]:
        """A few different lines from the templates, filled in for this person."""
        count = min(self.roll(low, high), len(templates))
        return [line.format_map(slots) for line in self.rng.sample(templates, count)]
