"""tools/benchmark_report.py: the charts speak the reader's number format, like the tables.

Read from the fragments the pages include, which tests/pages/test_generated.py holds to what
benchmark_report.chart() draws today (drawing them again here would double that time)."""
import base64
import re

import pytest

from tools import generated

CHART = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")


def _charts(lang: str) -> list[list[str]]:
    """The texts of each chart in the language's benchmark fragment."""
    page = next((page for page, in_lang, name in generated.fragments() if name == "concurrency" and in_lang == lang), None)
    assert page, f"no page includes the benchmark fragment in {lang}"
    fragment = generated.path(page.name, lang, "concurrency").read_text(encoding="utf-8")
    svgs = [base64.b64decode(data).decode("utf-8") for data in CHART.findall(fragment)]
    return [[re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]
            for svg in svgs]


@pytest.mark.parametrize("lang, decimal", [("en", "."), ("pt", ","), ("fr", ",")])
def test_every_number_on_the_chart_uses_the_languages_decimal_sign(lang, decimal):
    charts = _charts(lang)
    assert charts, f"{lang}: the benchmark fragment shows no chart"
    other = "," if decimal == "." else "."
    for texts in charts:
        numbers = [t for t in texts if re.fullmatch(r"[\d.,]+( s)?", t)]
        assert len(numbers) > 6, f"no axis ticks or bar labels found: {texts}"
        assert not [n for n in numbers if other in n and decimal not in n], f"{lang}: {numbers}"
