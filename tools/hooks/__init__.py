"""MkDocs hooks, one concern each; mkdocs.yml lists them in the order they must run."""
