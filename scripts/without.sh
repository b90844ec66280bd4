#!/usr/bin/env bash
# Run a command on a PATH from which some programs are gone, as on a machine
# that never had them:  scripts/without.sh dot chromium -- make test
#
# Every folder of PATH is mirrored as a folder of symbolic links that lacks
# the named programs (and, for "dot", the other Graphviz layout programs).
set -euo pipefail
hide=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    dot) hide+=(dot neato fdp sfdp circo twopi osage patchwork) ;;
    *) hide+=("$1") ;;
  esac
  shift
done
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: $0 PROGRAM... -- COMMAND..." >&2; exit 2; }

farm=$(mktemp -d)
trap 'rm -rf "$farm"' EXIT
newpath=()
i=0
IFS=: read -r -a dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  i=$((i + 1))
  mkdir "$farm/$i"
  for entry in "$dir"/*; do
    name=$(basename "$entry")
    skip=no
    for h in "${hide[@]}"; do [ "$name" = "$h" ] && skip=yes; done
    [ $skip = yes ] || ln -s "$entry" "$farm/$i/$name" 2>/dev/null || true
  done
  newpath+=("$farm/$i")
done
PATH=$(IFS=:; echo "${newpath[*]}")
export PATH
for h in "${hide[@]}"; do
  if command -v "$h" >/dev/null 2>&1; then echo "$0: could not hide $h" >&2; exit 2; fi
done
"$@"
