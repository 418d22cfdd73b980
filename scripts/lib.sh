# Shared helpers for the scripts in this folder: paths, progress messages and timing.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
# shellcheck disable=SC2034 # used by the scripts that source this file
PY="$VENV/bin/python"

# Progress goes to stderr so that commands whose output is data stay clean; colour on a terminal.
if [[ -t 2 ]]; then
  _bold=$'\033[1m' _yellow=$'\033[33m' _red=$'\033[31m' _plain=$'\033[0m'
else
  _bold="" _yellow="" _red="" _plain=""
fi
log() { printf '%s==>%s %s\n' "$_bold" "$_plain" "$*" >&2; }
warn() { printf '%swarning:%s %s\n' "$_yellow" "$_plain" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$_red" "$_plain" "$*" >&2
  exit 1
}

# Seconds since the epoch, with a fraction, for step timings.
now_s() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.1fs", b - a }'; }
