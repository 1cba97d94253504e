#!/usr/bin/env bash
# Makes the secrets docker-compose.yml reads (once): the database password, the app's connection string,
# the keys that encrypt personal data, and a self-signed certificate for the proxy (replace it with a
# real one). Files in deploy/secrets, readable by you only; never commit them.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets
chmod 700 secrets
umask 077
[ -f secrets/postgres_password ] && { echo "deploy/secrets exists already; nothing changed."; exit 0; }
password="$(openssl rand -hex 24)"
printf '%s' "$password" > secrets/postgres_password
printf 'Host=db;Port=5432;Database=herstelmeldpunt;Username=herstelmeldpunt;Password=%s' "$password" > secrets/ConnectionStrings__Herstelmeldpunt
printf '1' > secrets/Encryption__CurrentKey
openssl rand -base64 32 | tr -d '\n' > secrets/Encryption__Keys__1
openssl rand -base64 32 | tr -d '\n' > secrets/Encryption__HashKey
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout secrets/proxy_key -out secrets/proxy_certificate 2>/dev/null
# The containers run as other users than you: they may read the secrets (the folder stays yours).
chmod 644 secrets/*
echo "Secrets written to deploy/secrets. Back up the Encryption__* files apart from the database: without them the data cannot be read."
