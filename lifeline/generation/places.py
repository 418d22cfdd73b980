"""Addresses, phones and identifiers: abroad for beneficiaries, in the U.S. for supporters."""

from __future__ import annotations

import random
from dataclasses import dataclass

# country -> (name, dialling code, mobile prefixes, local digits, cities, streets)
_ABROAD: dict[str, tuple[str, str, tuple[str, ...], int, tuple[str, ...], tuple[str, ...]]] = {
    "UA": (
        "Ukraine",
        "380",
        ("50", "63", "67", "68", "73", "93", "96", "97", "99"),
        7,
        (
            "Kyiv",
            "Kharkiv",
            "Odesa",
            "Dnipro",
            "Zaporizhzhia",
            "Lviv",
            "Mykolaiv",
            "Kherson",
            "Chernihiv",
            "Sumy",
        ),
        (
            "vul. Shevchenka",
            "vul. Franka",
            "prosp. Peremohy",
            "vul. Sadova",
            "vul. Hoholia",
            "vul. Lesi Ukrainky",
            "vul. Soborna",
            "vul. Myru",
        ),
    ),
    "PL": (
        "Poland",
        "48",
        ("50", "51", "53", "60", "66", "69", "72", "79"),
        7,
        ("Warszawa", "Kraków", "Wrocław", "Przemyśl", "Lublin", "Gdańsk"),
        ("ul. Marszałkowska", "ul. Długa", "ul. Polna", "ul. Lipowa", "ul. Kościuszki"),
    ),
    "DE": (
        "Germany",
        "49",
        ("151", "160", "170", "176"),
        7,
        ("Berlin", "Hamburg", "München", "Leipzig", "Köln"),
        ("Hauptstraße", "Bahnhofstraße", "Lindenweg", "Schulstraße", "Gartenstraße"),
    ),
    "MD": (
        "Moldova",
        "373",
        ("60", "68", "69", "79"),
        6,
        ("Chișinău", "Bălți", "Cahul"),
        ("str. Ștefan cel Mare", "str. Pușkin", "str. Mihai Eminescu"),
    ),
    "RU": (
        "Russia",
        "7",
        ("903", "915", "916", "926", "985"),
        7,
        ("Moskva", "Sankt-Peterburg", "Kazan", "Novosibirsk", "Yekaterinburg"),
        ("ul. Lenina", "ul. Sovetskaia", "ul. Mira", "prosp. Gagarina", "ul. Pushkina"),
    ),
    "GE": (
        "Georgia",
        "995",
        ("555", "577", "591", "599"),
        6,
        ("Tbilisi", "Batumi", "Kutaisi"),
        ("Rustaveli Ave", "Chavchavadze Ave", "Agmashenebeli Ave"),
    ),
    "CU": (
        "Cuba",
        "53",
        ("5",),
        7,
        ("La Habana", "Santiago de Cuba", "Camagüey", "Holguín", "Santa Clara", "Matanzas"),
        ("Calle 23", "Calle Línea", "Avenida 51", "Calle Martí", "Calle Maceo", "Calle Real"),
    ),
    "HT": (
        "Haiti",
        "509",
        ("31", "34", "36", "37", "38", "46", "47", "48"),
        6,
        ("Port-au-Prince", "Cap-Haïtien", "Gonaïves", "Les Cayes", "Jacmel", "Pétion-Ville"),
        ("Rue Capois", "Rue Pavée", "Route de Delmas", "Rue Grégoire", "Rue du Centre"),
    ),
    "NI": (
        "Nicaragua",
        "505",
        ("8", "7"),
        7,
        ("Managua", "León", "Masaya", "Granada", "Matagalpa", "Estelí"),
        ("Calle Central", "Avenida Bolívar", "Barrio San Judas", "Calle Real", "Carretera Norte"),
    ),
    "VE": (
        "Venezuela",
        "58",
        ("412", "414", "416", "424", "426"),
        7,
        ("Caracas", "Maracaibo", "Valencia", "Barquisimeto", "Maracay", "San Cristóbal"),
        ("Avenida Urdaneta", "Calle Bolívar", "Avenida Libertador", "Calle Sucre", "Calle Páez"),
    ),
    "CO": (
        "Colombia",
        "57",
        ("300", "310", "315", "320"),
        7,
        ("Bogotá", "Cúcuta", "Medellín", "Barranquilla"),
        ("Carrera 7", "Calle 26", "Avenida 68"),
    ),
    "EC": (
        "Ecuador",
        "593",
        ("98", "99", "96"),
        7,
        ("Quito", "Guayaquil", "Cuenca"),
        ("Avenida Amazonas", "Calle Sucre", "Avenida 9 de Octubre"),
    ),
    "AF": (
        "Afghanistan",
        "93",
        ("70", "72", "77", "78", "79"),
        7,
        ("Kabul", "Herat", "Mazar-i-Sharif", "Kandahar", "Jalalabad", "Kunduz"),
        (
            "Darulaman Road",
            "Shahr-e Naw",
            "Karte Char",
            "Khair Khana",
            "Taimani",
            "Wazir Akbar Khan",
        ),
    ),
    "PK": (
        "Pakistan",
        "92",
        ("300", "312", "321", "333", "345"),
        7,
        ("Islamabad", "Peshawar", "Quetta", "Rawalpindi"),
        ("G-9 Markaz", "University Road", "Saddar Road"),
    ),
    "SV": (
        "El Salvador",
        "503",
        ("7",),
        7,
        ("San Salvador", "Santa Ana", "San Miguel", "Soyapango"),
        ("Calle Arce", "Avenida España", "Colonia Escalón", "Calle Delgado"),
    ),
    "GT": (
        "Guatemala",
        "502",
        ("5", "4", "3"),
        7,
        ("Ciudad de Guatemala", "Quetzaltenango", "Escuintla", "Huehuetenango"),
        ("Avenida Reforma", "Calzada Roosevelt", "Zona 1, 6a Avenida", "Calle Real"),
    ),
    "HN": (
        "Honduras",
        "504",
        ("9", "3", "8"),
        7,
        ("Tegucigalpa", "San Pedro Sula", "La Ceiba", "Choloma"),
        ("Colonia Kennedy", "Barrio Guamilito", "Avenida Cervantes", "Colonia Palmira"),
    ),
}

# (city, state, ZIP prefix, area codes)
US_CITIES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "miami": ("Miami", "FL", "331", ("305", "786")),
    "hialeah": ("Hialeah", "FL", "330", ("305", "786")),
    "doral": ("Doral", "FL", "331", ("305", "786")),
    "tampa": ("Tampa", "FL", "336", ("813", "656")),
    "orlando": ("Orlando", "FL", "328", ("407", "689")),
    "houston": ("Houston", "TX", "770", ("713", "832", "281")),
    "dallas": ("Dallas", "TX", "752", ("214", "469", "972")),
    "new_york": ("New York", "NY", "100", ("212", "646", "917")),
    "brooklyn": ("Brooklyn", "NY", "112", ("718", "347", "929")),
    "newark": ("Newark", "NJ", "071", ("973", "862")),
    "boston": ("Boston", "MA", "021", ("617", "857")),
    "philadelphia": ("Philadelphia", "PA", "191", ("215", "267")),
    "chicago": ("Chicago", "IL", "606", ("312", "773", "872")),
    "sacramento": ("Sacramento", "CA", "958", ("916", "279")),
    "seattle": ("Seattle", "WA", "981", ("206", "564")),
    "portland": ("Portland", "OR", "972", ("503", "971")),
    "los_angeles": ("Los Angeles", "CA", "900", ("213", "323", "310")),
    "fremont": ("Fremont", "CA", "945", ("510", "341")),
    "alexandria": ("Alexandria", "VA", "223", ("703", "571")),
    "atlanta": ("Atlanta", "GA", "303", ("404", "678")),
    "charlotte": ("Charlotte", "NC", "282", ("704", "980")),
    "minneapolis": ("Minneapolis", "MN", "554", ("612",)),
}
_STREETS = (
    "Main",
    "Oak",
    "Pine",
    "Maple",
    "Cedar",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Park",
    "Lincoln",
    "Jefferson",
    "Sunset",
    "Highland",
    "Franklin",
    "Madison",
    "Jackson",
    "Ridge",
    "Walnut",
    "Chestnut",
    "Spring",
    "Church",
    "River",
    "Willow",
    "Magnolia",
    "Palm",
    "Coral",
    "NW 7th",
    "SW 8th",
    "W 49th",
    "NE 2nd",
    "1st",
    "2nd",
    "3rd",
    "5th",
    "Flagler",
    "Biscayne",
)
_SUFFIXES = ("St", "Ave", "Rd", "Blvd", "Dr", "Ln", "Ct", "Way", "Pl", "Ter")
EMAIL_DOMAINS = (
    "mail.example",
    "inbox.example",
    "post.example",
    "correo.example",
    "webmail.example",
)


@dataclass(frozen=True)
class Address:
    line1: str
    city: str
    region: str
    postcode: str
    country: str
    line2: str = ""

    @property
    def text(self) -> str:
        unit = f", {self.line2}" if self.line2 else ""
        if self.country == "US":
            return f"{self.line1}{unit}, {self.city}, {self.region} {self.postcode}"
        return f"{self.line1}{unit}, {self.city}, {country_name(self.country)}"


def country_name(country: str) -> str:
    return _ABROAD[country][0]


def abroad_address(rng: random.Random, country: str) -> Address:
    _, _, _, _, cities, streets = _ABROAD[country]
    unit = f"apt. {rng.randint(1, 120)}" if rng.random() < 0.6 else ""
    return Address(
        f"{rng.choice(streets)} {rng.randint(1, 180)}", rng.choice(cities), "", "", country, unit
    )


def abroad_phone(rng: random.Random, country: str) -> str:
    _, code, prefixes, digits, _, _ = _ABROAD[country]
    local = "".join(str(rng.randint(0, 9)) for _ in range(digits))
    return f"+{code} {rng.choice(prefixes)} {local}"


def us_address(rng: random.Random, city_key: str) -> Address:
    city, state, zip_prefix, _ = US_CITIES[city_key]
    line1 = f"{rng.randint(10, 19999)} {rng.choice(_STREETS)} {rng.choice(_SUFFIXES)}"
    unit = f"Apt {rng.randint(1, 40)}{rng.choice('ABCD')}" if rng.random() < 0.35 else ""
    return Address(line1, city, state, f"{zip_prefix}{rng.randint(1, 99):02d}", "US", unit)


def us_phone(rng: random.Random, city_key: str) -> str:
    """A U.S. number in one of the formats people type: E.164, dashed or bracketed."""
    area = rng.choice(US_CITIES[city_key][3])
    exchange, line = rng.randint(201, 989), rng.randint(0, 9999)
    style = rng.random()
    if style < 0.5:
        return f"+1{area}{exchange}{line:04d}"
    if style < 0.8:
        return f"{area}-{exchange}-{line:04d}"
    return f"+1 ({area}) {exchange}-{line:04d}"


def reformat_phone(phone: str, rng: random.Random) -> str:
    """The same U.S. number written another way (for shared-phone rings)."""
    digits = "".join(char for char in phone if char.isdigit())[-10:]
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    return rng.choice((f"+1{digits}", f"{area}-{exchange}-{line}", f"({area}) {exchange}-{line}"))


def ssn(rng: random.Random) -> str:
    """A structurally valid SSN: area 001-899 but not 666, group 01-99, serial 0001-9999."""
    area = rng.randint(1, 898)
    area = 899 if area == 666 else area
    number = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    return f"{number[:3]}-{number[3:5]}-{number[5:]}" if rng.random() < 0.7 else number


def passport_number(rng: random.Random, country: str) -> str:
    letters = "ABCEHKMPTX"
    if country in {"UA", "RU"}:
        return f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(100000, 999999)}"
    return f"{rng.choice(letters)}{rng.randint(1000000, 99999999)}"


def ip_address(rng: random.Random) -> str:
    """A public-looking IPv4 address from ranges that consumer ISPs use."""
    first = rng.choice((24, 47, 67, 73, 98, 108, 186, 190, 201))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
