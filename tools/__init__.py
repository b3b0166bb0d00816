"""Tools that build the site from pages, snippets and outputs (see CONTRIBUTING.md for the map)."""
