# Shared by the bench scripts (sourced, not run).

# The median of the numbers given as arguments (the mean of the middle two for an even count).
median() {
  printf '%s\n' "$@" | sort -g |
    awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# Every script takes --smoke as its first argument: one round at its smallest size, for
# scripts/bench-smoke.sh (CI), which checks that the script still prints its figure. Sets
# `smoke` to true or false and drops the flag from the arguments: `parse_smoke "$@"; set --
# "${args[@]}"`.
parse_smoke() {
  smoke=false
  args=("$@")
  if [ "${1:-}" = --smoke ]; then
    smoke=true
    args=("${@:2}")
  fi
}

# Fails, naming what was measured, when a measurement printed no number (a changed output format
# would otherwise end in a ratio of nothing, or a Python syntax error).
need_number() {  # label value
  if ! [[ $2 =~ ^[0-9]+([.][0-9]+)?$ ]]; then
    echo "bench: no number from $1 (got '$2'); has its output changed?" >&2
    exit 1
  fi
}
