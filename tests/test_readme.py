"""The README's library example is a real run: its `>>>` lines are executed and their printed
output compared (whitespace-insensitive), so the README cannot drift from what the code does."""
from __future__ import annotations

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
    # only what the README's library block above imports: the example runs verbatim after it
    test = doctest.DocTestParser().get_doctest(text, {"clean": cleaner.clean}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda s: print(s, end=""))
    assert runner.failures == 0, f"{runner.failures} README example(s) differ from the real output"


def test_dask_examples_name_one_scheduler_address():
    """docs/integrations.md: the Python example connects to the scheduler the shell example starts."""
    text = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    section = text.split("## Dask cluster", 1)[1].split("\n## ", 1)[0]
    code = "\n".join(re.findall(r"```\w*\n(.*?)```", section, re.S))
    addresses = set(re.findall(r"tcp://[\w.]+:\d+", code))
    assert addresses == {"tcp://127.0.0.1:8786"}, addresses
