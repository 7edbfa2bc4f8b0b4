"""clean(..., site_model=...): the template only takes text out, names it, and leaves pages of
sites it knows nothing about exactly as they were."""
from __future__ import annotations

import pytest

import sitepages as S
from cleaner import InputError, clean
from cleaner.sites import MIN_PAGES, TEMPLATE, SiteModel, Template, line_key, template_drops
from cleaner.text.lines import split_lines


def kept_lines(result) -> list:
    return [p for p in result.text.split("\n\n") if p]


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_the_sites_blurb_goes_with_reason_template_and_nothing_is_added(fmt):
    pages = S.crawl(8, fmt=fmt)
    model = SiteModel.learn(pages)
    raw, url = pages[0]
    plain, templated = clean(raw, url=url), clean(raw, url=url, site_model=model)
    assert S.BLURB in plain.text and S.BLURB not in templated.text
    assert (S.BLURB, TEMPLATE) in templated.removed
    assert kept_lines(templated) == [p for p in kept_lines(plain) if (p, TEMPLATE) not in templated.removed]
    assert kept_lines(templated) == S.article("harbour")
    assert templated.title == plain.title


def test_explain_lists_template_lines_in_page_order():
    pages = S.crawl(8)
    removed = clean(*pages[1], site_model=SiteModel.learn(pages)).to_dict(explain=True)["removed"]
    reasons = [r["reason"] for r in removed]
    assert reasons.index(TEMPLATE) > reasons.index("metadata")  # the headline comes first


def test_a_page_of_a_site_below_min_pages_is_byte_identical():
    small = S.crawl(MIN_PAGES - 1, host="small.example")
    model = SiteModel.learn(small + S.crawl(8))
    for raw, url in small:
        assert clean(raw, url=url, site_model=model).to_dict(explain=True) == clean(raw, url=url).to_dict(explain=True)


def test_a_page_of_an_unknown_site_or_without_url_is_untouched():
    model = SiteModel.learn(S.crawl(8))
    raw = S.dump("harbour")
    assert clean(raw, site_model=model).to_dict(explain=True) == clean(raw).to_dict(explain=True)
    assert clean(raw, url="https://elsewhere.example/", site_model=model).text == clean(raw).text


def test_a_template_can_be_passed_directly():
    pages = S.crawl(8)
    template = SiteModel.learn(pages).template(pages[0][1])
    assert isinstance(template, Template)
    assert S.BLURB not in clean(pages[0][0], site_model=template).text


def test_a_wrong_site_model_is_an_input_error():
    with pytest.raises(InputError, match="site_model must be a SiteModel or a Template, not dict"):
        clean("Some text.", site_model={})


def lines_of(texts):
    lines = split_lines("\n".join(texts))
    return lines, [True] * len(lines)


def template_of(*texts) -> Template:
    return Template("host:t", 10, frozenset(line_key(t) for t in texts))


def test_a_body_like_paragraph_inside_running_prose_stays_even_if_other_pages_show_it():
    paras = S.article("harbour", 5)
    lines, kept = lines_of(paras[:2] + ["Advertisement"] + paras[2:])
    drops = template_drops(lines, kept, template_of(paras[3], "Advertisement"))
    assert [lines[i].text for i in drops] == ["Advertisement"]


def test_a_recurring_sentence_at_the_articles_edge_goes():
    paras = S.article("harbour", 4)
    form = "You must be logged in to post a comment on this story."
    lines, kept = lines_of(paras + [form])
    drops = template_drops(lines, kept, template_of(form))
    assert [lines[i].text for i in drops] == [form]


def test_the_pages_own_headline_is_never_template():
    head = "Council debates the future of the harbour"
    lines, kept = lines_of([head] + S.article("harbour"))
    assert template_drops(lines, kept, template_of(head), title=head + " | Valley Courier") == []
    assert template_drops(lines, kept, template_of(head), title=None) == [0]


def test_a_page_whose_every_paragraph_is_template_is_not_judged():
    lines, kept = lines_of(S.article("harbour"))
    assert template_drops(lines, kept, template_of(*S.article("harbour"))) == []
