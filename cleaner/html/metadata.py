"""Metadata stage for HTML pages: title, description, date, authors, site from the parsed page.

One cheap pass gathers what the page declares about itself (<meta> tags, JSON-LD, <title>, the
<h1>s); each field is then chosen by a small named rule:

- title (`pick_title`): the visible <h1> that agrees with a declared title (og:title, JSON-LD
  headline, <title>), else the declared title without the site-name prefix/suffix;
- date (`pick_date`): the declared publication date (meta, JSON-LD, body microdata when
  unanimous), else a date in the URL, a dateline next to the headline, an element marked up as
  a date; 'Updated …' dates only when nothing else is found; never later than the page's own
  modification dates; YYYY-MM-DD or None;
- authors (`pick_authors`): declared names, else the byline near the headline, split and
  cleaned (no "By", roles, credentials, e-mails, URLs, dates);
- site (`pick_site`): og:site_name, JSON-LD publisher/WebSite name, a <title> part naming the
  domain, the Twitter handle, the domain.

The rules live in facts/jsonld (gathering), titles, pagedates, nearby (walking around the
headline) and authors; this module picks description, URL and site and returns the fields.

Cost: a few ms per page (no tree copy, no htmldate search); the tree is never modified.
"""
from __future__ import annotations

from typing import Optional

from lxml.etree import XPath

from .facts import PageFacts, gather_facts, ld_of
from .jsonld import ARTICLE_TYPES, PAGE_TYPES, ld_name, ld_types
from .authors import pick_authors
from .nearby import Headline
from .pagedates import pick_date
from .strings import host_of
from .titles import is_site_part, pick_title, site_names, split_title, twitter_site

# ---------------------------------------------------------------------------------------------
# description, url, site


def pick_description(facts: PageFacts) -> Optional[str]:
    found = facts.first("og:description", "description", "twitter:description", "dc.description")
    if not found:
        for item in ld_of(facts, ARTICLE_TYPES | PAGE_TYPES):
            found = ld_name(item.get("description"))
            if found:
                break
    return found or None


def pick_url(facts: PageFacts, url: Optional[str]) -> Optional[str]:
    """The canonical URL when the page declares an absolute one, else the URL given."""
    for href in facts.canonical:
        href = (href or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    og_url = facts.first("og:url")
    if og_url and og_url.startswith(("http://", "https://")):
        return og_url
    return url


def pick_site(facts: PageFacts, sites: list, host: str) -> Optional[str]:
    """Declared site name, else a <title> part that names the domain, else the Twitter handle
    (cut to the domain's name when it glues more to it), else the domain."""
    twitter = twitter_site(facts)
    declared = [site for site in sites if site != twitter]
    if declared:
        return declared[0]
    parts = split_title(facts.title_tag)
    if len(parts) > 1 and host:
        for part in (parts[-1], parts[0]):
            if is_site_part(part, [], host):
                return part
    return handle_site(twitter, host) or host or None


_MIN_LABEL_CHARS = 3


def handle_site(handle: Optional[str], host: str) -> Optional[str]:
    """A site name from a Twitter handle: the domain's name spelled as in the handle when the
    handle glues more to it ('LinkedInEditors' on linkedin.com -> 'LinkedIn'), else the handle."""
    key = (handle or "").lower()
    for label in host.split(".")[:-1]:
        start = key.find(label) if len(label) >= _MIN_LABEL_CHARS and key != label else -1
        if start >= 0:
            return handle[start:start + len(label)]
    return handle or None


PAGE_TYPE_LD = (  # (page type, JSON-LD @types that declare it), the first match wins
    ("product", {"product", "productgroup", "offer", "individualproduct", "car", "vehicle"}),
    ("forum", {"discussionforumposting", "qapage", "question", "socialmediaposting"}),
    ("article", ARTICLE_TYPES),
    ("listing", {"collectionpage", "itemlist", "searchresultspage", "profilepage"}),
    ("page", {"webpage", "aboutpage", "faqpage", "contactpage", "itempage"}),
)
PAGE_TYPE_OG = {"article": "article", "product": "product", "og:product": "product", "profile": "listing",
                "website": "page"}


def pick_page_type(facts: PageFacts) -> Optional[str]:
    """What the page says it is (one of page.PAGE_TYPE_NAMES) from its JSON-LD types, else its og:type;
    None when it says nothing. A feature of the body decision, not a field of the result."""
    types = set().union(*(ld_types(item) for item in facts.ld_items)) if facts.ld_items else set()
    for name, declared in PAGE_TYPE_LD:
        if types & declared:
            return name
    og = (facts.first("og:type") or "").strip().lower()
    return PAGE_TYPE_OG.get(og)


DISCUSSION_TYPE = "discussionforumposting"


def is_discussion(tree, facts: PageFacts) -> bool:
    """The page declares itself a discussion thread (a schema.org DiscussionForumPosting, in
    JSON-LD or microdata): its posts are the content, not readers' comments under an article."""
    if any(DISCUSSION_TYPE in ld_types(item) for item in facts.ld_items):
        return True
    # the values alone, tested here: an XPath predicate with translate() on every element took longer
    return any(DISCUSSION_TYPE in value.translate(_DFP_LOWER) for value in _ITEMTYPES(tree))


_ITEMTYPES = XPath("//@itemtype", smart_strings=False)
_DFP_LOWER = str.maketrans("DFP", "dfp")  # 'DiscussionForumPosting' in any case of its initials


# ---------------------------------------------------------------------------------------------
# entry point


def html_metadata(tree, url: Optional[str] = None, discussion: bool = True) -> dict:
    """Return {'title','description','date','date_source','authors','site','url','page_type',
    'discussion'} for a parsed lxml.html tree ('date_source': 'page' or 'url', None without a
    date; 'page_type': see pick_page_type; 'discussion': see is_discussion, None when
    `discussion` is False: the single-view path does not use it, and the microdata look-up walks
    the whole tree)."""
    facts = gather_facts(tree)
    page_url = pick_url(facts, url)
    host = host_of(url) or host_of(page_url)
    sites = site_names(facts)
    title, anchor = pick_title(facts, sites, host)
    if anchor is None and facts.h1s:
        anchor = facts.h1s[0][1]
    headline = Headline(anchor)
    day, day_source = pick_date(tree, facts, page_url, headline)
    return {
        "title": title,
        "description": pick_description(facts),
        "date": day,
        "date_source": day_source,
        "authors": pick_authors(headline, facts, sites, host),
        "site": pick_site(facts, sites, host),
        "url": page_url,
        "page_type": pick_page_type(facts),
        "discussion": is_discussion(tree, facts) if discussion else None,
    }

