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


def test_the_slurm_extra_is_pinned_alike_and_left_out_of_the_default_environments(repo):
    """The Slurm plugins are an extra (`make install-slurm`): environment.yml gives the same pins in its
    `# slurm: pip install …` line, and neither file installs them by default."""
    py = tomllib.loads((repo / "pyproject.toml").read_text())
    extra = dict(dep.lower().split("==") for dep in py["project"]["optional-dependencies"]["slurm"])
    text = (repo / "environment.yml").read_text()
    line = next(ln for ln in text.splitlines() if ln.startswith("# slurm: pip install "))
    assert dict(p.lower().split("==") for p in line.removeprefix("# slurm: pip install ").split()) == extra
    default = " ".join(py["project"]["dependencies"] + py["project"]["optional-dependencies"]["test"]).lower()
    uncommented = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#")).lower()
    for name in extra:
        assert name not in default and name not in uncommented, name
