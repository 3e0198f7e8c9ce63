"""Thai text in pages breaks between words only (#9 item 10; common/linebreaks.py)."""

from __future__ import annotations

from django.template import Context, Template

from kizuna.common.linebreaks import thai_units, thai_wrap_html


def test_a_thai_text_is_cut_into_its_words():
    assert thai_units("การสั่นสะเทือน") == ["การ", "สั่นสะเทือน"]


def test_syllables_of_an_unknown_name_stay_together():
    assert thai_units("โคจิมะ") == ["โคจิมะ"]


def test_html_gets_unbreakable_words_with_break_points_between_them():
    assert thai_wrap_html("<p>การสั่นสะเทือน</p>") == (
        '<p><span class="tw">การ</span><wbr><span class="tw">สั่นสะเทือน</span></p>')
    assert thai_wrap_html("<h1>โคจิมะ</h1>") == '<h1><span class="tw">โคจิมะ</span></h1>'


def test_known_words_latin_text_attributes_and_raw_elements_are_left_alone():
    html = ('<a title="การสั่นสะเทือน">14 สิงหาคม 2561 Kojima</a><option>การสั่นสะเทือน</option>'
            '<textarea>การสั่นสะเทือน</textarea><script>"การสั่นสะเทือน"</script>')
    assert thai_wrap_html(html) == html


def test_block_tag_and_filter_escape_what_they_are_given():
    out = Template("{% load kizuna %}{% thai_words %}<b>{{ v }}</b>{% endthai_words %}|{{ v|thai_words }}").render(
        Context({"v": "<i>การสั่นสะเทือน</i>"}))
    wrapped = '&lt;i&gt;<span class="tw">การ</span><wbr><span class="tw">สั่นสะเทือน</span>&lt;/i&gt;'
    assert out == f"<b>{wrapped}</b>|{wrapped}"
