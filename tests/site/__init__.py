"""The built site: pages, links, search indexes, languages and the notebook cache."""
