"""Applying a site's template to one decided page: it only ever takes kept lines/blocks out.

After the body decision, each kept unit (an HTML block, a text dump's body line) whose
normalised text is in the site's template is a candidate. The body's *core* runs from its first
to its last kept unit that reads as body text on its own (`context.is_good`) and is not
template. A candidate is dropped (reason `template`) unless it is protected:

- the page's own headline (other pages list it in their "related" boxes);
- a body-like paragraph inside running prose: within the core, with body-like, non-template
  kept units right before and after it (a paragraph other pages happen to quote).

So recurring units above or below the article (menus, author and newsletter boxes, "most read"
lists, comment-form sentences) go, and so do short recurring lines inside it ("Advertisement",
"Story highlights"). A page with no body-like unit outside the template is left as it is.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from ..text import context
from ..text.lines import Line
from .model import Template, normalise

TEMPLATE = "template"  # the reason label of a line the site's template took out


def template_drops(lines: Sequence[Line], kept: Sequence[bool], template: Template,
                   title: Optional[str] = None) -> List[int]:
    """Indices of the kept lines the template takes out (see the module docstring)."""
    stoplist = any(ln.n_stop for ln in lines)
    title_key = normalise(title) if title else ""
    order = [i for i, k in enumerate(kept) if k]
    recurring = {i for i in order if lines[i].text in template and not _is_own_title(lines[i], title_key)}
    good = {i for i in order if context.is_good(lines[i], stoplist)}
    core = [i for i in order if i in good and i not in recurring]
    if not core:
        return []  # nothing body-like stays: the template does not judge this page
    prose = set(core)
    drops = []
    for j, i in enumerate(order):
        if i in recurring and not _in_running_prose(order, j, good, prose, core[0], core[-1]):
            drops.append(i)
    return drops


def _in_running_prose(order: List[int], j: int, good: set, prose: set, first: int, last: int) -> bool:
    """The j-th kept unit is body-like, inside the core, between two body-like non-template units."""
    i = order[j]
    if i not in good or not first < i < last:
        return False
    return order[j - 1] in prose and order[j + 1] in prose


def _is_own_title(line: Line, title_key: str) -> bool:
    """The page's headline (its `<title>` often adds the site's name after it)."""
    if not title_key:
        return False
    key = normalise(line.text)
    return key == title_key or (len(key) >= 12 and title_key.startswith(key))


def apply_to_blocks(page, template: Optional[Template]) -> None:
    """Drop the template's blocks from a decided `Page` (keep False, reason `template`)."""
    if template is None or not template.keys:
        return
    blocks = page.blocks
    for i in template_drops([b.line for b in blocks], [b.keep for b in blocks], template, page.title):
        blocks[i].keep, blocks[i].reason = False, TEMPLATE


def apply_to_lines(lines: List[Line], template: Optional[Template], title: Optional[str] = None) -> None:
    """Drop the template's lines from a decided text dump (role '' and reason `template`)."""
    if template is None or not template.keys:
        return
    for i in template_drops(lines, [ln.role == "body" for ln in lines], template, title):
        lines[i].role, lines[i].reason = "", TEMPLATE
