#!/usr/bin/env bash
# Makes the secrets docker-compose.yml reads (once): the database passwords (the owner's and the portal's own login), the connection strings,
# the keys that encrypt personal data, and a self-signed certificate for the proxy (replace it with a
# real one). Files in deploy/secrets, readable by you only; never commit them.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets
chmod 700 secrets
umask 077
# How people reach the reporting point (pages, mails, letters, the objection address): not secret, but required —
# the portal does not start in Production with the shipped placeholders. Give them as REPORTING_POINT_PHONE,
# REPORTING_POINT_EMAIL, REPORTING_POINT_ADDRESS (and REPORTING_POINT_HOURS, REPORTING_POINT_HOURS_EN), or fill in the file.
if [ ! -f reporting-point.env ]; then
  {
    echo "# How people reach the reporting point: shown on every page, mail and letter. Fill in the real values."
    echo "ReportingPoint__Phone=${REPORTING_POINT_PHONE:-}"
    echo "ReportingPoint__Email=${REPORTING_POINT_EMAIL:-}"
    echo "ReportingPoint__PostalAddress=${REPORTING_POINT_ADDRESS:-}"
    echo "ReportingPoint__PhoneHours=${REPORTING_POINT_HOURS:-werkdagen 9.00 tot 17.00 uur}"
    echo "ReportingPoint__PhoneHoursEnglish=${REPORTING_POINT_HOURS_EN:-working days 9:00 to 17:00}"
  } > reporting-point.env
  [ -n "${REPORTING_POINT_PHONE:-}" ] || echo "Fill in deploy/reporting-point.env (phone, email, post box) before 'docker compose up': the portal refuses to start without them."
fi
[ -f secrets/postgres_password ] && { echo "deploy/secrets exists already; nothing changed."; exit 0; }
password="$(openssl rand -hex 24)"
app_password="$(openssl rand -hex 24)"
printf '%s' "$password" > secrets/postgres_password
printf '%s' "$app_password" > secrets/postgres_app_password
# The owner of the tables migrates (the migrate service only); the replicas use their own login (ADR 0026).
printf 'Host=db;Port=5432;Database=herstelmeldpunt;Username=herstelmeldpunt;Password=%s' "$password" > secrets/ConnectionStrings__HerstelmeldpuntOwner
printf 'Host=db;Port=5432;Database=herstelmeldpunt;Username=herstelmeldpunt_web;Password=%s' "$app_password" > secrets/ConnectionStrings__Herstelmeldpunt
printf '1' > secrets/Encryption__CurrentKey
openssl rand -base64 32 | tr -d '\n' > secrets/Encryption__Keys__1
openssl rand -base64 32 | tr -d '\n' > secrets/Encryption__HashKey
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout secrets/proxy_key -out secrets/proxy_certificate 2>/dev/null
# The containers run as other users than you: they may read the secrets (the folder stays yours).
chmod 644 secrets/*
echo "Secrets written to deploy/secrets. Back up the Encryption__* files apart from the database: without them the data cannot be read."
