"""Name, place and narrative pools for the parole-like synthetic generator."""

from __future__ import annotations

# ruff: noqa: RUF001 - names in Cyrillic and Arabic script are intended.

# Ukrainian given names in Cyrillic with Latin spellings seen on forms (first is official).
UA_GIVEN = [
    ("Олександр", "Oleksandr", "Aleksandr", "Olexandr", "Sasha"),
    ("Сергій", "Serhii", "Sergiy", "Sergey", "Serhiy"),
    ("Юрій", "Yurii", "Yuriy", "Iurii", "Yuri"),
    ("Андрій", "Andrii", "Andriy", "Andrey"),
    ("Дмитро", "Dmytro", "Dmitry", "Dmitriy"),
    ("Євген", "Yevhen", "Ievgen", "Evgeny"),
    ("Михайло", "Mykhailo", "Mykhaylo", "Mikhail"),
    ("Володимир", "Volodymyr", "Vladimir"),
    ("Тетяна", "Tetiana", "Tetyana", "Tatiana"),
    ("Наталія", "Nataliia", "Natalia", "Nataliya"),
    ("Олена", "Olena", "Elena", "Yelena"),
    ("Ірина", "Iryna", "Irina"),
    ("Катерина", "Kateryna", "Ekaterina", "Katerina"),
    ("Юлія", "Yuliia", "Yulia", "Iuliia"),
    ("Оксана", "Oksana"),
    ("Богдан", "Bohdan", "Bogdan"),
    ("Віктор", "Viktor", "Victor"),
    ("Галина", "Halyna", "Galina"),
    ("Марія", "Mariia", "Maria", "Mariya"),
    ("Василь", "Vasyl", "Vasiliy"),
]
UA_FAMILY = [
    "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук",
    "Поліщук", "Мельник", "Бойко", "Ковальчук", "Савченко", "Руденко", "Щербина", "Хмельницький",
    "Лисенко", "Марченко", "Гончаренко", "Кузьменко", "Павленко", "Литвиненко", "Мороз",
    "Зінченко", "Яковенко", "Гаврилюк", "Левченко", "Кравчук", "Юрченко", "Тимошенко", "Ковальов",
]  # fmt: skip
# Arabic-script names: the script, its ALA-LC romanisation, then common English spellings.
AR_GIVEN = [
    ("محمد", "Muḥammad", "Mohammed", "Muhammad", "Mohammad"),
    ("احمد", "Aḥmad", "Ahmad", "Ahmed"),
    ("فاطمة", "Fāṭimah", "Fatima", "Fatema"),
    ("عبد الرحمن", "ʻAbd al-Raḥmān", "Abdulrahman", "Abdul Rahman", "Abdelrahman"),
    ("حسین", "Ḥusayn", "Hussein", "Hossein", "Husain"),
    ("یوسف", "Yūsuf", "Yusuf", "Yousef", "Yousuf"),
    ("عایشه", "ʻĀʼishah", "Aisha", "Ayesha"),
    ("زینب", "Zaynab", "Zainab", "Zeinab"),
    ("مریم", "Maryam", "Maryam", "Mariam"),
    ("علی", "ʻAlī", "Ali"),
    ("نسرین", "Nasrīn", "Nasrin", "Nasreen"),
    ("خالد", "Khālid", "Khalid", "Khaled"),
]
AR_FAMILY = [
    ("رحیمی", "Raḥīmī", "Rahimi"),
    ("احمدی", "Aḥmadī", "Ahmadi"),
    ("حسینی", "Ḥusaynī", "Hosseini", "Husseini"),
    ("کریمی", "Karīmī", "Karimi"),
    ("نوری", "Nūrī", "Noori", "Nuri"),
    ("صدیقی", "Ṣiddīqī", "Siddiqui", "Sediqi"),
    ("محمدی", "Muḥammadī", "Mohammadi", "Muhammadi"),
    ("عزیزی", "ʻAzīzī", "Azizi"),
    ("قادری", "Qādirī", "Qaderi", "Ghaderi"),
    ("حیدری", "Ḥaydarī", "Haidari", "Heydari"),
    ("یوسفی", "Yūsufī", "Yousufi", "Yusufi"),
    ("ستانکزی", "Stānakzay", "Stanikzai"),
]
# Russian names in Cyrillic (surnames only in Cyrillic: Latin comes from the schemes).
RU_GIVEN = [
    ("Дмитрий", "Dmitrii", "Dmitry"), ("Сергей", "Sergei", "Sergey"),
    ("Александр", "Aleksandr", "Alexander"), ("Михаил", "Mikhail"), ("Павел", "Pavel", "Paul"),
    ("Владимир", "Vladimir"), ("Борис", "Boris"), ("Татьяна", "Tatiana", "Tatyana"),
    ("Наталья", "Natalia", "Natalya"), ("Елена", "Elena", "Yelena"), ("Ирина", "Irina"),
    ("Марина", "Marina"), ("Юлия", "Iuliia", "Yulia", "Julia"), ("Галина", "Galina"),
]  # fmt: skip
RU_FAMILY = [
    "Иванов", "Петров", "Сидоров", "Козлов", "Степанов", "Никитин", "Захаров", "Романов",
    "Сорокин", "Медведев", "Ершов", "Калинин", "Щербаков", "Чернов", "Быков", "Гаврилов",
    "Тихонов", "Филиппов", "Журавлёв", "Блинов",
]  # fmt: skip
ES_GIVEN = [
    "José", "María", "Juan", "Carlos", "Luis", "Ana", "Rosa", "Jorge", "Miguel", "Carmen",
    "Yolanda", "Pedro", "Francisco", "Guadalupe", "Alejandro", "Yusnier", "Dayana", "Yoandry",
    "Roberto", "Eduardo", "Dolores", "Ignacio", "Marisol", "Yanelis", "Osmany", "Leidys",
]  # fmt: skip
ES_FAMILY = [
    "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez",
    "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes",
    "Gutiérrez", "Ortiz", "Castillo", "Fernández", "Álvarez", "Romero", "Suárez", "Mendoza",
]  # fmt: skip
ES_NICKNAMES = {"José": "Pepe", "Francisco": "Paco", "Guadalupe": "Lupe", "Ignacio": "Nacho"}
HT_GIVEN = [
    "Jean", "Marie", "Pierre", "Jacques", "Roseline", "Wilner", "Fabiola", "Esther", "Widline",
    "Jean-Claude", "Marie-Ange", "Ricardo", "Nadège", "Frantz", "Guerline", "Jameson",
]  # fmt: skip
HT_FAMILY = [
    "Joseph", "Pierre", "Jean-Baptiste", "Louis", "Charles", "Saint-Fleur", "Désir", "Exantus",
    "Célestin", "Dorvil", "Toussaint", "Augustin", "Étienne", "Jean-Louis", "Bazile",
]  # fmt: skip
US_GIVEN = [
    ("Robert", "Bob"), ("William", "Bill"), ("Elizabeth", "Liz"), ("Margaret", "Peggy"),
    ("James", "Jim"), ("Katherine", "Kate"), ("Michael", "Mike"), ("Jennifer", "Jen"),
    ("Richard", "Dick"), ("Susan", "Sue"), ("Thomas", "Tom"), ("Patricia", "Pat"),
    ("Daniel", "Dan"), ("Christopher", "Chris"), ("Jessica", "Jess"), ("Andrew", "Andy"),
    ("Rebecca", "Becky"), ("Joseph", "Joe"), ("Deborah", "Debbie"), ("Anthony", "Tony"),
]  # fmt: skip
US_FAMILY = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
    "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
]  # fmt: skip
STREETS = [
    "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
    "Walnut", "Sunset", "Highland", "Jefferson", "Lincoln", "Franklin", "Church", "Mill",
]  # fmt: skip
STREET_TYPES = [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Drive", "Dr")]
CITIES = [
    ("Chicago", "IL", 606), ("Houston", "TX", 770), ("Miami", "FL", 331), ("Sacramento", "CA", 958),
    ("Seattle", "WA", 981), ("Brooklyn", "NY", 112), ("Philadelphia", "PA", 191),
    ("Minneapolis", "MN", 554), ("Denver", "CO", 802), ("Charlotte", "NC", 282),
]  # fmt: skip
NARRATIVE_OPENINGS = [
    "My {rel} {name} lost {pos} home in {place} when the fighting reached the district.",
    "I have known {name} since we were children in {place}, and {pron} is my {rel}.",
    "{name} is my {rel}; {pron} worked as a {job} in {place} until the clinic closed.",
    "After the storms and the violence in {place}, my {rel} {name} cannot stay there safely.",
]
NARRATIVE_MIDDLES = [
    "I earn {income} dollars a year as a {myjob} and own a {rooms}-bedroom house.",
    "We rent an apartment with {rooms} bedrooms and my spouse works as a {myjob}.",
    "I have saved {savings} dollars and my employer agreed to help with health insurance.",
    "My church in {city} has promised furniture and English classes for {months} months.",
]
NARRATIVE_CLOSINGS = [
    "I will pay for food, rent and medical care until {pron} can work.",
    "{name} will live with us and I will drive {obj} to appointments.",
    "I commit to support {obj} financially for the full parole period of two years.",
]
RELATIONS = ["sister", "brother", "cousin", "mother", "father", "niece", "nephew", "aunt"]
JOBS = ["nurse", "teacher", "welder", "accountant", "driver", "cook", "electrician", "engineer"]
SHELTERS = [
    ("1200 Hope Avenue, Chicago, IL 60616", "+13125550100"),
    ("45 Harbor Street, Miami, FL 33130", "+13055550111"),
]
LAW_OFFICE = ("700 Justice Road Suite 300, Houston, TX 77002", "+17135550123")
