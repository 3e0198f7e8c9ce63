"""Places abroad in the reader's language: a Japanese mentor's region "Aichi" reads
愛知県 for a Japanese reader and ไอจิ for a Thai one, on the directory and the profile,
where the role walk found "Tokyo" and "Biên Hòa, Đồng Nai" inside Thai and Japanese
pages (#9 items 7 and 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kizuna.organisations.places import place_name


def test_a_prefecture_and_a_city_with_its_province_read_in_thai_and_japanese():
    assert place_name("Aichi", "ja") == "愛知県"
    assert place_name("Aichi", "th") == "ไอจิ"
    assert place_name("Tokyo", "ja") == "東京都"
    assert place_name("Biên Hòa, Đồng Nai", "ja") == "ビエンホア、ドンナイ省"
    assert place_name("Biên Hòa, Đồng Nai", "th") == "เบียนหว่า ด่งนาย"
    assert place_name("aichi prefecture", "ja") == "愛知県"


def test_english_readers_and_unknown_places_get_the_text_as_written():
    assert place_name("Aichi", "en") == "Aichi"
    assert place_name("Nowhere Town", "ja") == "Nowhere Town"
    assert place_name("", "th") == ""


@pytest.mark.django_db
@pytest.mark.parametrize("lang, shown, hidden", [("ja", "愛知県", "Aichi"), ("th", "ไอจิ", "Aichi"), ("en", "Aichi", "愛知県")])
def test_directory_and_profile_show_a_region_abroad_in_the_readers_language(client, user_factory, organisation_factory,
                                                                             lang, shown, hidden):
    org = organisation_factory(name="三河精工株式会社", name_en="Mikawa Seiko Co., Ltd.", country_id="JP",
                               region_text="Aichi")
    client.force_login(user_factory(language=lang))
    for url in (reverse("organisations:directory"), reverse("organisations:detail", args=[org.pk])):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert shown in html, url
        assert hidden not in html, url
