"""Scripts that produce the evidence a page cites (data files the tests check the page against)."""
