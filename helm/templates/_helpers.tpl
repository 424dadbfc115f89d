{{/*
Helpers of the rehab-platform chart. Per-service helpers take a context built by
"rehab.ctx": (dict "root" $ "name" <service name> "svc" <effective service values>).
*/}}

{{/* Objects are named "<release>-<service>" (release "rehab" -> rehab-registry). */}}
{{- define "rehab.fullname" -}}
{{- .Values.fullnameOverride | default .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "rehab.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The names of the enabled services, sorted, as a JSON list (templates iterate it). */}}
{{- define "rehab.enabledServices" -}}
{{- $names := list -}}
{{- range $name, $svc := .Values.services -}}
{{- if $svc.enabled -}}{{- $names = append $names $name -}}{{- end -}}
{{- end -}}
{{- $names | sortAlpha | toJson -}}
{{- end -}}

{{/*
Effective values of one service: its block over .Values.defaults. Templates build the
per-service context with:
  {{- $svc := merge (deepCopy (index $.Values.services $name)) (deepCopy $.Values.defaults) }}
  {{- $ctx := dict "root" $ "name" $name "svc" $svc }}
*/}}

{{- define "rehab.serviceFullname" -}}
{{- printf "%s-%s" (include "rehab.fullname" .root) .name -}}
{{- end -}}

{{- define "rehab.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: rehab-platform
{{- end -}}

{{- define "rehab.labels" -}}
{{ include "rehab.selectorLabels" . }}
app.kubernetes.io/component: {{ .name }}
app.kubernetes.io/version: {{ include "rehab.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "rehab.chart" .root }}
{{- end -}}

{{/* Labels of release-wide objects (Ingress, topics). */}}
{{- define "rehab.commonLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: rehab-platform
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "rehab.chart" . }}
{{- end -}}

{{- define "rehab.imageTag" -}}
{{- .svc.image.tag | default .root.Chart.AppVersion -}}
{{- end -}}

{{- define "rehab.image" -}}
{{- $repo := .svc.image.repository -}}
{{- if .root.Values.imageRegistry -}}
{{- $repo = printf "%s/%s" (trimSuffix "/" .root.Values.imageRegistry) $repo -}}
{{- end -}}
{{- printf "%s:%s" $repo (include "rehab.imageTag" .) -}}
{{- end -}}

{{/* The Secret a service reads its secrets from. */}}
{{- define "rehab.secretName" -}}
{{- .svc.existingSecret | default (include "rehab.serviceFullname" .) -}}
{{- end -}}

{{/* The policy file text: the value, else files/policies/<name>.yaml; fails when neither. */}}
{{- define "rehab.policy" -}}
{{- $text := .svc.policy | default (.root.Files.Get (printf "files/policies/%s.yaml" .name)) -}}
{{- if not (trim $text) -}}
{{- fail (printf "services.%s.policy is empty and the chart has no files/policies/%s.yaml: give the service's policy file" .name .name) -}}
{{- end -}}
{{- $text -}}
{{- end -}}

{{- define "rehab.shutdownDeadlineMs" -}}
{{- (.svc.config | default dict).SHUTDOWN_DEADLINE_MS | default 10000 | int -}}
{{- end -}}

{{/* Longer than preStop sleep + shutdown deadline, with 15 s to spare: 10 s deadline -> 30 s. */}}
{{- define "rehab.terminationGracePeriodSeconds" -}}
{{- $deadline := include "rehab.shutdownDeadlineMs" . | int -}}
{{- $seconds := div (add $deadline 999) 1000 -}}
{{- add $seconds (.svc.preStopSleepSeconds | int) 15 -}}
{{- end -}}

{{- define "rehab.port" -}}
{{- (.svc.config | default dict).PORT | default 8080 | int -}}
{{- end -}}

{{/*
The non-secret environment of a service as a JSON object: values derived from the global
blocks (kafka, auth, otel, adminUnits), overridden one-to-one by services.<name>.config.
*/}}
{{- define "rehab.config" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $cfg := dict "HOST" "0.0.0.0" "PORT" "8080" "KAFKA_CLIENT_ID" .name "OTEL_SERVICE_NAME" .name "POLICY_FILE" "/etc/rehab/policy/policy.yaml" "SHUTDOWN_DEADLINE_MS" "10000" -}}
{{- $_ := set $cfg "KAFKA_BROKERS" (join "," $v.kafka.brokers) -}}
{{- $_ := set $cfg "KAFKA_SSL" (ternary "true" "false" $v.kafka.tls.enabled) -}}
{{- if $v.kafka.sasl.mechanism -}}{{- $_ := set $cfg "KAFKA_SASL_MECHANISM" $v.kafka.sasl.mechanism -}}{{- end -}}
{{- if $v.auth.jwksUrl -}}{{- $_ := set $cfg "JWT_JWKS_URL" $v.auth.jwksUrl -}}{{- end -}}
{{- if and $v.auth.publicKeySecret.name (not $v.auth.jwksUrl) -}}{{- $_ := set $cfg "JWT_PUBLIC_KEY_FILE" (printf "/etc/rehab/jwt/%s" $v.auth.publicKeySecret.key) -}}{{- end -}}
{{- if $v.auth.issuer -}}{{- $_ := set $cfg "JWT_ISSUER" $v.auth.issuer -}}{{- end -}}
{{- if $v.auth.audience -}}{{- $_ := set $cfg "JWT_AUDIENCE" $v.auth.audience -}}{{- end -}}
{{- if $v.otel.endpoint -}}{{- $_ := set $cfg "OTEL_EXPORTER_OTLP_ENDPOINT" $v.otel.endpoint -}}{{- end -}}
{{- if $v.adminUnits -}}{{- $_ := set $cfg "ADMIN_UNITS_FILE" "/etc/rehab/admin-units/admin-units.yaml" -}}{{- end -}}
{{- if $v.kafka.tls.caSecret.name -}}{{- $_ := set $cfg "NODE_EXTRA_CA_CERTS" (printf "/etc/rehab/kafka-ca/%s" $v.kafka.tls.caSecret.key) -}}{{- end -}}
{{- range $key, $value := (.svc.config | default dict) -}}
{{- if or (kindIs "float64" $value) (kindIs "int64" $value) (kindIs "int" $value) -}}
{{- $value = int64 $value -}}
{{- end -}}
{{- $_ := set $cfg $key (toString $value) -}}
{{- end -}}
{{- if not (or (index $cfg "JWT_JWKS_URL") (index $cfg "JWT_PUBLIC_KEY_FILE")) -}}
{{- fail (printf "service %s: set auth.jwksUrl or auth.publicKeySecret.name (tokens cannot be verified otherwise)" .name) -}}
{{- end -}}
{{- $cfg | toJson -}}
{{- end -}}

{{/* A NetworkPolicy peer list from {cidrs, namespaceSelector, podSelector}; nothing when empty. */}}
{{- define "rehab.peers" -}}
{{- $peers := list -}}
{{- range .cidrs -}}
{{- $peers = append $peers (dict "ipBlock" (dict "cidr" .)) -}}
{{- end -}}
{{- if or .namespaceSelector .podSelector -}}
{{- $peer := dict -}}
{{- if .namespaceSelector -}}{{- $_ := set $peer "namespaceSelector" .namespaceSelector -}}{{- end -}}
{{- if .podSelector -}}{{- $_ := set $peer "podSelector" .podSelector -}}{{- end -}}
{{- $peers = append $peers $peer -}}
{{- end -}}
{{- if $peers -}}{{- toYaml $peers -}}{{- end -}}
{{- end -}}

{{- define "rehab.ports" -}}
{{- $ports := list -}}
{{- range .ports -}}
{{- $ports = append $ports (dict "protocol" "TCP" "port" (int .)) -}}
{{- end -}}
{{- toYaml $ports -}}
{{- end -}}
