"""The README's library example is a real run: its `>>>` lines are executed and their printed
output compared (whitespace-insensitive), so the README cannot drift from what the code does."""
from __future__ import annotations

import collections
import doctest
import re
from pathlib import Path

import cleaner

ROOT = Path(__file__).resolve().parent.parent


def _examples() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    return "\n".join(block for block in blocks if ">>> " in block)


def test_readme_example_output_is_what_clean_returns(monkeypatch):
    text = _examples()
    assert text.count(">>> ") >= 4
    monkeypatch.chdir(ROOT)
    test = doctest.DocTestParser().get_doctest(
        text, {"clean": cleaner.clean, "collections": collections}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda s: print(s, end=""))
    assert runner.failures == 0, f"{runner.failures} README example(s) differ from the real output"
