#!/usr/bin/env bash
# bin/glimpse-cli of the installed app: the command line only (alone, it prints the help).
bin="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
exec "$bin/glimpse" --cli "$@"
