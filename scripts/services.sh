# Sourced by `make test` and .ci/run: point the tests at PostgreSQL and Redis when
# they answer on 127.0.0.1 (DATABASE_URL / REDIS_URL already set win). On a bare
# machine the tests run on SQLite and the Redis tests skip; under CI=true they fail.
if [ -z "${DATABASE_URL:-}" ]; then
  if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/tracker"
  fi
fi
if [ -z "${REDIS_URL:-}" ]; then
  if command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; then
    export REDIS_URL="redis://127.0.0.1:6379/15"
  fi
fi
echo "tests: DATABASE_URL=${DATABASE_URL:-sqlite (embedded)} REDIS_URL=${REDIS_URL:-none}"
