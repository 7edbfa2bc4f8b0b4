"""Site templates: what recurs on many pages of one site (menus, footers, cookie and newsletter
text, "most read" lists), learned across a crawl and taken out of each page's body.

    model = SiteModel.learn((raw, url) for raw, url in pages)   # or add() page by page, then finish()
    result = cleaner.clean(raw, url=url, site_model=model)

`model.py` learns and stores the per-site counts, `units.py` splits a page the way the cleaner
does, `apply.py` is the rule that takes template lines out of a decided page.
"""
from .apply import TEMPLATE, apply_to_blocks, apply_to_lines, template_drops
from .model import (K, MAX_KEYS_PER_PAGE, MAX_PAGES_PER_SITE, MIN_PAGES, SITE_KEYS, SiteModel, Template,
                    line_key, normalise, page_keys, resolve, site_of)

__all__ = ["SiteModel", "Template", "TEMPLATE", "K", "MIN_PAGES", "MAX_PAGES_PER_SITE", "MAX_KEYS_PER_PAGE",
           "SITE_KEYS", "apply_to_blocks", "apply_to_lines", "template_drops", "line_key", "normalise", "page_keys",
           "resolve", "site_of"]
