"""tools/benchmark_report.py: the chart speaks the reader's number format, like the tables."""
import base64
import re

import pytest

from tools import benchmark_report, generated

DATA = benchmark_report.load(sorted(generated.RESULTS.glob("concurrency-*.json"))[0])


def _texts(lang: str) -> list[str]:
    svg = base64.b64decode(benchmark_report.chart(DATA, lang)).decode("utf-8")
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


@pytest.mark.parametrize("lang, decimal", [("en", "."), ("pt", ","), ("fr", ",")])
def test_every_number_on_the_chart_uses_the_languages_decimal_sign(lang, decimal):
    numbers = [t for t in _texts(lang) if re.fullmatch(r"[\d.,]+( s)?", t)]
    assert len(numbers) > 6, f"no axis ticks or bar labels found: {_texts(lang)}"
    other = "," if decimal == "." else "."
    assert not [n for n in numbers if other in n and decimal not in n], f"{lang}: {numbers}"
