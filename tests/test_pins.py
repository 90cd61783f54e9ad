"""environment.yml and pyproject.toml pin the same versions."""

import re
import tomllib

import yaml

CONDA_NAMES = {"igraph": "python-igraph"}


def test_environment_and_pyproject_pin_the_same_versions(repo):
    py = tomllib.loads((repo / "pyproject.toml").read_text())
    pins = {}
    for dep in py["project"]["dependencies"] + py["project"]["optional-dependencies"]["test"]:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([\w.]+)", dep)
        assert m, f"pyproject dependency {dep!r} is not pinned with =="
        pins[m.group(1).lower()] = m.group(2)
    env = yaml.safe_load((repo / "environment.yml").read_text())
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for p in dep["pip"]:
                name, ver = p.split("==")
                pip[name.lower()] = ver
        elif "=" in dep:
            name, ver = dep.split("=", 1)
            conda[name.lower()] = ver
    for name, ver in pins.items():
        key = CONDA_NAMES.get(name, name)
        got = conda.get(key, pip.get(name))
        assert got == ver, f"{name}: pyproject {ver}, environment.yml {got}"
    assert conda["python"] == "3.11"
