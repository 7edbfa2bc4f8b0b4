"""SiteModel: what it learns, that it never depends on input order, its cap, and that no site's
pages change what another site's template holds."""
from __future__ import annotations

import json
import random

import pytest

import sitepages as S
from cleaner.sites import model as M
from cleaner.sites import K, MIN_PAGES, SiteModel, line_key, site_of


def word(i: int) -> str:
    """A distinct word for each number (digits are normalised away in line keys)."""
    return "".join("abcdefghij"[int(d)] for d in str(i)) + "x"


def learn_units(pages_by_site: dict) -> SiteModel:
    model = SiteModel()
    for site, pages in pages_by_site.items():
        for lines in pages:
            model.add_units(site, lines)
    return model.finish()


def test_learns_the_lines_a_site_repeats_and_not_its_articles():
    model = SiteModel.learn(S.crawl(8))
    template = model.template("https://courier.example/anything")
    assert template is not None and template.pages == 8
    assert S.BLURB in template and "Sport" in template and "Valley Courier Media Group" in template
    assert not any(p in template for p in S.article("harbour"))
    assert "Council debates the future of the harbour" not in template


def test_a_line_is_template_from_k_other_pages_on():
    unique = [[f"article line {t} of its own"] for t in S.TOPICS[:MIN_PAGES + 3]]
    shared_k_plus_1 = [u + ["on k+1 pages"] if i <= K else u for i, u in enumerate(unique)]
    shared_k = [u + ["on k pages"] if i < K else u for i, u in enumerate(shared_k_plus_1)]
    t = learn_units({"host:a": shared_k}).templates["host:a"]
    assert "on k+1 pages" in t and "on k pages" not in t


def test_sites_below_min_pages_get_no_template():
    model = SiteModel.learn(S.crawl(MIN_PAGES - 1))
    assert model.template("https://courier.example/x") is None and len(model) == 0
    assert SiteModel.learn(S.crawl(MIN_PAGES)).template("https://courier.example/x") is not None


def test_identical_copies_of_a_page_count_once():
    raw, url = S.crawl(1)[0]
    model = SiteModel.learn([(raw, url)] * (MIN_PAGES + 3))
    assert len(model) == 0  # one distinct page: no template, nothing of it removed anywhere


def test_lines_match_across_case_spacing_and_unicode_forms_not_numbers():
    assert line_key("Sign up for our  NEWSLETTER") == line_key("sign up for our newsletter")
    assert line_key("Ｆｕｌｌ width") == line_key("full width")  # NFKC
    assert line_key("Share this") != line_key("Share that")
    # a dateline or a comment count is the page's own: it differs in its numbers
    assert line_key("January 12, 2008 08:57am") != line_key("January 14, 2008 12:00am")
    assert line_key("•") is None  # too short to say anything


def test_learning_does_not_depend_on_input_order(tmp_path):
    pages = S.crawl(10) + S.crawl(6, host="other.example") + S.crawl(7, fmt="html", host="third.example")
    first = SiteModel.learn(pages)
    shuffled = list(pages)
    random.Random(7).shuffle(shuffled)
    second = SiteModel.learn(shuffled)
    first.save(tmp_path / "a.json")
    second.save(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert len(first) == 3


def test_the_per_site_cap_keeps_the_same_sample_whatever_the_order(monkeypatch):
    monkeypatch.setattr(M, "MAX_PAGES_PER_SITE", 6)
    pages = [[f"unique {word(i)} line", "menu", f"pair {word(i // 2)}"] for i in range(40)]
    orders = [list(pages), list(reversed(pages))]
    random.Random(3).shuffle(orders[1])
    models = [learn_units({"host:a": o}).to_dict() for o in orders]
    assert models[0] == models[1]
    site = models[0]["sites"]["host:a"]
    assert site["pages"] == 6  # learned from the capped sample
    assert site["lines"] == [format(line_key("menu"), "016x")]


def test_a_line_on_many_sites_is_never_template_where_it_does_not_recur():
    wire = "The central bank raised its main interest rate by a quarter point on Thursday, citing inflation."
    crawl = {f"host:site{i}.example": [[f"site {word(i)} menu", wire]] for i in range(30)}  # one page each
    crawl["host:home.example"] = [["home menu", f"home story {t}"] + ([wire] if t == "harbour" else [])
                                  for t in S.TOPICS[:8]]
    model = learn_units(crawl)
    assert list(model.templates) == ["host:home.example"]
    assert wire not in model.templates["host:home.example"]


def test_a_hostile_site_cannot_make_another_sites_lines_template():
    victim = [[f"story {t} paragraph", "victim menu"] for t in S.TOPICS[:6]]
    hostile = [[f"story {t} paragraph" for t in S.TOPICS[:6]] + [f"spam {word(i)}"] for i in range(50)]
    model = learn_units({"host:victim.example": victim, "host:hostile.example": hostile})
    victim_t = model.templates["host:victim.example"]
    assert "victim menu" in victim_t
    assert not any(f"story {t} paragraph" in victim_t for t in S.TOPICS[:6])


def test_site_keys():
    assert site_of("https://www.Example.com/a/b") == "host:example.com"
    assert site_of("https://news.example.com/a") == "host:news.example.com"
    assert site_of(None, "/crawl/site/a.html") == "dir:/crawl/site"
    assert site_of("https://example.com/a", "/crawl/site/a.html", "dir") == "dir:/crawl/site"
    assert site_of("https://example.com/a", "/crawl/a.html", "none") is None
    assert site_of(None, None) is None
    with pytest.raises(ValueError, match="site_key must be one of host, dir, none"):
        SiteModel("domain")


def test_save_and_load(tmp_path):
    model = SiteModel.learn(S.crawl(8))
    path = tmp_path / "sites.json"
    model.save(path)
    data = json.loads(path.read_text())
    assert data["k"] == K and data["min_pages"] == MIN_PAGES and list(data["sites"]) == ["host:courier.example"]
    again = SiteModel.load(path)
    assert again.to_dict() == model.to_dict()
    assert S.BLURB in again.template("https://courier.example/")


def test_a_file_that_is_not_a_model_is_refused_naming_it(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "something else"}')
    with pytest.raises(ValueError, match="bad.json: not a readable site model"):
        SiteModel.load(bad)
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="bad.json"):
        SiteModel.load(bad)


def test_learn_skips_pages_that_cannot_be_read():
    pages = S.crawl(MIN_PAGES) + [(b"\x00\x01\x02" * 100, "https://courier.example/bin")]
    assert SiteModel.learn(pages).template("https://courier.example/").pages == MIN_PAGES
