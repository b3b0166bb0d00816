"""Tests that share something costly (the Milvus server, a Chromium) keep to xdist groups, so
that one worker starts it: a test outside them would start another."""
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest


def refuse_outside(item, uses: str, belongs: Callable[[str], bool], wanted: str):
    """Fail `item`, which uses `uses`, unless it is in exactly one xdist group (named once or
    more) and `belongs` accepts it; `wanted` names where it should be."""
    groups = sorted({m.args[0] for m in item.iter_markers("xdist_group")})
    if len(groups) != 1 or not belongs(groups[0]):
        pytest.fail(f"{item.nodeid} uses {uses} but is in xdist group(s) {groups}, not {wanted}", pytrace=False)


@dataclass
class Collected:
    """A collected test as the group checks and orderings see it, for planting wrong ones."""
    nodeid: str
    groups: list[str] = field(default_factory=list)
    fixturenames: tuple = ()
    lang: str | None = None     # its `lang` parameter

    def iter_markers(self, name):
        assert name == "xdist_group"
        return [pytest.mark.xdist_group(group).mark for group in self.groups]

    @property
    def callspec(self):
        if self.lang is None:
            raise AttributeError("callspec")
        return type("CallSpec", (), {"params": {"lang": self.lang}})
