#!/usr/bin/env bash
# Times `countersign verify-bundle` from process launch to a verified bundle, on the shipped
# example (examples/artifacts), RUNS times per command after a few untimed warm-up runs (which
# fill the OS page cache, as on any machine that has run the CLI before).
#
# Commands timed:
#   launcher      ./countersign (class-data-sharing archive built by `mvn package`, C1 only, Serial GC)
#   no-app-cds    java with the launcher's flags but without the application CDS archive
#   plain-java    java -jar evidence-report/target/countersign.jar (JDK defaults)
#   sigstore-js   sigstore-js verifying the same bundle (if tools/sigstore-js/node_modules exists)
#
# Every command must verify the bundle (exit 0) once before it is timed. Uses hyperfine when
# installed (apt-get install -y hyperfine), else a bash loop. Prints mean, median, p90 and min in
# milliseconds as a Markdown table; raw times go to benchmarks/target/cli-startup/.
#
# Usage: benchmarks/cli-startup.sh            (after: mvn -B -q -pl evidence-report -am package -DskipTests)
#        RUNS=50 WARMUP=5 benchmarks/cli-startup.sh
set -euo pipefail

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
runs=${RUNS:-30}
warmup=${WARMUP:-3}
out="$here/target/cli-startup"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

jar="$root/evidence-report/target/countersign.jar"
jsa="$root/evidence-report/target/countersign.jsa"
bundle="$root/examples/artifacts/sigstore-java-2.0.0.pom.sigstore.json"
artifact="$root/examples/artifacts/sigstore-java-2.0.0.pom"
san='https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0'
issuer='https://token.actions.githubusercontent.com'
trusted_root="$root/trust-roots/src/main/resources/dev/countersign/trust-roots/public-good/trusted_root.json"
node_modules="$root/tools/sigstore-js/node_modules"

if [ ! -f "$jar" ] || [ ! -f "$jsa" ]; then
  echo "cli-startup: build the CLI first: mvn -B -q -pl evidence-report -am package -DskipTests" >&2
  exit 2
fi

verify_args=(verify-bundle --bundle "$bundle" --certificate-identity "$san"
  --certificate-oidc-issuer "$issuer" "$artifact")

names=(launcher no-app-cds plain-java)
cmds=(
  "$root/countersign ${verify_args[*]}"
  "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $jar ${verify_args[*]}"
  "$java -jar $jar ${verify_args[*]}"
)
if [ -d "$node_modules" ] && command -v node >/dev/null; then
  names+=(sigstore-js)
  cmds+=("node $here/sigstore-js-verify.js $node_modules $trusted_root $bundle $artifact $san $issuer")
fi

# A command that does not verify would time an error path.
for i in "${!cmds[@]}"; do
  if ! ${cmds[$i]} >/dev/null 2>&1; then
    echo "cli-startup: '${names[$i]}' does not verify the example bundle:" >&2
    ${cmds[$i]} >&2 || true
    exit 1
  fi
done

mkdir -p "$out"

# Writes one time in milliseconds per line to $out/<name>.ms.
time_with_hyperfine() {
  local name=$1 cmd=$2
  hyperfine --shell=none --style basic --warmup "$warmup" --runs "$runs" \
    --export-json "$out/$name.json" -n "$name" "$cmd" >&2
  jq -r '.results[0].times[] | . * 1000' "$out/$name.json" >"$out/$name.ms"
}

time_with_loop() {
  local name=$1 cmd=$2 t0 t1
  for ((k = 0; k < warmup; k++)); do $cmd >/dev/null 2>&1; done
  : >"$out/$name.ms"
  for ((k = 0; k < runs; k++)); do
    t0=$(date +%s%N)
    $cmd >/dev/null 2>&1
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000))" | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$out/$name.ms"
  done
}

# mean, median, p90 (nearest rank) and min of the times in a file.
stats() {
  sort -n "$1" | awk '
    { t[NR] = $1; sum += $1 }
    END {
      median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      p90 = int(0.9 * NR); if (p90 < 0.9 * NR) p90++
      printf "%.0f | %.0f | %.0f | %.0f", sum / NR, median, t[p90], t[1]
    }'
}

for i in "${!cmds[@]}"; do
  if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
    time_with_hyperfine "${names[$i]}" "${cmds[$i]}"
  else
    time_with_loop "${names[$i]}" "${cmds[$i]}"
  fi
done

echo
echo "| command | runs | mean ms | median ms | p90 ms | min ms |"
echo "|---|---:|---:|---:|---:|---:|"
for name in "${names[@]}"; do
  echo "| $name | $(wc -l <"$out/$name.ms") | $(stats "$out/$name.ms") |"
done
