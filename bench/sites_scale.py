"""The first pass (site templates) at scale: memory and time on synthetic sites.

    python -m bench.sites_scale [--pages 100000] [--sites 50] [--clean-sample 300]

Synthetic text dumps: each site has its menu, footer and house lines, and each page its own
headline and paragraphs. The pages arrive interleaved across sites (the worst order for a
per-site sample). The first pass runs as `clean` runs it in its main process plus one worker
(split the page into lines, hash them, count them in a `SiteModel`); the process's resident
memory (now and peak) is printed at checkpoints, and the pass's time per page is compared with
`clean()` with the learned template on a sample of pages.
"""
from __future__ import annotations

import argparse
import random
import sys
import resource
from time import perf_counter
from typing import Optional, Sequence

LINES_PER_PAGE = 30
TEMPLATE_LINES = 12
WORDS = ("council river bridge market school harbour museum railway library orchard theatre stadium "
         "hospital airport mayor budget plan vote week spring summer night morning station road").split()


def page(site: int, i: int) -> str:
    """One synthetic page of `site`: the site's menu and footer around an article of its own."""
    rng = random.Random(site * 1_000_003 + i)
    menu = [f"Site {_name(site)} section {_name(j)}" for j in range(TEMPLATE_LINES // 2)]
    footer = [f"About the {_name(site)} newsroom and its {WORDS[j]} desk" for j in range(TEMPLATE_LINES // 2)]
    body = [" ".join(rng.choice(WORDS) for _ in range(25)).capitalize() + "."
            for _ in range(LINES_PER_PAGE - TEMPLATE_LINES)]
    return "\n".join(menu + [f"Headline {_name(i)} of {_name(site)}"] + body + footer)


def _resident_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def _name(n: int) -> str:
    return "".join("abcdefghij"[int(d)] for d in str(n))


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.sites_scale", description=__doc__.split("\n")[0])
    p.add_argument("--pages", type=int, default=100_000)
    p.add_argument("--sites", type=int, default=50)
    p.add_argument("--clean-sample", type=int, default=300, help="pages cleaned to time clean() (default 300)")
    return p.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    from cleaner import clean
    from cleaner.sites import SiteModel, page_keys, site_of
    from cleaner.sites.units import page_units

    args = parse_args(argv)
    checkpoints = {args.pages // 10, args.pages // 4, args.pages // 2, 3 * args.pages // 4, args.pages}
    model = SiteModel("host")
    start = perf_counter()
    print("| pages | first pass s | µs/page | resident MB | peak resident MB |\n|---|---|---|---|---|")
    for n in range(1, args.pages + 1):
        site, i = n % args.sites, n // args.sites
        raw = page(site, i)
        model.add_keys(site_of(f"https://s{_name(site)}.example/{i}"), page_keys(page_units(raw, "text")))
        if n in checkpoints:
            took = perf_counter() - start
            print(f"| {n:,} | {took:.1f} | {took / n * 1e6:.0f} | {_resident_mb():.1f} | "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6:.1f} |", flush=True)
    learn_per_page = (perf_counter() - start) / args.pages
    model.finish()
    t0 = perf_counter()
    for n in range(args.clean_sample):
        site, i = n % args.sites, n // args.sites
        clean(page(site, i), url=f"https://s{_name(site)}.example/{i}", site_model=model)
    clean_per_page = (perf_counter() - t0) / args.clean_sample
    print(f"\nsites with a template: {len(model)}; first pass {learn_per_page * 1e3:.2f} ms/page , "
          f"clean() {clean_per_page * 1e3:.2f} ms/page: the first pass adds "
          f"{learn_per_page / clean_per_page:.0%} to a run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
