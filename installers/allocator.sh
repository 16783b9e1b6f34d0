# Sourced by the launchers (./glimpse in a clone, bin/glimpse in the installed app) before the JVM
# starts; the allocator first, the convolutions' arithmetic (glimpse_precision) below.
# The allocator: libtorch allocates and frees large tensors on every pass, and an allocator that hands that
# memory back to the system page-faults on it again at the next pass, which costs more than the
# arithmetic (measured in docs/benchmarks.md). Prefer jemalloc told never to purge (Debian:
# libjemalloc2); otherwise tell glibc's malloc to keep freed memory.
# GLIMPSE_ALLOCATOR=auto|glibc|jemalloc|system chooses explicitly.
glimpse_allocator() {
  local allocator="${GLIMPSE_ALLOCATOR:-auto}" jemalloc="" candidate
  case "$allocator" in auto|jemalloc|glibc|system) ;; *)
    echo "glimpse: GLIMPSE_ALLOCATOR must be auto, jemalloc, glibc or system, not '$allocator'" >&2; return 2 ;;
  esac
  for candidate in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    if [ -f "$candidate" ]; then jemalloc="$candidate"; break; fi
  done
  if [ "$allocator" = "jemalloc" ] && [ -z "$jemalloc" ]; then
    echo "glimpse: GLIMPSE_ALLOCATOR=jemalloc, but libjemalloc.so.2 is not installed (apt-get install libjemalloc2)" >&2
    return 2
  fi
  if { [ "$allocator" = "auto" ] || [ "$allocator" = "jemalloc" ]; } && [ -n "$jemalloc" ]; then
    export LD_PRELOAD="$jemalloc${LD_PRELOAD:+:$LD_PRELOAD}"
    export MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1}"
  elif [ "$allocator" != "system" ]; then
    export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456}"
  fi
}

# The arithmetic of the network's convolutions (issue 18). On a CPU with bfloat16 instructions (AVX-512 BF16,
# AMX), oneDNN can run float32 convolutions in bfloat16 with float32 accumulation when told so before libtorch
# starts (ONEDNN_DEFAULT_FPMATH_MODE=BF16; there is no call for it in DJL): 1.2-1.3 times faster for the same
# predicted class and probabilities within 0.002 of float32 on the sample clips and a synthetic set
# (docs/benchmarks.md). GLIMPSE_PRECISION=auto (the default) takes it for reading clips and float32 for train and
# evaluate, whose weights and metrics stay reproducible; float32 or bfloat16 choose for every command. What ran
# is said in the output ("precision").
glimpse_precision() {
  local precision="${GLIMPSE_PRECISION:-auto}"
  case "$precision" in
    float32) unset ONEDNN_DEFAULT_FPMATH_MODE; return 0 ;;
    bfloat16) export ONEDNN_DEFAULT_FPMATH_MODE=BF16; return 0 ;;
    auto) ;;
    *) echo "glimpse: GLIMPSE_PRECISION must be auto, float32 or bfloat16, not '$precision'" >&2; return 2 ;;
  esac
  [ -n "${ONEDNN_DEFAULT_FPMATH_MODE:-}" ] && return 0 # set by hand: left as it is
  case "${1:-}" in train|evaluate) return 0 ;; esac
  if grep -qwE 'avx512_bf16|amx_bf16' /proc/cpuinfo 2>/dev/null; then
    export ONEDNN_DEFAULT_FPMATH_MODE=BF16
  fi
  return 0
}

# A one-event analyze is over in about two seconds, half of it the JVM loading and compiling classes before any
# native work (docs/benchmarks.md): for analyze, only the quick compiler runs (the work is native), and the classes
# come from a class-data archive ($1, made by the clone's launcher after each build) when there is one. Prints the
# options for the command line in $2..., else nothing.
glimpse_startup_options() {
  local archive="$1"
  shift
  [ "${1:-}" = "analyze" ] || return 0
  printf '%s' "-XX:TieredStopAtLevel=1"
  if [ -n "$archive" ] && [ -f "$archive" ]; then
    printf ' %s' "-XX:SharedArchiveFile=$archive"
  fi
  echo
}

# The desktop app turns over a frame's worth of garbage (6 MB at 1080p) per frame shown, and the JVM's
# default heap (a quarter of the machine's memory) lets that grow to gigabytes before collecting; 1 GB
# holds the frame cache, the analyses and the window with room (docs/benchmarks.md). The command line
# (training above all) keeps the default. Prints the option for a window-opening command line, else nothing.
glimpse_heap_option() {
  case "${GLIMPSE_JAVA_OPTS:-}" in *-Xmx*) return 0 ;; esac
  # the window, spotting (a window of small crops, whatever the video's length) and reports (a few stills at a
  # time): 1 GB of heap is plenty, and a larger one lets each 1080p frame's 6 MB of garbage pile up into resident
  # memory (a 50-event report of a 1080p video peaked at 2.5 GB without it)
  if [ "$#" -eq 0 ] || [ "$1" = "gui" ] || [ "$1" = "spot" ] || [ "$1" = "evaluate-spotting" ] || [ "$1" = "report" ] \
      || { [ "$#" -eq 1 ] && [ "${1#-}" = "$1" ] && [ -e "$1" ]; }; then
    echo "-Xmx1g"
  fi
}
