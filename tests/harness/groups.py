"""Tests that share something costly (the Milvus server, a Chromium) keep to xdist groups, so
that one worker starts it: a test outside them would start another."""
from collections.abc import Callable

import pytest


def refuse_outside(item, uses: str, belongs: Callable[[str], bool], wanted: str):
    """Fail `item`, which uses `uses`, unless it is in exactly one xdist group and `belongs`
    accepts it; `wanted` names where it should be."""
    groups = sorted(m.args[0] for m in item.iter_markers("xdist_group"))
    if len(groups) != 1 or not belongs(groups[0]):
        pytest.fail(f"{item.nodeid} uses {uses} but is in xdist group(s) {groups}, not {wanted}", pytrace=False)
