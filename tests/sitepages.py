"""Synthetic crawls for the site-template tests: pages of one site share a template (a menu and
a body-like house blurb right after every article) around articles of their own."""
from __future__ import annotations

TOPICS = ["harbour", "library", "orchard", "railway", "museum", "bridge", "market", "school",
          "theatre", "stadium", "hospital", "airport"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WHAT = ["more money", "a new roof", "another survey", "better access", "a second architect"]
BLURB = ("The Valley Courier is an independent newsroom that has covered the towns of the valley "
         "and their councils since 1998, funded by its readers.")


def article(topic: str, n: int = 4) -> list:
    """An article's paragraphs about `topic` (distinct wording for every topic)."""
    return [f"The new {topic} plan was discussed at length on {DAYS[i % 7]} evening, and the council "
            f"members agreed that the {topic} needs {WHAT[i % 5]} before it opens."
            for i in range(n)]


def dump(topic: str, blurb: str = BLURB, menu=("Home", "News", "Sport", "Weather", "Contact")) -> str:
    """A text dump: menu lines, the headline, the article, the house blurb, a footer line."""
    head = f"Council debates the future of the {topic}"
    lines = list(menu) + [head] + article(topic) + [blurb, "Valley Courier Media Group"]
    return "\n".join(lines) + "\n"


def html(topic: str, blurb: str = BLURB) -> str:
    """The same page as HTML."""
    paras = "".join(f"<p>{p}</p>" for p in article(topic))
    return (f"<html><head><title>Council debates the future of the {topic}</title></head><body>"
            "<ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul>"
            f"<h1>Council debates the future of the {topic}</h1>{paras}<p>{blurb}</p>"
            "<div>Valley Courier Media Group</div></body></html>")


def crawl(n: int = 8, host: str = "courier.example", fmt: str = "text") -> list:
    """(raw, url) pairs: n pages of one site."""
    make = dump if fmt == "text" else html
    return [(make(TOPICS[i]), f"https://{host}/news/{TOPICS[i]}.html") for i in range(n)]
