"""Name normalisation: romanisation schemes, scripts, particles and nickname groups."""

import pytest

from lifeline.integrity.normalise.names import given_name_groups, name_keys, romanise


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Юрій", "Yurii"),
        ("Yurii", "Yuriy"),
        ("Iurii", "Jurij"),
        ("Сергій", "Serhiy"),
        ("Щербина", "Shcherbyna"),
        ("Хмельницький", "Khmelnytskyi"),
        ("Євген", "Ievgen"),
        ("Yevhen", "Evgen"),
        ("García López", "Garcia-Lopez"),
        ("Müller", "Muller"),
        ("Núñez", "NUNEZ"),
    ],
)
def test_romanisation_variants_share_one_folded_key(left, right):
    assert name_keys(left).key == name_keys(right).key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("محمد", "Mohammed"),
        ("Muhammad", "Mohamed"),
        ("فاطمة", "Fatima"),
        ("عبد الرحمن", "Abdel Rahman"),
    ],
)
def test_arabic_script_and_latin_spellings_share_a_consonant_skeleton(left, right):
    assert name_keys(left).skeleton == name_keys(right).skeleton


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Bob", "Robert"),
        ("Sasha", "Oleksandr"),
        ("Aleksandr", "Олександр"),
        ("Pepe", "José"),
        ("Tanya", "Tetiana"),
    ],
)
def test_nicknames_and_cross_language_forms_share_a_group(left, right):
    assert set(given_name_groups(left)) & set(given_name_groups(right))


@pytest.mark.parametrize(("left", "right"), [("Olena", "Oleksandr"), ("Maria", "Mario")])
def test_different_names_do_not_share_a_group(left, right):
    assert not set(given_name_groups(left)) & set(given_name_groups(right))


def test_ukrainian_text_uses_the_national_scheme_and_russian_text_icao():
    assert romanise("Юрій Євгенович") == "yurii yevhenovych"
    assert romanise("Юрий") == "iurii"


def test_particles_are_dropped_from_surname_tokens():
    assert name_keys("de la Cruz").tokens == ("cruz",)
    assert name_keys("Al-Hassan").tokens == name_keys("Hassan").tokens


def test_spanish_double_surname_keeps_both_tokens():
    assert len(name_keys("Gómez Rivera").tokens) == 2


@pytest.mark.parametrize("raw", [None, "", "   ", "---"])
def test_blank_names_have_no_keys(raw):
    assert name_keys(raw) is None


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Schewtschenko", "Shevchenko"),
        ("Szewczenko", "Shevchenko"),
        ("Chevtchenko", "Shevchenko"),
        ("Ševčenko", "Шевченко"),
        ("Chmielnicki", "Khmelnytskyi"),
        ("Kusnezow", "Kuznetsov"),
        ("Fāṭimah", "Fatima"),
        ("ʻAbd al-Raḥmān", "Abdulrahman"),  # noqa: RUF001 - the ALA-LC ayn mark
    ],
)
def test_german_polish_french_and_arabic_spellings_share_a_reading(left, right):
    assert set(name_keys(left).readings) & set(name_keys(right).readings)


@pytest.mark.parametrize(("left", "right"), [("Chevtchenko", "Charles"), ("Olena", "Oksana")])
def test_different_names_share_no_reading(left, right):
    assert not set(name_keys(left).readings) & set(name_keys(right).readings)
