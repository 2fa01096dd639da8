#!/bin/sh
# The image's one entrypoint (under tini): which Pagewise process this container runs.
#   api       the HTTP API and the UI            (what `pnpm start` runs as apps/api/src/main.ts)
#   worker    a worker: pipeline, reading, training, maintenance, webhooks (apps/worker/src/main.ts)
#   migrate   apply the database migrations once, then exit (`pnpm pagewise migrate`)
#   pagewise  any CLI command: `pagewise keys rotate`, …
# `node --import tsx` keeps each app one process (as scripts/start.ts runs them), so signals
# from tini reach the app itself and it shuts down gracefully.
set -eu
cd /app
role="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$role" in
  api) exec node --import tsx apps/api/src/main.ts "$@" ;;
  worker) exec node --import tsx apps/worker/src/main.ts "$@" ;;
  migrate) exec node --import tsx apps/cli/src/main.ts migrate "$@" ;;
  pagewise) exec node --import tsx apps/cli/src/main.ts "$@" ;;
  *)
    echo "pagewise image: unknown role '$role' (api, worker, migrate or pagewise <command>)" >&2
    exit 2
    ;;
esac
