"""Unit tests of tools/, one file per module, on small inputs."""
