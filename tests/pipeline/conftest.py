"""Fixtures shared by the pipeline tests."""

import pytest
from helpers import GEO_BUILD, cli, copy_project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the project with one chapter (geography, zh) built; each test module gets its own."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    proc = cli(root, *GEO_BUILD, check=True)
    return root, proc
