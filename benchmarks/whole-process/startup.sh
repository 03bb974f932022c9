#!/usr/bin/env bash
# Whole-process time of the short commands: the installed launcher (bin/refzarr: serial GC, C1 for the
# quick commands, class-data archive) against the same jars run with the JVM's defaults (what ./refzarr
# did before), in alternating runs; medians of wall s, CPU s (user + sys) and peak RSS MB.
#   benchmarks/whole-process/startup.sh [RUNS]      (after mvn package; corpus from ../shared/corpus)
# BASE=/other/refzarr-VERSION/bin/refzarr compares another installed distribution (say, one built from main
# in a second worktree) with this one, both through their launchers, instead of the JVM defaults.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
corpus="${CORPUS:-$(cd "$here/../shared/corpus" && pwd)}"
dist=("$here"/cli/target/refzarr-*/bin/refzarr)
bin="${dist[-1]}"
lib="$(dirname "$bin")/../lib"
jars=("$lib"/*.jar)
cp="$(IFS=:; echo "${jars[*]}")"
out="${OUT:-/tmp/refzarr-startup-bench}"
mkdir -p "$out"
days=("$corpus"/golden/series/day_00[1-5].json)
commands=(
  "version|--version"
  "info|info $corpus/golden/nc4_cf.json"
  "cat|cat $corpus/golden/nc4_cf.json temp/0.0.0.0 --root $corpus"
  "scan-nc4|scan $corpus/nc4_cf.nc -o $out/scan.json"
  "combine-5|combine ${days[*]} --concat-dim time --identical-dim lat --identical-dim lon -o $out/combined.json"
)
measure() { # label command...
  local label="$1"; shift
  (cd "$corpus" && /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" >/dev/null)
  read -r wall user sys rss < "$out/time"
  echo "$label $wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $((rss / 1024))"
}
base="${BASE:-}"
"$bin" --version >/dev/null # makes the class-data archive if this place has none
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(uptime | sed 's/.*load average: //')"
{
  for i in $(seq "$runs"); do
    for c in "${commands[@]}"; do
      name="${c%%|*}"
      read -r -a args <<< "${c#*|}"
      if [[ -n $base ]]; then
        measure "$name:base" "$base" "${args[@]}"
      else
        measure "$name:jvm-defaults" java -cp "$cp" io.refzarr.cli.Main "${args[@]}"
      fi
      measure "$name:bin/refzarr" "$bin" "${args[@]}"
    done
  done
} > "$out/runs.txt"
echo "# medians; load after: $(uptime | sed 's/.*load average: //')"
python3 "$here/benchmarks/whole-process/medians.py" < "$out/runs.txt"
