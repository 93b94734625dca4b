#!/usr/bin/env bash
# Writes the idempotent SQL Server migration script (artifacts/sqlserver.sql) without a server:
# the design-time factory never opens its connection. A DBA can apply it with sqlcmd or SSMS.
# Usage: bash scripts/sqlserver-migration-script.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
dotnet tool restore >/dev/null
dotnet ef migrations script --idempotent \
  --project migrations/OpsConsole.Migrations.SqlServer \
  --output artifacts/sqlserver.sql "$@"
grep -q "CREATE TABLE \[AspNetUsers\]" artifacts/sqlserver.sql
echo "Wrote artifacts/sqlserver.sql ($(wc -l < artifacts/sqlserver.sql) lines)"
