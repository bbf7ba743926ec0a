#!/usr/bin/env bash
# The walking-skeleton scenario, played against a running local stack (sourced by run-local.sh --demo):
# a provider is registered and publishes a micro-credential and a cohort, an employer subscribes, the provider
# reports the cohort's completion, the registry records the signed credentials, verification answers for one of
# them, and the employer's webhook receives the graduates.

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -1; }
step() { printf '\n\033[1;32m[demo]\033[0m %s\n' "$*"; }

RUN=$(date +%Y%m%d%H%M%S)
PROVIDER=prov-demo-college
EMPLOYER=emp-demo-analytics
WEBHOOKS=$LOGS/webhooks-$RUN.log

step "Starting a webhook receiver for the employer on http://localhost:$DEMO_RECEIVER_PORT/webhooks"
java -cp "$DEVSTACK_JAR" ca.microcred.devstack.WebhookReceiverMain --port "$DEMO_RECEIVER_PORT" --out "$WEBHOOKS" >"$LOGS/webhook-receiver.log" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 1 30); do grep -q "listening" "$LOGS/webhook-receiver.log" 2>/dev/null && break; sleep 1; done

PROVIDER_TOKEN=$(java -jar "$DEVSTACK_JAR" token provider "$PROVIDER")
EMPLOYER_TOKEN=$(java -jar "$DEVSTACK_JAR" token employer "$EMPLOYER")
OPERATOR_TOKEN=$(java -jar "$DEVSTACK_JAR" token operator)

step "An operator registers provider $PROVIDER in issuer-service; it gets a did:web identity and a signing key"
REGISTERED=$(curl -sS -o /dev/stderr -w '%{http_code}' -X POST http://localhost:8081/providers \
  -H "Authorization: Bearer $OPERATOR_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"id\":\"$PROVIDER\",\"name\":{\"en\":\"Demo College of Applied Arts and Technology\",
       \"fr\":\"Collège d'arts appliqués et de technologie de démonstration\"},
       \"url\":\"https://college.example.ca\",\"email\":\"registrar@college.example.ca\",\"province\":\"ON\",
       \"providerType\":\"COLLEGE\",\"includeLearnerName\":false}" 2>/dev/null)
echo "POST /providers -> $REGISTERED (409 means it was registered by an earlier run)"
curl -fsS "http://localhost:8081/providers/$PROVIDER/did.json"; echo

step "A registry operator accredits the provider once the registry has heard of it (POST :8082/operator/providers/$PROVIDER/accreditation)"
for _ in $(seq 1 60); do
  curl -fsS "http://localhost:8082/providers/$PROVIDER" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sS -X POST "http://localhost:8082/operator/providers/$PROVIDER/accreditation" \
  -H "Authorization: Bearer $OPERATOR_TOKEN" -H 'Content-Type: application/json' \
  -d '{"decision":"ACCREDITED","reason":"Recognised public college; quality assurance by the provincial body"}'; echo

step "Provider $PROVIDER drafts and publishes a micro-credential (POST :8081/providers/$PROVIDER/achievements)"
ACHIEVEMENT=$(curl -fsS -X POST "http://localhost:8081/providers/$PROVIDER/achievements" \
  -H "Authorization: Bearer $PROVIDER_TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":{"en":"Applied Data Analytics","fr":"Analyse de données appliquée"},
       "description":{"en":"Clean, analyse and present business data.","fr":"Nettoyer, analyser et présenter des données d'"'"'affaires."},
       "criteria":{"en":"Pass the capstone project.","fr":"Réussir le projet intégrateur."},
       "learningOutcomes":[{"en":"Build a dashboard","fr":"Créer un tableau de bord"}],
       "skills":[{"framework":"ESCO","code":"S5.5.1","name":"analyse big data","url":"http://data.europa.eu/esco/skill/2a8d8e7d-3e3b-4b8f-8d1d-52b5b6a1e8d5"}],
       "assessment":{"type":"PROJECT","competencyBased":true},"portfolioEvidenceRequired":true,
       "qualityAssuranceBody":{"name":"Ontario College Quality Assurance Service","url":"https://www.ocqas.org"},
       "deliveryMode":"ONLINE","selfPaced":true,"workloadHours":40,"level":"Intermediate","languages":["en","fr-CA"]}' \
  | json_field id)
curl -fsS -X POST "http://localhost:8081/providers/$PROVIDER/achievements/$ACHIEVEMENT/publish" \
  -H "Authorization: Bearer $PROVIDER_TOKEN" >/dev/null
echo "published achievement $ACHIEVEMENT: http://localhost:8081/achievements/$ACHIEVEMENT"

step "Provider $PROVIDER schedules a cohort of it (POST .../achievements/$ACHIEVEMENT/cohorts)"
COHORT=$(curl -fsS -X POST "http://localhost:8081/providers/$PROVIDER/achievements/$ACHIEVEMENT/cohorts" \
  -H "Authorization: Bearer $PROVIDER_TOKEN" -H 'Content-Type: application/json' \
  -d '{"startDate":"2026-09-08","endDate":"2026-12-18","province":"ON","region":"Toronto",
       "deliveryMode":"ONLINE","language":"en","capacity":30}' | json_field id)
echo "cohort $COHORT"

step "Employer $EMPLOYER subscribes to graduates of $ACHIEVEMENT (POST :8084/subscriptions)"
SUBSCRIPTION=$(curl -fsS -X POST http://localhost:8084/subscriptions \
  -H "Authorization: Bearer $EMPLOYER_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"achievementIds\":[\"$ACHIEVEMENT\"],\"webhookUrl\":\"http://localhost:$DEMO_RECEIVER_PORT/webhooks\"}")
echo "$SUBSCRIPTION"

step "Provider $PROVIDER posts the results of $COHORT as CSV (POST :8081/completions); each graduate gets a signed credential"
START_MS=$(date +%s%3N)
COMPLETION=$(curl -fsS -X POST "http://localhost:8081/completions?cohortId=$COHORT" \
  -H "Authorization: Bearer $PROVIDER_TOKEN" -H 'Content-Type: text/csv; charset=utf-8' -H "Idempotency-Key: demo-$RUN" \
  --data-binary 'email,name,passed,grade,evidence_urls,consent_employer_contact
amelie.tremblay@example.ca,Amélie Tremblay,oui,A+,https://portfolio.example.ca/amelie/capstone,oui
jordan.smith@example.ca,Jordan Smith,yes,B,,no
priya.n@example.ca,Priya Natarajan,no,,,yes
')
echo "$COMPLETION"
CREDENTIAL=$(echo "$COMPLETION" | json_field credentialId)

step "Registry record of credential $CREDENTIAL (GET :8082/credentials/$CREDENTIAL)"
for _ in $(seq 1 60); do
  RECORD=$(curl -fsS "http://localhost:8082/credentials/$CREDENTIAL" 2>/dev/null) && break
  sleep 0.5
done
echo "${RECORD:-not recorded yet}"

step "The signed credential as the learner receives it (GET :8081/credentials/$CREDENTIAL)"
curl -fsS "http://localhost:8081/credentials/$CREDENTIAL"; echo

step "Verification answer (GET :8083/verifications/$CREDENTIAL)"
for _ in $(seq 1 60); do
  ANSWER=$(curl -fsS "http://localhost:8083/verifications/$CREDENTIAL" 2>/dev/null) && break
  sleep 0.5
done
echo "${ANSWER:-not known yet}"

step "Waiting for the employer's webhook"
for _ in $(seq 1 120); do
  [ -s "$WEBHOOKS" ] && break
  sleep 0.25
done
END_MS=$(date +%s%3N)
if [ -s "$WEBHOOKS" ]; then
  cat "$WEBHOOKS"
  step "Webhook received $((END_MS - START_MS)) ms after the completion was posted (includes this script's polling)"
else
  step "No webhook arrived within 30 s; see $LOGS/notification-service.log"
fi
