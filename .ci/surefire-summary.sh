#!/usr/bin/env bash
# Sums the Surefire and Failsafe XML reports of every module: one line per kind and a total.
set -u
root=${1:-.}
attr() { grep -o "<testsuite [^>]*" "$2" | head -1 | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
gt=0; gf=0; ge=0; gs=0
for kind in surefire failsafe; do
  t=0; f=0; e=0; s=0
  while IFS= read -r file; do
    t=$((t + $(attr tests "$file"))); f=$((f + $(attr failures "$file")))
    e=$((e + $(attr errors "$file"))); s=$((s + $(attr skipped "$file")))
  done < <(find "$root" -path "*/target/${kind}-reports/TEST-*.xml" -not -path "*/node_modules/*" 2>/dev/null)
  [ "$t" -eq 0 ] && continue
  printf '%-9s tests run: %d, failures: %d, errors: %d, skipped: %d\n' "$kind" "$t" "$f" "$e" "$s"
  gt=$((gt + t)); gf=$((gf + f)); ge=$((ge + e)); gs=$((gs + s))
done
printf 'TOTAL     tests run: %d, failures: %d, errors: %d, skipped: %d\n' "$gt" "$gf" "$ge" "$gs"
