//! Word and sentence pools for the scenario generator. `$N` is the client's first name, `$F`
//! the full name, `$O` the organisation, `$S` the suburb and `$W` the care coordinator.

pub struct Persona {
    pub first: &'static str,
    pub last: &'static str,
    pub age: u32,
    pub pronouns: &'static str,
    pub culture: &'static str,
    pub languages: &'static [&'static str],
    pub interpreter: bool,
    pub faith: &'static str,
    pub food: &'static str,
}

pub const PERSONAS: [Persona; 8] = [
    Persona {
        first: "Rosa",
        last: "Castellano",
        age: 82,
        pronouns: "she/her",
        culture: "Born in Calabria, Italy; came to Australia in 1961 and worked for thirty years as a seamstress. Catholic, goes to Mass on Sundays when she can get a lift.",
        languages: &["Italian", "English"],
        interpreter: false,
        faith: "the parish of St Anthony",
        food: "home-style Italian cooking",
    },
    Persona {
        first: "Lan",
        last: "Nguyen",
        age: 77,
        pronouns: "she/her",
        culture: "Vietnamese; arrived in Australia in 1980 after two years in a camp in Malaysia. Buddhist, keeps a small altar at home for her late husband.",
        languages: &["Vietnamese"],
        interpreter: true,
        faith: "the Phuoc Hue temple",
        food: "Vietnamese meals, soft rice and soups",
    },
    Persona {
        first: "Arthur",
        last: "Pemberton",
        age: 88,
        pronouns: "he/him",
        culture: "Anglo-Australian; retired railway signalman and a keen lawn bowler until his hip replacement. Widowed in 2019.",
        languages: &["English"],
        interpreter: false,
        faith: "the bowling club",
        food: "plain cooking, meat and three veg",
    },
    Persona {
        first: "Walid",
        last: "Haddad",
        age: 71,
        pronouns: "he/him",
        culture: "Lebanese Australian; Maronite Catholic; ran a corner shop with his brother for twenty-five years. Proud of being independent.",
        languages: &["Arabic", "English"],
        interpreter: false,
        faith: "Our Lady of Lebanon parish",
        food: "Lebanese food, and no pork",
    },
    Persona {
        first: "Dorothy",
        last: "Nakamarra",
        age: 69,
        pronouns: "she/her",
        culture: "Warlpiri woman who has lived off country in the city for forty years; strong ties to her extended family and the local Aboriginal community-controlled health service.",
        languages: &["Warlpiri", "English"],
        interpreter: false,
        faith: "the women's group at the community centre",
        food: "bush tucker when family bring it, otherwise simple meals",
    },
    Persona {
        first: "Ioannis",
        last: "Papadakis",
        age: 85,
        pronouns: "he/him",
        culture: "Greek; Greek Orthodox; came from Crete in 1958 and worked on the railways and later as a cleaner. Fasts before Easter.",
        languages: &["Greek", "English"],
        interpreter: true,
        faith: "the Greek Orthodox church of St Nicholas",
        food: "Greek food, and fasting meals in Lent",
    },
    Persona {
        first: "Helen",
        last: "McAllister",
        age: 79,
        pronouns: "she/her",
        culture: "Scottish-born; retired primary school teacher; volunteered at the local library for fifteen years. Presbyterian.",
        languages: &["English"],
        interpreter: false,
        faith: "the library volunteers",
        food: "light meals; she is a vegetarian",
    },
    Persona {
        first: "Sunil",
        last: "Raman",
        age: 74,
        pronouns: "he/him",
        culture: "Tamil; Hindu; came from Chennai in 1995 to join his son and worked as an accountant. Vegetarian for religious reasons.",
        languages: &["Tamil", "English"],
        interpreter: false,
        faith: "the Sri Venkateswara temple",
        food: "South Indian vegetarian food",
    },
];

pub const ORGS: [(&str, &str); 8] = [
    ("Parramatta Community Care", "Parramatta"),
    ("Inner West Home Support", "Marrickville"),
    ("Northern Rivers Aged Care Services", "Lismore"),
    ("Bayside Community Options", "Rockdale"),
    ("Hills District Home Care", "Castle Hill"),
    ("Illawarra Living Well", "Wollongong"),
    ("Blue Mountains Community Services", "Katoomba"),
    ("Hunter Home and Community Care", "Maitland"),
];

pub const COORDINATORS: [&str; 8] = [
    "Priya Sharma",
    "Tom Walsh",
    "Aisha Rahman",
    "Ben Cho",
    "Grace Mwangi",
    "Liam O'Brien",
    "Sofia Petrovic",
    "Maria Lopez",
];

pub const OTHER_STAFF: [&str; 12] = [
    "Daniel Kim",
    "Fatima Noor",
    "Jack Henderson",
    "Mele Tupou",
    "Chloe Martin",
    "Ravi Patel",
    "Anh Tran",
    "Olivia Brooks",
    "Samir Aziz",
    "Kate Sullivan",
    "Joseph Kamara",
    "Emily Zhang",
];

pub const BACKGROUND: [&str; 10] = [
    "$N was discharged from Westmead Hospital last week after eleven days on the orthopaedic ward following a fall in the bathroom.",
    "$N has lived in the same house in $S for more than forty years and says firmly that a nursing home is out of the question.",
    "An Aged Care Assessment Team approved a Home Care Package at level 3 in January, and $O was chosen as the provider last month.",
    "Before the fall $N managed independently with some help from family on weekends, mostly with shopping and the garden.",
    "$N's spouse died some years ago and the children live interstate or overseas, so day-to-day support has fallen to neighbours.",
    "The hospital social worker noted that $N was anxious about costs and asked several times whether the services would be free.",
    "$N has had home help before, through a council program that closed in 2023, and remembers it as rushed and impersonal.",
    "$N's GP has been seeing the family for twenty years and is the person $N trusts most when it comes to health decisions.",
    "The referral came through My Aged Care with a note that the client prefers morning visits and the same worker each time.",
    "There is a small dog, Bella, who is very important to $N and who barks at strangers until she gets to know them.",
];

pub const HEALTH: [&str; 8] = [
    "Right hip fracture, surgically repaired; walking with a frame indoors and unsteady on uneven ground.",
    "Type 2 diabetes managed with tablets; the discharge summary recommends regular meals and blood sugar checks.",
    "Mild hearing loss in the left ear; speak clearly and face $N when talking.",
    "Osteoarthritis in both hands makes buttons, jar lids and medication packets difficult.",
    "Takes seven regular medications from a Webster pack prepared by the local pharmacy.",
    "History of low mood since the death of a spouse; not currently seeing a counsellor.",
    "Blood pressure is well controlled; the GP reviews it every three months.",
    "Some short-term memory lapses noted on the ward, but the cognitive screen was within the normal range.",
];

pub const LIVING: [&str; 6] = [
    "Lives alone in a two-bedroom single-storey house with three steps at the front door and a shower over the bath.",
    "Lives alone in a ground-floor unit with a small courtyard; the laundry is shared and up a flight of stairs.",
    "Lives with an adult son who works night shifts and sleeps during the day, so is effectively alone most of the time.",
    "Lives in a rented townhouse; the bedroom and bathroom are upstairs and the landlord has not agreed to rails yet.",
    "Lives alone in a house with a large garden that is now overgrown; the neighbours have offered to mow once a month.",
    "Lives in a retirement village unit with an emergency call button that is rarely worn.",
];

pub const GOALS: [&str; 10] = [
    "To stay living at home, safely, for as long as possible.",
    "To be able to shower without being afraid of falling.",
    "To get back to $N's place of worship or club at least once a week.",
    "To cook proper meals again instead of toast and tea.",
    "To keep the garden tidy enough that the neighbours do not complain.",
    "To manage the money in the package without running out before the end of the year.",
    "To walk to the corner shop and back with a stick by winter.",
    "To see friends more often and feel less lonely in the afternoons.",
    "To keep looking after Bella, the dog.",
    "To understand what each service costs and decide for $N what is worth paying for.",
];

pub const PREFERENCES: [&str; 10] = [
    "Morning visits, not before 8am and finished by 11am.",
    "The same support worker each time where possible; dislikes explaining things to strangers.",
    "A female worker for personal care.",
    "A male worker for personal care.",
    "Phone calls rather than text messages or emails.",
    "Written information in large print.",
    "Family to be told about big changes, but not about money.",
    "No visits on Sunday mornings.",
    "Meals that suit $N's diet and culture, not frozen trays from a catalogue.",
    "To be asked, not told, before anything in the house is moved.",
];

pub const RISKS: [&str; 8] = [
    "Falls: a second fall in the bathroom would very likely mean a return to hospital.",
    "Social isolation: few visitors since the spouse died and no longer driving.",
    "Medication errors: difficulty opening packets and some confusion about the new tablets.",
    "Financial stress: worried about fees and may decline services to save money.",
    "Carer strain: the neighbour who helps is in her eighties herself.",
    "Nutrition: weight loss of four kilograms noted in hospital.",
    "Heat: no air conditioning and the house gets very hot in summer.",
    "Scams: has received several phone calls asking for bank details.",
];

pub const FACTS: [(&str, &str, bool); 8] = [
    (
        "f_fall_at_night",
        "$N fell twice at night on the way to the toilet before the hospital admission, and did not tell anyone about the first fall.",
        true,
    ),
    (
        "f_lonely",
        "$N spends most afternoons alone and says the television is the only voice in the house some days.",
        false,
    ),
    (
        "f_money_worries",
        "$N is paying off a loan for a son's car and is afraid the package fees will mean missing a repayment.",
        true,
    ),
    (
        "f_bad_experience",
        "A previous support worker from another agency moved $N's belongings without asking and never came back to put them away.",
        false,
    ),
    (
        "f_dog",
        "$N would refuse any plan that meant giving up the dog, and needs help to walk her while the hip heals.",
        false,
    ),
    (
        "f_faith",
        "$N misses going to $R and would value transport there more than extra cleaning.",
        false,
    ),
    (
        "f_medication",
        "$N has been skipping the evening tablets because the blister pack is too hard to open.",
        true,
    ),
    (
        "f_family_conflict",
        "$N's two children disagree about whether $N should move into residential care, and $N does not want them in the meeting.",
        true,
    ),
];

pub const DOC_BROCHURE: [&str; 8] = [
    "$O has supported older people in $S and surrounding suburbs since 1994.",
    "We offer personal care, domestic assistance, meals, transport, nursing and allied health, all coordinated by one person who knows you.",
    "You choose the services, the times and, where we can, the workers who come to your home.",
    "Our staff are trained, police-checked and vaccinated, and wear a photo identity card on every visit.",
    "We speak more than twenty languages between us and can book a free interpreter when you need one.",
    "Ask your coordinator about our Friday social club, with lunch and a bus to the shops.",
    "If something is not right, tell us: we want to hear compliments, suggestions and complaints.",
    "Call our office on weekdays between 8.30am and 5pm, or leave a message after hours and we will call you back the next business day.",
];

pub const DOC_FEES: [&str; 8] = [
    "Fees are charged against your Home Care Package budget and shown on your monthly statement.",
    "Personal care and domestic assistance are charged per hour, in blocks of at least one hour.",
    "Weekend visits attract a loading of 25 percent and public holidays a loading of 50 percent.",
    "Transport is charged per trip within ten kilometres; longer trips are charged per kilometre.",
    "There is no charge for the first care management meeting or for reviewing your care plan.",
    "Package management and care management together are capped at 20 percent of your package.",
    "Cancellations with less than 24 hours notice may be charged in full.",
    "Basic daily fees are set by the government and may be reduced after an income assessment.",
];

pub const DOC_PROCEDURE: [&str; 10] = [
    "Read the referral and the client file before the first contact, and note any interpreter or cultural needs.",
    "Telephone the client to arrange a first visit at a time that suits them; offer to include a family member or advocate.",
    "At the first visit explain who we are, what information we keep and how the client can see or correct it.",
    "Ask about the client's goals, preferences and previous experience of services before discussing options.",
    "Present the options in writing, with the fee for each, and leave the information with the client.",
    "Do not ask the client to sign anything at the first visit unless they clearly wish to.",
    "Record the visit in the client management system within one business day.",
    "Confirm the services agreed with the rostering team and the providers before the start date.",
    "Review the care plan at least every twelve months, after any hospital admission, and whenever the client asks.",
    "Escalate any concern about the client's safety to the team leader on the same day.",
];

pub const DOC_GUIDE: [&str; 8] = [
    "This guide lists every service the organisation offers, who delivers it, when it is available and who is eligible.",
    "Personal care covers help with showering, dressing, grooming and continence, delivered by a qualified support worker.",
    "Domestic assistance covers cleaning, laundry and changing beds; it does not include heavy cleaning or gardening.",
    "Social support can be one to one or in a group, and includes shopping, outings and attending appointments.",
    "Allied health services are delivered by contracted providers and usually need a GP referral or an assessment first.",
    "Respite is available in the home or at the day centre, and can be booked for a few hours or a whole day.",
    "Nursing covers wound care, medication management and health monitoring, and is delivered by registered nurses.",
    "Home maintenance covers minor repairs, changing light globes and small garden jobs, not major renovations.",
];

pub const DOC_NEWSLETTER: [&str; 6] = [
    "Welcome to our autumn newsletter, with news from the day centre and the social club.",
    "Thank you to everyone who came to the Harmony Day lunch; we served food from eleven countries.",
    "Our new transport bus has a wheelchair lift and air conditioning, and runs to the shopping centre every Tuesday.",
    "Flu vaccinations are available at the day centre on the first Monday of each month.",
    "We welcome three new support workers who between them speak Arabic, Vietnamese and Greek.",
    "Remember that you can change your services at any time by talking to your coordinator.",
];

pub const DOC_LEGAL: [&str; 6] = [
    "Every person receiving aged care has the right to safe and high quality care and services.",
    "Every person has the right to be treated with dignity and respect, and to have their identity, culture and diversity valued.",
    "Every person has the right to make their own choices about their care and services, and to have those choices respected.",
    "Every person has the right to be informed about care and services in a way they understand.",
    "Every person has the right to complain free from reprisal, and to have complaints dealt with fairly and promptly.",
    "Every person has the right to personal privacy and to have their personal information protected.",
];

pub const RECORDS: [(&str, &str, &str); 6] = [
    (
        "discharge_summary",
        "Hospital discharge summary",
        "Westmead Hospital, Aged Care Services",
    ),
    (
        "acat_assessment",
        "Aged care assessment",
        "Aged Care Assessment Team",
    ),
    (
        "referral",
        "My Aged Care referral",
        "My Aged Care contact centre",
    ),
    ("gp_letter", "Letter from the GP", "Dr Anne Fitzgerald"),
    ("intake_call", "Intake phone call notes", "Intake officer"),
    (
        "previous_plan",
        "Care plan from the previous provider",
        "Council home support program",
    ),
];

pub const RECORD_TEXT: [&str; 12] = [
    "$F was admitted on 14 February after a fall at home and had surgery to repair a fractured neck of femur the next day.",
    "Mobility on discharge: walking frame indoors, supervision for showering, not yet safe on steps without a rail.",
    "Recommendations: personal care three mornings a week, a home safety assessment by an occupational therapist, and physiotherapy at home.",
    "The client was alert and cooperative, and asked for information in writing so that family could read it too.",
    "The assessment found that $N needs help with showering, shopping, cleaning and transport, and is eligible for a level 3 package.",
    "$N rang to ask when services would start and sounded worried about being alone at night.",
    "The neighbour has been doing the shopping but said she cannot keep doing it every week.",
    "I have known $N for many years; $N is independent and capable but has become more frail since the fall.",
    "Please involve me in any decisions about medication and let me know if $N seems more confused than usual.",
    "Previous services: two hours of domestic assistance a fortnight, stopped when the program closed.",
    "The client asked that workers remove their shoes at the door and not use the good towels.",
    "Discussed the My Aged Care process; the client wants to choose the provider personally and not be rushed.",
];

pub const SERVICES: [(&str, &str, &str, f64); 10] = [
    ("personal_care", "Personal care", "Hour", 72.0),
    ("domestic", "Domestic assistance", "Hour", 64.0),
    ("meals", "Delivered meals", "Item", 14.5),
    ("transport", "Community transport", "Visit", 28.0),
    ("nursing", "Nursing visit", "Visit", 115.0),
    ("physio", "Physiotherapy at home", "Session", 145.0),
    ("social_support", "Social support, one to one", "Hour", 66.0),
    ("home_maintenance", "Home maintenance", "Hour", 78.0),
    ("respite", "Day centre respite", "Day", 95.0),
    ("care_management", "Care management", "Week", 42.0),
];

pub const SERVICE_TEXT: [&str; 10] = [
    "Help with showering, dressing and getting ready for the day, from a trained support worker who follows the care plan.",
    "Cleaning of the kitchen, bathroom and living areas, laundry and changing the bed; heavy cleaning is arranged separately.",
    "Cooked meals delivered chilled twice a week, with menus for diabetic, vegetarian, halal and culturally specific diets.",
    "A driver and car for appointments, shopping and outings within ten kilometres; the driver waits and helps with bags.",
    "A registered nurse visits for wound care, medication reviews and health checks, and reports to the GP.",
    "A physiotherapist visits to set and review an exercise program to improve strength, balance and walking.",
    "A worker spends time with the client doing something they enjoy: a walk, a coffee, a visit to friends or a place of worship.",
    "Minor repairs, changing smoke alarm batteries, fitting grab rails and small garden jobs by a qualified handyperson.",
    "A day at the centre with activities, lunch and transport, giving the client company and the carer a break.",
    "The coordinator plans, arranges and reviews services, talks to other providers, and keeps the budget on track.",
];

pub const AVAILABILITY: [&str; 6] = [
    "Mon–Fri 7am–7pm; weekends by arrangement",
    "Mon–Sat 8am–4pm",
    "Tuesday and Friday deliveries",
    "Mon–Fri 9am–3pm",
    "Seven days, 7am–9pm",
    "Weekdays, booked a week ahead",
];

pub const ELIGIBILITY: [&str; 5] = [
    "Any client with a Home Care Package.",
    "Clients assessed as needing help with personal care.",
    "Needs a GP referral or a recommendation from the hospital.",
    "Clients who cannot use public transport safely.",
    "Clients with a care plan goal that this service supports.",
];

pub const STAFF_ROLES: [(&str, &str); 6] = [
    ("coordinator", "Care coordinator"),
    ("team_leader", "Team leader, home support"),
    ("nurse", "Registered nurse"),
    ("rostering", "Rostering officer"),
    ("support_worker", "Senior support worker"),
    ("finance", "Finance officer"),
];

pub const STAKEHOLDERS: [(&str, &str, &str); 8] = [
    ("gp", "Dr Anne Fitzgerald, general practitioner", "Health"),
    (
        "hospital",
        "Westmead Hospital discharge planning team",
        "Health",
    ),
    ("physio", "MoveWell Physiotherapy", "Provider"),
    ("meals_provider", "Fresh Plate Community Meals", "Provider"),
    ("my_aged_care", "My Aged Care", "Government"),
    ("carer_gateway", "Carer Gateway", "Government"),
    ("advocacy", "Older Persons Advocacy Network", "Community"),
    ("family", "The client's eldest child", "Family"),
];

pub const OFFERS: [&str; 12] = [
    "Home visits for assessment and review",
    "Referrals to specialists",
    "Discharge planning and a copy of the summary",
    "Exercise programs at home",
    "Chilled and frozen meals delivered twice a week",
    "Help to apply for services and reassessment",
    "Counselling and respite for carers",
    "Free, independent advocacy about aged care",
    "Information about rights and complaints",
    "Family meetings at short notice",
    "Reports on progress every four weeks",
    "Equipment loans",
];

pub const POLICIES: [(&str, &str); 4] = [
    ("privacy", "Privacy and confidentiality"),
    ("complaints", "Feedback and complaints"),
    ("code_of_conduct", "Code of conduct and ethics"),
    (
        "service_agreements",
        "Service agreements and changes to services",
    ),
];

pub const POLICY_TEXT: [&str; 12] = [
    "Staff collect only the personal information needed to provide services and explain why it is collected.",
    "Information is shared with other providers only with the client's consent, except where the law requires it.",
    "Clients may see and ask to correct the information we hold about them at any time.",
    "Every client is told how to give feedback or make a complaint, in writing and in a language they understand.",
    "Complaints are acknowledged within two business days and resolved, or escalated, within twenty business days.",
    "Clients may also complain to the Aged Care Quality and Safety Commission, and may have an advocate help them.",
    "Staff act honestly, respect the client's choices and culture, and do not accept gifts or money.",
    "Staff work within their role and refer matters beyond it to the team leader.",
    "A service agreement is offered to every client before services start and is reviewed at least once a year.",
    "Changes to services are agreed with the client, recorded, and confirmed in writing before they take effect.",
    "Where a change affects the cost of services, the client must agree to the new budget before the change starts.",
    "Staff must not pressure a client to sign an agreement or to accept a service they do not want.",
];

pub const HINTS: [&str; 10] = [
    "Check the dates on everything before you rely on it.",
    "Think about what the client told the hospital and what the GP asked for.",
    "The procedure on the shelf says what has to happen before a first visit.",
    "Keep the client's own words in mind: what matters to them, not to you.",
    "Look at the fee schedule and the client's budget side by side.",
    "Who needs to know about this change, and who has to agree to it?",
    "Remember the client's preferences about times and workers.",
    "The policies folder has what you need about consent and complaints.",
    "You can come back to this step later in the week.",
    "Be specific: a good plan says who does what, when and how you will know it worked.",
];

pub const CLIENT_CHATTER: [&str; 14] = [
    "Sorry, Bella, hush now. She is friendly really, she just likes to have her say.",
    "I have been sitting in this chair most of the day since I came home.",
    "My neighbour Joan has been very good to me, but she has her own troubles.",
    "The hospital gave me so many papers, I do not know which ones matter.",
    "I used to walk everywhere, you know. Now even the letterbox feels a long way.",
    "Would you like a cup of tea? I can manage the kettle, just about.",
    "My son rings on Sundays, but he is busy with his own family.",
    "I do not want to be a burden on anybody.",
    "Last time someone came from an agency they were in and out in twenty minutes.",
    "I am not one for complaining, but some things have not been right.",
    "The doctor says I am doing well for my age, whatever that means.",
    "I keep the heater off to save money, even when it is cold at night.",
    "I have lived here since the children were small.",
    "My late husband always did the paperwork; I am still learning all that.",
];

pub const GOOD_FEEDBACK: [&str; 10] = [
    "Good: an open question lets the client tell you what matters in their own words.",
    "Good: you checked consent before going further, as the privacy policy requires.",
    "Good: you linked the option to the goal the client named, which makes the proposal theirs.",
    "Good: the client now knows exactly what it will cost and what they can change.",
    "Good: you acknowledged the worry before moving on, and rapport went up.",
    "Good: you explained the complaints process without making it sound like a threat.",
    "Good: you left the decision with the client and offered written information.",
    "Good: you summarised what was agreed and what happens next.",
    "Good: accurate, positive and honest about what the organisation can and cannot do.",
    "Good: you invited the client to include someone they trust.",
];

pub const POOR_FEEDBACK: [&str; 10] = [
    "Not yet: a closed question gets a yes or a no, and the client's real concern stays hidden.",
    "Not yet: you moved on to services before you knew what the client wants.",
    "Not yet: telling the client what they need takes the choice away from them.",
    "Not yet: that figure is from the old fee schedule, so the client was misinformed.",
    "Not yet: the client asked a direct question and did not get an answer.",
    "Not yet: pushing for a signature at the first visit is against the procedure.",
    "Not yet: promising something the organisation cannot deliver damages trust later.",
    "Not yet: you shared information about the family without asking the client first.",
    "Not yet: jargon like 'CDC' and 'HCP' means nothing to most clients.",
    "Not yet: the client's culture and language were not considered.",
];

pub const REPORT_GOOD: [&str; 8] = [
    "The coordinator sent a clear referral with the goals, the risks and the client's preferred times, and rang to confirm the first visit.",
    "Communication has been prompt and respectful; when the client cancelled a session the coordinator let us know the same morning.",
    "The client is making good progress with the exercise program and told me the coordinator had explained why it mattered.",
    "I was consulted before the change to the roster and the client had clearly agreed to it.",
    "The case notes are up to date and the care plan reflects what we discussed at the review.",
    "The trainee kept the client at the centre of every decision and checked in with me when unsure.",
    "All documentation was complete and filed on time, including the signed agreement and the review notes.",
    "The client says they feel listened to, and the family has stopped calling the office with complaints.",
];

pub const REPORT_CONCERN: [&str; 6] = [
    "We were not told about the client's falls history until our second visit, which put our physiotherapist at risk.",
    "The referral arrived without the GP's recommendations, and nobody returned my two phone calls.",
    "The roster was changed without consulting the client, who rang me upset and confused.",
    "Case notes are missing for two visits and the care plan still lists services that have stopped.",
    "The client says the trainee talked about fees in front of the family after being asked not to.",
    "The service agreement was signed before the client had seen the fee schedule.",
];

pub const EVENT_TEXT: [&str; 10] = [
    "Hello, this is the discharge planner from the hospital. I am just checking that services have been arranged, as $N went home on Friday.",
    "Hi, I am $N's eldest. I live in Perth and cannot get there until Easter. Can you tell me what has been organised? Mum or Dad will not say much on the phone.",
    "$N rang the office this morning, upset: the support worker arrived an hour late and a different person came from the one agreed.",
    "From finance: the new fee schedule starts on the first of next month; personal care goes up by four dollars an hour and weekend loadings change.",
    "$N had another fall overnight and pressed the alarm. The ambulance checked $N at home and there were no injuries, but $N is shaken.",
    "The physiotherapist asks whether the home exercise program can be increased to twice a week, as $N is doing well.",
    "A letter from My Aged Care: the package has been reassessed and the level will change from next month.",
    "The team leader asks for the case notes and the signed agreement for the quarterly audit by Friday.",
    "The meals provider says $N has left three deliveries untouched on the doorstep this week.",
    "$N has written a card thanking the support worker, and asks whether the Friday social club has room for one more.",
];

pub const SATISFIED: [&str; 10] = [
    "You did what this criterion asks, in a way that kept the client at the centre.",
    "Well done: your work shows this criterion clearly, and it is recorded where an assessor can see it.",
    "The evidence is sufficient and current: you acted on what you found and explained why.",
    "You met the requirement and followed the organisation's procedure while doing it.",
    "Clear evidence: the client's choices shaped the outcome, and the records show how.",
    "Satisfactory: accurate, complete and in line with the policy on the shelf.",
    "You communicated with the right people at the right time, and it shows in the results.",
    "This is what a competent coordinator does: you checked, you asked, and you wrote it down.",
    "Good work: the plan is realistic, costed and agreed.",
    "You noticed the problem and did something about it within your role.",
];

pub const NOT_YET: [&str; 10] = [
    "Not yet: look again at what the criterion asks, and at what the client told you.",
    "Not yet: the evidence is incomplete; some of the work was not done or not recorded.",
    "Not yet: you relied on information that was out of date or not checked.",
    "Not yet: the client's preferences and goals are not reflected in what you produced.",
    "Not yet: someone who needed to agree to this was not asked.",
    "Not yet: the procedure sets out steps that were skipped; read it again before your next attempt.",
    "Not yet: the figures do not add up against the client's budget.",
    "Not yet: your notes do not show what was discussed or agreed.",
    "Not yet: you did not act on the feedback you received.",
    "Not yet: this needs to be done within the boundaries of your role and the organisation's procedures.",
];

pub const COMMENTS: [&str; 10] = [
    "Keep this in line with the fee schedule on the shelf.",
    "Assessors: this is the step most trainees rush.",
    "TODO: check the wording with the RTO before the next intake.",
    "Changed after the pilot group found the old version confusing.",
    "The client never raises this unless rapport is good.",
    "Deliberately tricky: the obvious answer is the wrong one.",
    "Kept short on purpose; the dialogue carries the detail.",
    "Matches the procedure in the office documents.",
    "Feedback from the 2025 cohort: make this clearer.",
    "Numbers checked against the July fee schedule.",
];
