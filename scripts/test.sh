#!/usr/bin/env bash
# The one command that runs every test: bash scripts/test.sh
# On a fresh Debian machine with only the .NET SDK it first installs what the tests need (Debian's chromium for the
# browser tests, Debian's prometheus for promtool and a real Prometheus in the /metrics tests, Debian's
# prometheus-alertmanager for a real Alertmanager that sends its webhook to the console, the local dotnet tools),
# then builds, checks the migrations of both providers, runs the unit, integration and end-to-end tests and a dry run
# of the benchmarks, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

passed=0
failed=0
failures=()
log_dir=artifacts/test-logs
mkdir -p "$log_dir"

step() { echo; echo "== $*"; }

# Every way out prints the one summary line CI reads.
finish() {
  echo
  if [ ${#failures[@]} -gt 0 ]; then
    echo "Failures:"; printf '  %s\n' "${failures[@]}"
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}

abort() {   # abort WHY: a step the rest depends on failed
  failed=$((failed + 1)); failures+=("$1"); finish
}

check() {   # check NAME COMMAND...: a pass/fail step that is not a test project
  local name=$1; shift
  if "$@" >"$log_dir/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); failures+=("$name (see $log_dir/$name.log)"); echo "FAIL $name"; tail -n 30 "$log_dir/$name.log"
  fi
}

step "Installing what the tests need"
: >"$log_dir/apt.log"
apt_updated=
apt_install() {   # apt_install PACKAGE [APT-GET OPTION...]: installs a Debian package as root, through sudo when not root
  local package=$1; shift
  local as_root=()
  [ "$(id -u)" -ne 0 ] && as_root=(sudo)
  echo "installing $package with apt-get"
  # A fresh machine may still be running unattended upgrades: wait for the dpkg lock instead of failing.
  if [ -z "$apt_updated" ]; then
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >>"$log_dir/apt.log" 2>&1 || return 1
    apt_updated=1
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" "$package" >>"$log_dir/apt.log" 2>&1
}
if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium || { tail -n 20 "$log_dir/apt.log"; abort "could not install chromium with apt-get (see $log_dir/apt.log)"; }
fi
# Debian's prometheus package brings promtool (lints /metrics) and the server (scrapes a console in the tests, on a
# port of its own). Its recommended node exporter is a daemon the tests do not need.
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  apt_install prometheus --no-install-recommends || { tail -n 20 "$log_dir/apt.log"; abort "could not install prometheus with apt-get (see $log_dir/apt.log)"; }
fi
# Debian's prometheus-alertmanager runs in the alerting tests on ports of its own and sends its webhook to the console.
# Its postinst may start the system service (on :9093, or be refused in a container); the tests never use it.
if ! command -v prometheus-alertmanager >/dev/null 2>&1; then
  apt_install prometheus-alertmanager --no-install-recommends || { tail -n 20 "$log_dir/apt.log"; abort "could not install prometheus-alertmanager with apt-get (see $log_dir/apt.log)"; }
fi
CHROMIUM_PATH=$(command -v chromium)
PROMTOOL_PATH=$(command -v promtool)
PROMETHEUS_PATH=$(command -v prometheus)
ALERTMANAGER_PATH=$(command -v prometheus-alertmanager)
export CHROMIUM_PATH PROMTOOL_PATH PROMETHEUS_PATH ALERTMANAGER_PATH
echo "chromium: $CHROMIUM_PATH"
echo "promtool: $PROMTOOL_PATH, prometheus: $PROMETHEUS_PATH, alertmanager: $ALERTMANAGER_PATH"
dotnet tool restore >"$log_dir/tools.log" 2>&1 || { cat "$log_dir/tools.log"; abort "dotnet tool restore failed"; }

step "Building"
if ! dotnet build OpsConsole.sln -nologo -clp:ErrorsOnly >"$log_dir/build.log" 2>&1; then
  cat "$log_dir/build.log"
  abort "build failed (see $log_dir/build.log)"
fi
echo "build ok"

step "Migrations of both providers"
check sqlite-migrations-in-step dotnet ef migrations has-pending-model-changes --project migrations/OpsConsole.Migrations.Sqlite --no-build
check sqlserver-migrations-in-step dotnet ef migrations has-pending-model-changes --project migrations/OpsConsole.Migrations.SqlServer --no-build
check sqlserver-idempotent-script bash scripts/sqlserver-migration-script.sh --no-build

run_tests() {   # run_tests PROJECT: runs one test project and adds its counts
  local project=$1 log="$log_dir/$1.log"
  step "$project"
  # A hung browser test must not hang CI past its limit: 30 minutes per project, then the run is counted as failed.
  timeout -k 30 1800 dotnet test --project "tests/$project" --no-build --no-ansi --no-progress >"$log" 2>&1
  local code=$?
  local total ok bad
  total=$(grep -E '^\s+total: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
  ok=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
  bad=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
  if [ -z "$total" ] || [ "${total:-0}" -eq 0 ]; then
    failed=$((failed + 1)); failures+=("$project ran no tests (exit $code, see $log)"); tail -n 40 "$log"; return
  fi
  ok=${ok:-0}; bad=${bad:-0}
  passed=$((passed + ok)); failed=$((failed + bad))
  if [ "$bad" -gt 0 ] || [ "$code" -ne 0 ]; then
    grep -E '^failed ' "$log" | head -n 20
    grep -A 12 -E '^failed ' "$log" | grep -vE '^\s+at ' | head -n 80
    [ "$bad" -eq 0 ] && { failed=$((failed + 1)); failures+=("$project exited $code"); }
    failures+=("$project: $bad failed (see $log)")
  fi
  echo "$project: $ok passed, $bad failed"
}

run_tests OpsConsole.UnitTests
run_tests OpsConsole.IntegrationTests
run_tests OpsConsole.EndToEndTests

step "Benchmarks compile and run (dry job, no timings)"
check benchmarks-dry-run dotnet run -c Release --project tests/OpsConsole.Benchmarks -- --job Dry --filter '*' --artifacts artifacts/benchmarks-dry

finish
