#!/usr/bin/env bash
# bin/glimpse of the installed app: chooses the allocator libtorch needs (lib/allocator.sh), which must
# happen before the JVM starts, then runs the native launcher. No arguments: the desktop app.
set -euo pipefail
bin="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$bin/../lib/allocator.sh"
glimpse_allocator || exit 2
glimpse_precision "$@" || exit 2
# extra JVM options, as with ./glimpse in a clone (the native launcher reads its own from lib/app/)
options="$(glimpse_heap_option "$@") $(glimpse_startup_options "" "$@") ${GLIMPSE_JAVA_OPTS:-}"
if [ -n "${options// /}" ]; then
  export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }${options# }"
fi
exec "$bin/glimpse-java" "$@"
