#!/usr/bin/env sh
# The admission webhook under load (BENCHMARKS.md, "Admission webhook under load"): builds the
# webhook and the load driver, then runs dev.countersign.benchmarks.admission.AdmissionLoadBench,
# which starts Debian's docker-registry, pushes keyless-signed images, starts the webhook as its own
# JVM (-Xmx256m, GC log) over HTTPS and drives it. Arguments go to the driver, e.g.
#   benchmarks/admission-load.sh --rates 200,500,1000 --duration 30 --work /tmp/admission-load
# Needs /usr/bin/docker-registry (Debian package docker-registry). Run by hand; exits 1 when a
# target is missed, 2 on bad usage or a missing registry binary.
# BUILD_SUFFIX selects the Maven output folders (target$BUILD_SUFFIX), as -Dbuild.suffix does.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$here"
suffix=${BUILD_SUFFIX:-}
mvn=${MVN:-mvn}
"$mvn" -q -B -Dbuild.suffix="$suffix" -pl admission-webhook,benchmarks -am package \
  dependency:build-classpath@webhook-classpath -DskipTests -Dfmt.skip
webhook_target="admission-webhook/target$suffix"
webhook_jar=$(ls "$webhook_target"/admission-webhook-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)
classpath="$webhook_jar:$(cat "$webhook_target/webhook-runtime.classpath")"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java" -Xmx1g -cp "benchmarks/target$suffix/benchmarks.jar" \
  dev.countersign.benchmarks.admission.AdmissionLoadBench --webhook-classpath "$classpath" "$@"
