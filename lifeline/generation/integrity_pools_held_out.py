"""Held-out name pools for the parole-like generator: never used to build or tune the model."""
# ruff: noqa: RUF001 - names in Cyrillic and Arabic script are intended.

from __future__ import annotations

# Ukrainian given names in Cyrillic, then Latin spellings seen on forms (first is official).
UA_GIVEN = [
    ("Петро", "Petro", "Petr", "Peter"),
    ("Іван", "Ivan"),
    ("Микола", "Mykola", "Nikolai", "Nikolay"),
    ("Олег", "Oleh", "Oleg"),
    ("Тарас", "Taras"),
    ("Роман", "Roman"),
    ("Степан", "Stepan"),
    ("Григорій", "Hryhorii", "Grigoriy", "Hryhoriy"),
    ("Ярослав", "Yaroslav", "Iaroslav"),
    ("Віталій", "Vitalii", "Vitaliy", "Vitaly"),
    ("Максим", "Maksym", "Maxim", "Maksim"),
    ("Ігор", "Ihor", "Igor"),
    ("Ганна", "Hanna", "Anna", "Ganna"),
    ("Ольга", "Olha", "Olga"),
    ("Людмила", "Liudmyla", "Lyudmila", "Ludmila"),
    ("Світлана", "Svitlana", "Svetlana"),
    ("Вікторія", "Viktoriia", "Victoria", "Viktoriya"),
    ("Анастасія", "Anastasiia", "Anastasia", "Anastasiya"),
    ("Софія", "Sofiia", "Sofia", "Sofiya"),
    ("Дарина", "Daryna", "Darina"),
    ("Христина", "Khrystyna", "Kristina", "Khristina"),
    ("Леся", "Lesia", "Lesya"),
]
# Ukrainian surnames in Cyrillic only: Latin spellings come from the romanisation schemes.
UA_FAMILY = [
    "Мельничук", "Кравець", "Остапенко", "Сидоренко", "Білоус", "Головко", "Дорошенко",
    "Федоренко", "Захарченко", "Васильченко", "Пономаренко", "Ярошенко", "Костенко", "Гнатюк",
    "Семенюк", "Жук", "Чорновол", "Процюк", "Фещенко", "Гуменюк", "Білик", "Довженко",
    "Вакуленко", "Гриценко", "Ющенко", "Панасюк", "Стельмах", "Назаренко", "Тарасенко", "Сорока",
    "Зарицький", "Березовський",
]  # fmt: skip
RU_GIVEN = [
    ("Алексей", "Aleksei", "Alexey", "Aleksey"),
    ("Владислав", "Vladislav"),
    ("Станислав", "Stanislav"),
    ("Артём", "Artem", "Artyom"),
    ("Кирилл", "Kirill"),
    ("Илья", "Ilia", "Ilya"),
    ("Фёдор", "Fedor", "Fyodor"),
    ("Денис", "Denis"),
    ("Антон", "Anton"),
    ("Ксения", "Kseniia", "Ksenia", "Kseniya"),
    ("Евгения", "Evgeniia", "Yevgeniya", "Evgenia"),
    ("Валентина", "Valentina"),
    ("Людмила", "Liudmila", "Lyudmila", "Ludmila"),
    ("Вера", "Vera"),
    ("Елизавета", "Elizaveta", "Yelizaveta"),
    ("Полина", "Polina"),
]
RU_FAMILY = [
    "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Новиков", "Морозов", "Волков",
    "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов",
    "Воробьёв", "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов",
    "Киселёв", "Макаров", "Андреев", "Ильин", "Гусев", "Жуков",
]  # fmt: skip
# Arabic-script names: the script, its ALA-LC romanisation, then common English spellings.
AR_GIVEN = [
    ("عمر", "ʻUmar", "Omar", "Umar"),
    ("حسن", "Ḥasan", "Hassan", "Hasan"),
    ("ابراهیم", "Ibrāhīm", "Ibrahim", "Ebrahim"),
    ("مصطفی", "Muṣṭafá", "Mustafa", "Mostafa"),
    ("جمیله", "Jamīlah", "Jamila", "Jameela"),
    ("خدیجه", "Khadījah", "Khadija", "Khadeeja"),
    ("سمیرا", "Samīrā", "Samira", "Sameera"),
    ("رحیم", "Raḥīm", "Rahim", "Raheem"),
    ("نجیب", "Najīb", "Najib", "Najeeb"),
    ("شریف", "Sharīf", "Sharif", "Shareef"),
    ("حمید", "Ḥamīd", "Hamid", "Hameed"),
    ("لیلا", "Laylā", "Leila", "Layla"),
    ("صالح", "Ṣāliḥ", "Saleh", "Salih"),
    ("ناصر", "Nāṣir", "Nasir", "Nasser"),
]
AR_FAMILY = [
    ("هاشمی", "Hāshimī", "Hashimi", "Hashemi"), ("نظری", "Naẓarī", "Nazari"),
    ("سلطانی", "Sulṭānī", "Sultani", "Soltani"), ("امیری", "Amīrī", "Amiri"),
    ("جلالی", "Jalālī", "Jalali"), ("وردک", "Wardak", "Vardak"),
    ("پوپلزی", "Pūpalzī", "Popalzai"), ("فاروقی", "Fārūqī", "Farooqi", "Faruqi"),
    ("رسولی", "Rasūlī", "Rasuli", "Rasouli"), ("صافی", "Ṣāfī", "Safi"),
    ("عثمانی", "ʻUthmānī", "Usmani", "Osmani"), ("مرادی", "Murādī", "Moradi", "Muradi"),
]  # fmt: skip
ES_GIVEN = [
    "Alberto", "Beatriz", "Cristina", "Diego", "Esperanza", "Fernando", "Gabriela", "Héctor",
    "Isabel", "Javier", "Leticia", "Manuel", "Néstor", "Orlando", "Paola", "Raúl", "Silvia",
    "Teresa", "Ulises", "Verónica", "Yadira", "Yunior", "Arelis", "Maykel",
]  # fmt: skip
ES_FAMILY = [
    "Vargas", "Jiménez", "Ruiz", "Aguilar", "Medina", "Castro", "Vázquez", "Herrera", "Ramos",
    "Domínguez", "Navarro", "Guerrero", "Rojas", "Salazar", "Contreras", "Figueroa", "Valdés",
    "Cabrera", "Delgado", "Peña", "Soto", "Espinoza", "Acosta", "Molina", "Núñez",
]  # fmt: skip
ES_NICKNAMES = {"Alberto": "Beto", "Fernando": "Nando", "Manuel": "Manolo", "Teresa": "Tere"}
HT_GIVEN = [
    "Jean-Robert", "Mireille", "Yves", "Lovely", "Dieudonné", "Stéphanie", "Rosemond",
    "Jocelyne", "Ketly", "Berthony", "Marjorie", "Wisly", "Nickenson", "Mackenson", "Fritznel",
]  # fmt: skip
HT_FAMILY = [
    "Jean-Pierre", "François", "Michel", "Paul", "Jeune", "Laguerre", "Alexis", "Philippe",
    "Valcourt", "Fils-Aimé", "Estimé", "Noël", "Sanon", "Lamour", "Mathurin",
]  # fmt: skip
US_GIVEN = [
    ("Raymond", "Ray"), ("Edward", "Ed"), ("Benjamin", "Ben"), ("Samuel", "Sam"),
    ("Nicholas", "Nick"), ("Timothy", "Tim"), ("Matthew", "Matt"), ("Stephen", "Steve"),
    ("Abigail", "Abby"), ("Samantha", "Sam"), ("Kimberly", "Kim"), ("Pamela", "Pam"),
    ("Cynthia", "Cindy"), ("Theresa", "Terri"), ("Barbara", "Barb"), ("Dorothy", "Dot"),
    ("Frederick", "Fred"), ("Gregory", "Greg"),
]  # fmt: skip
US_FAMILY = [
    "Robinson", "Lee", "Hill", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips",
    "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook",
    "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell", "Howard", "Ward", "Cox",
]  # fmt: skip
