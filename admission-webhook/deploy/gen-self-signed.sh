#!/usr/bin/env bash
# Makes the TLS material for the Countersign webhook on clusters without cert-manager: a private
# CA, and a serving certificate for the webhook Service signed by it.
#
# Writes to --out: tls.crt, tls.key, ca.crt (the files overlays/self-signed reads) and
# secret.yaml (a kubernetes.io/tls Secret for `kubectl apply -f` before `helm install`).
# Prints the caBundle (base64 of ca.crt, one line) on standard output; everything else goes to
# standard error, so that CA_BUNDLE="$(gen-self-signed.sh ...)" works.
#
# The CA's private key is never written: no further certificate can be signed with it, and a
# renewal is a new CA (run the script again, apply the Secret and the caBundle together).
set -euo pipefail

service=countersign-webhook
namespace=countersign-system
secret_name=countersign-webhook-tls
days=365
out=.

usage() {
  cat >&2 <<'EOF'
usage: gen-self-signed.sh [--service NAME] [--namespace NS] [--secret-name NAME] [--days N] [--out DIR]

  --service      the webhook Service name             (default countersign-webhook)
  --namespace    the namespace the webhook runs in    (default countersign-system)
  --secret-name  the TLS Secret to write              (default countersign-webhook-tls)
  --days         validity of the CA and certificate   (default 365)
  --out          directory for tls.crt, tls.key, ca.crt and secret.yaml (default .)
EOF
}

fail() {
  echo "gen-self-signed.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --service) [ $# -ge 2 ] || fail "--service needs a value"; service="$2"; shift 2 ;;
    --namespace) [ $# -ge 2 ] || fail "--namespace needs a value"; namespace="$2"; shift 2 ;;
    --secret-name) [ $# -ge 2 ] || fail "--secret-name needs a value"; secret_name="$2"; shift 2 ;;
    --days) [ $# -ge 2 ] || fail "--days needs a value"; days="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || fail "--out needs a value"; out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage; fail "unknown argument: $1" ;;
  esac
done

# DNS-1123 labels: anything else cannot be a Service, namespace or Secret name, and would end up
# in a certificate name the API server never asks for.
dns_label='^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'
[[ "$service" =~ $dns_label ]] || fail "--service '$service' is not a DNS-1123 label"
[[ "$namespace" =~ $dns_label ]] || fail "--namespace '$namespace' is not a DNS-1123 label"
[[ "$secret_name" =~ ^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$ ]] || fail "--secret-name '$secret_name' is not a DNS-1123 name"
[[ "$days" =~ ^[1-9][0-9]*$ ]] || fail "--days '$days' is not a positive number"
command -v openssl >/dev/null 2>&1 || fail "openssl is not installed"
mkdir -p "$out" || fail "cannot create --out directory $out"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
umask 077

fqdn="${service}.${namespace}.svc"

openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout "$work/ca.key" -out "$work/ca.crt" -days "$days" -sha256 \
  -subj "/CN=countersign-webhook-ca ${namespace}" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>"$work/log" \
  || { cat "$work/log" >&2; fail "cannot create the CA"; }

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/tls.key" 2>"$work/log" \
  || { cat "$work/log" >&2; fail "cannot create the serving key"; }

openssl req -new -key "$work/tls.key" -subj "/CN=${fqdn}" -out "$work/tls.csr" 2>"$work/log" \
  || { cat "$work/log" >&2; fail "cannot create the certificate request"; }

# The API server connects to <service>.<namespace>.svc; the other names cover clients inside
# the cluster (Prometheus, kubectl port-forward checks).
cat >"$work/ext.cnf" <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:${service},DNS:${service}.${namespace},DNS:${fqdn},DNS:${fqdn}.cluster.local
EOF
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
  -set_serial "0x$(openssl rand -hex 16)" -days "$days" -sha256 \
  -extfile "$work/ext.cnf" -out "$work/tls.crt" 2>"$work/log" \
  || { cat "$work/log" >&2; fail "cannot sign the serving certificate"; }

b64() { openssl base64 -A -in "$1"; }

cat >"$work/secret.yaml" <<EOF
apiVersion: v1
kind: Secret
type: kubernetes.io/tls
metadata:
  name: ${secret_name}
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: countersign-webhook
    app.kubernetes.io/part-of: countersign
data:
  tls.crt: $(b64 "$work/tls.crt")
  tls.key: $(b64 "$work/tls.key")
  ca.crt: $(b64 "$work/ca.crt")
EOF

# The key and the Secret stay readable by their owner only; the certificates are public.
cp "$work/tls.key" "$work/secret.yaml" "$out/"
chmod 600 "$out/tls.key" "$out/secret.yaml"
cp "$work/tls.crt" "$work/ca.crt" "$out/"
chmod 644 "$out/tls.crt" "$out/ca.crt"

cat >&2 <<EOF
Wrote $out/tls.crt, $out/tls.key, $out/ca.crt and $out/secret.yaml
  certificate for: ${service}, ${service}.${namespace}, ${fqdn}, ${fqdn}.cluster.local
  valid for ${days} days; the caBundle follows on standard output.
EOF
b64 "$work/ca.crt"
echo
