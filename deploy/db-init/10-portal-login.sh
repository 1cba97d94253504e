#!/usr/bin/env bash
# Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d): the portal's own login,
# a member of herstelmeldpunt_app. POSTGRES_USER (herstelmeldpunt) owns the tables and only the migrate step uses it;
# the app's replicas connect as herstelmeldpunt_web, which may not change or empty the append-only logs (ADR 0026).
# An existing volume: run these two statements once by hand (psql -U herstelmeldpunt), with the password from
# deploy/secrets/postgres_app_password, then 'docker compose up' again.
set -euo pipefail
password="$(cat /run/secrets/postgres_app_password)"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" --set=password="$password" <<'SQL'
DO $$ BEGIN CREATE ROLE herstelmeldpunt_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE ROLE herstelmeldpunt_web LOGIN PASSWORD :'password' IN ROLE herstelmeldpunt_app;
SQL
