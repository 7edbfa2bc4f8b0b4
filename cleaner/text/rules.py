"""Stage: line rules. Each rule is a small named function that looks at one line and says whether
it is boilerplate of one kind; its reason label says which kind. Decisions that need the
surrounding lines live in `context.py`.

This module is the entry point (`from cleaner.text import rules`): it registers the rules in their
fixed order and re-exports the public names. Rules apply in registration order and the first that
fires wins, so the import order below is part of the behaviour:
- `rulebook.py`: reason labels, the `rule` decorator and registry (`RULES`), the rule sets
  (`TERMINATORS`, `ENDINGS`, `HTML_RULES`), `first_match` and `match_lines`;
- `rules_furniture.py`: fragments, cookie banners, legal lines, promos, teasers, comment forms, tags;
- `rules_labels.py`: captions and credits, wire slugs, menus, section labels, times, datelines, bylines.
"""
from __future__ import annotations

from .rulebook import (  # noqa: F401  (re-exported)
    BOILERPLATE, CAPTION, COMMENTS, COOKIE_BANNER, DUPLICATE, ENDINGS, FRAGMENT, HTML_RULES, LEGAL,
    METADATA, NAVIGATION, PROMO, REASONS, RULES, TEASER, TERMINATORS, Rule, first_match, match_lines,
    rule, shared_verdicts,
)
from .rules_furniture import (  # noqa: F401  (registers first)
    ad_label, affiliate_disclaimer, comment_form, comments_heading, cookie_notice, copyright_notice,
    liability_notice, newsletter_pitch, promo_line, push_prompt, read_also_link, related_heading,
    signup_call, social_buttons, stray_fragment, tag_list,
)
from .rules_labels import (  # noqa: F401  (registers second)
    BYLINE_START, breadcrumb, byline, dateline, glued_link_run, glued_section_label, photo_credit,
    timestamp, wire_slug,
)
