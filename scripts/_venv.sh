# Sourced by scripts/run and scripts/test: make sure .venv exists with what this checkout needs.
# Reinstalls when pyproject.toml is newer than the last install, so a `git pull` is picked up.
ensure_venv() {
  local extra="$1" stamp=".venv/.installed-$1"
  if [ ! -x .venv/bin/python ]; then
    "${PYTHON:-python3}" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    if [ "$extra" = "dev" ]; then
      .venv/bin/python -m pip install --quiet -e '.[dev]'
    else
      .venv/bin/python -m pip install --quiet -e .
    fi
    touch "$stamp"
  fi
}
