# numoxide: the two commands a newcomer needs are `make demo` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.deps

.PHONY: demo test build build-release rust-test py-test bench lint clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet "maturin>=1.7,<2" "numpy>=2.4" pytest hypothesis ruff
	touch $(STAMP)

## The release extension, installed into .venv (what the demo and benchmarks use).
build-release: $(STAMP)
	$(VENV)/bin/maturin develop --release --quiet

## A debug-profile extension (dependencies optimized): quick to build, for tests.
build: $(STAMP)
	$(VENV)/bin/maturin develop --quiet

demo: build-release
	$(PY) examples/tour.py

rust-test:
	cargo test --workspace --quiet

# NumPy's OpenBLAS picks its kernels for this CPU, as on a user's machine: an inherited
# OPENBLAS_CORETYPE would change the last bits of NumPy's multivariate_normal, our oracle.
py-test: build
	env -u OPENBLAS_CORETYPE $(PY) -m pytest -q tests

test: rust-test py-test

bench: build-release
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(PY) bench/compare.py

lint: $(STAMP)
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	$(VENV)/bin/ruff check python tests bench examples

clean:
	cargo clean
	rm -rf $(VENV)
