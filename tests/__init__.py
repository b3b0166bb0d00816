"""The test suite: every step, page, notebook, translation and built page of the site."""
