# Thin front door: make the virtual environment, install, then call the CLI.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORES  ?= 2
# test files run side by side on this many workers (pytest-xdist; one file stays on one worker, so its
# module fixtures are built once)
TEST_WORKERS ?= 2
# Playwright drives the system Chromium (scripts/install-browser.sh); it never downloads a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: all build test test-browser test-cluster lab clean list install install-slurm

all: $(STAMP)
	@$(BIN)/ai-industry build --cores $(CORES)

build: all

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name ai-industry --display-name "ai-industry (.venv)" >/dev/null
	@if [ -d .git ]; then $(BIN)/nbstripout --install --attributes .gitattributes >/dev/null 2>&1 || true; fi
	@touch $(STAMP)

# The browser tests (tests/browser/) need Debian's Chromium: scripts/install-browser.sh (root) installs it;
# the cluster test (make test-cluster) a single-node Slurm, which it starts itself.
test: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not cluster" -n $(TEST_WORKERS) --dist loadfile

test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser

# A sweep through a real Slurm: the test starts a single-node Slurm with scripts/slurm-single-node.sh (root;
# installs Debian's slurm-wlm and munge) and compares its tables with the same sweep run here.
test-cluster: install-slurm
	$(BIN)/python -m pytest -m cluster

# Snakemake's Slurm executor plugins (pyproject's extra `slurm`), for `ai-industry sweep --executor slurm`. Not in
# `install`: Snakemake imports every installed executor plugin on start, and the Slurm one then waits 9-10 s for
# `scontrol show config` wherever Slurm's commands exist but no controller answers.
install-slurm: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,slurm]'

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

list: $(STAMP)
	@$(BIN)/ai-industry list

clean: $(STAMP)
	@$(BIN)/ai-industry clean
