"""Speed measurements: each prints numbers; none is part of the tests."""
