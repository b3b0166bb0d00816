"""The pages' code: every step, complete script, notebook and code block runs or is checked."""
