{{/* Chart name, at most 63 characters. */}}
{{- define "countersign-webhook.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the object name prefix. The release name alone when it already holds the chart name. */}}
{{- define "countersign-webhook.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "countersign-webhook.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "countersign-webhook.labels" -}}
helm.sh/chart: {{ include "countersign-webhook.chart" . }}
{{ include "countersign-webhook.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: countersign
app.kubernetes.io/component: admission-webhook
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the webhook pods; they never change after the first install. */}}
{{- define "countersign-webhook.selectorLabels" -}}
app.kubernetes.io/name: {{ include "countersign-webhook.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "countersign-webhook.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "countersign-webhook.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name must name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The container image: by digest when one is given, else by tag (default: appVersion). */}}
{{- define "countersign-webhook.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The webhook's DNS name inside the cluster, as the API server reaches it. */}}
{{- define "countersign-webhook.serviceHost" -}}
{{- printf "%s.%s.svc" (include "countersign-webhook.fullname" .) .Release.Namespace }}
{{- end }}

{{/* The Secret holding tls.crt and tls.key. */}}
{{- define "countersign-webhook.tlsSecretName" -}}
{{- if .Values.certManager.enabled }}
{{- printf "%s-tls" (include "countersign-webhook.fullname" .) }}
{{- else }}
{{- required "tls.secretName is required when certManager.enabled is false (see deploy/gen-self-signed.sh)" .Values.tls.secretName }}
{{- end }}
{{- end }}

{{- define "countersign-webhook.policiesConfigMap" -}}
{{- if .Values.policies.existingConfigMap }}
{{- .Values.policies.existingConfigMap }}
{{- else }}
{{- printf "%s-policies" (include "countersign-webhook.fullname" .) }}
{{- end }}
{{- end }}

{{/* Namespaces the webhook never checks: kube-system, its own, and the configured ones. */}}
{{- define "countersign-webhook.excludedNamespaces" -}}
{{- $all := list "kube-system" .Release.Namespace }}
{{- range .Values.webhook.excludeNamespaces }}
{{- $all = append $all . }}
{{- end }}
{{- toYaml (uniq $all) }}
{{- end }}

{{/* The server deadline in milliseconds. */}}
{{- define "countersign-webhook.deadlineMillis" -}}
{{- $d := .Values.webhook.deadline }}
{{- if hasSuffix "ms" $d }}
{{- trimSuffix "ms" $d | int }}
{{- else }}
{{- mul (trimSuffix "s" $d | int) 1000 }}
{{- end }}
{{- end }}

{{/*
Settings that are each valid alone but not together. Rendered by the webhook configuration
templates, so a wrong combination fails `helm install` instead of deploying a webhook that cannot
work.
*/}}
{{- define "countersign-webhook.validate" -}}
{{- if ge (include "countersign-webhook.deadlineMillis" . | int) (mul .Values.webhook.timeoutSeconds 1000 | int) }}
{{- fail (printf "webhook.deadline (%s) must be below webhook.timeoutSeconds (%ds): the API server would give up before the webhook answers" .Values.webhook.deadline (.Values.webhook.timeoutSeconds | int)) }}
{{- end }}
{{- if and (not .Values.certManager.enabled) (not .Values.tls.caBundle) }}
{{- fail "tls.caBundle is required when certManager.enabled is false: the API server cannot trust the webhook's certificate without it (see deploy/gen-self-signed.sh)" }}
{{- end }}
{{- if and (not .Values.policies.existingConfigMap) (not .Values.policies.files) }}
{{- fail "no image policies: set policies.files or policies.existingConfigMap" }}
{{- end }}
{{- if gt (add (ternary 1 0 (not (empty .Values.trustRoots.files))) (ternary 1 0 (not (empty .Values.trustRoots.existingConfigMap))) (ternary 1 0 (not (empty .Values.trustRoots.existingSecret)))) 1 }}
{{- fail "set only one of trustRoots.files, trustRoots.existingConfigMap and trustRoots.existingSecret" }}
{{- end }}
{{- if and (eq .Values.records.output "persistentVolumeClaim") (not .Values.records.claimName) }}
{{- fail "records.claimName is required when records.output is persistentVolumeClaim" }}
{{- end }}
{{- if ge (.Values.podDisruptionBudget.minAvailable | int) (.Values.replicaCount | int) }}
{{- fail "podDisruptionBudget.minAvailable must be below replicaCount: otherwise no node running a webhook pod could be drained" }}
{{- end }}
{{- if and (or .Values.prewarmRunningPods .Values.events) (not .Values.rbac.create) (.Values.serviceAccount.create) }}
{{- fail "prewarmRunningPods and events need rbac.create, or an existing serviceAccount.name already granted the permissions" }}
{{- end }}
{{- end }}

{{/* Whether the pods talk to the Kubernetes API at all. */}}
{{- define "countersign-webhook.needsApi" -}}
{{- if or .Values.prewarmRunningPods .Values.events }}true{{ end }}
{{- end }}

{{/* Whether a trust-roots directory is mounted. */}}
{{- define "countersign-webhook.hasTrustRoots" -}}
{{- if or .Values.trustRoots.files .Values.trustRoots.existingConfigMap .Values.trustRoots.existingSecret }}true{{ end }}
{{- end }}

{{/* The rules of both webhook configurations: every kind that holds a pod template. */}}
{{- define "countersign-webhook.rules" -}}
- apiGroups: [""]
  apiVersions: ["v1"]
  operations: ["CREATE", "UPDATE"]
  # pods/ephemeralcontainers: `kubectl debug` adds containers through this subresource.
  resources: ["pods", "pods/ephemeralcontainers", "replicationcontrollers"]
  scope: Namespaced
- apiGroups: ["apps"]
  apiVersions: ["v1"]
  operations: ["CREATE", "UPDATE"]
  resources: ["deployments", "replicasets", "statefulsets", "daemonsets"]
  scope: Namespaced
- apiGroups: ["batch"]
  apiVersions: ["v1"]
  operations: ["CREATE", "UPDATE"]
  resources: ["jobs", "cronjobs"]
  scope: Namespaced
{{- end }}

{{/* Which namespaces and objects are sent to the webhook. */}}
{{- define "countersign-webhook.selectors" -}}
namespaceSelector:
  # kubernetes.io/metadata.name is set by the API server and cannot be changed by users.
  # kube-system is left out so the control plane can always recover; the webhook's own namespace
  # so that its pods can start while no webhook pod is ready.
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values:
        {{- include "countersign-webhook.excludedNamespaces" . | nindent 8 }}
{{- if .Values.webhook.objectOptOutLabel }}
objectSelector:
  matchExpressions:
    - key: {{ .Values.webhook.objectOptOutLabel }}
      operator: NotIn
      values: ["true"]
{{- end }}
{{- end }}
