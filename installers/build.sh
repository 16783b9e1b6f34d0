#!/usr/bin/env bash
# Builds Glimpse as an installable application with its own Java runtime (jlink + jpackage, the
# non-modular route: DJL and JavaCV are not proper modules, so everything runs from the
# class path on a runtime that holds just the JDK modules listed below).
#
#   installers/build.sh           app-image at target/dist/glimpse/   (bin/glimpse is the launcher)
#   installers/build.sh --deb     the app-image, then target/dist/glimpse_VERSION_amd64.deb
#   installers/build.sh --gpu     the same from the gpu profile (CUDA 12.4 natives, about 2.3 GB more)
#
# jpackage does not cross-compile: run this on the platform you build for (README.md in this folder).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

deb=false
profile=()
for arg in "$@"; do
  case "$arg" in
    --deb) deb=true ;;
    --gpu) profile=(-Pgpu) ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option '$arg' (--deb, --gpu)" >&2; exit 2 ;;
  esac
done
for tool in jlink jpackage mvn; do
  command -v "$tool" >/dev/null || { echo "build.sh: '$tool' not found (it comes with JDK 17 and Maven)" >&2; exit 2; }
done

version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)"   # the project's own
app_version="${version%%-*}"          # jpackage wants numbers only: 0.1.0-SNAPSHOT -> 0.1.0
work="$root/target/dist-work"
dist="$root/target/dist"
input="$work/input"
rm -rf "$work" "$dist/glimpse"
mkdir -p "$input/lib" "$dist"

# The program and exactly its run-time dependencies (a fresh copy: target/lib may hold old versions).
echo "build.sh: packaging Glimpse $version" >&2
mvn -q -B "${profile[@]}" -DskipTests package
build="$root/target"
[ "${#profile[@]}" -gt 0 ] && build="$root/target/gpu"
cp "$build/glimpse.jar" "$input/"
mvn -q -B "${profile[@]}" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$input/lib"
cp -r "$root/sample-clips" "$input/sample-clips"
rm -f "$input/sample-clips/make-samples.sh"

# The JDK modules the class path needs (jdeps cannot follow the automatic and split-package jars here,
# so the list is kept by hand; CI runs the bundle, which fails if one is missing).
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.logging,java.management,java.naming
modules+=,java.prefs,java.scripting,java.sql,java.xml,jdk.unsupported,jdk.zipfs,jdk.management,jdk.charsets

# Options every launch needs: no network, no usage reporting, and where the bundled files are.
java_options=(--java-options "-Dai.djl.offline=true" --java-options "-DOPT_OUT_TRACKING=true"
  --java-options '-Dglimpse.home=$APPDIR')

# The native launcher is bin/glimpse-java; bin/glimpse (and bin/glimpse-cli) are scripts that choose
# the allocator libtorch needs before the JVM starts, which a native launcher cannot do.
echo "build.sh: jlink + jpackage (app-image)" >&2
echo "linux-shortcut=false" > "$work/launcher.properties"   # no menu entry of its own
jpackage --type app-image --dest "$work/image" --name glimpse \
  --app-version "$app_version" --vendor "Glimpse" --description "Micro-expression annotation and ATM-GCN analysis" \
  --input "$input" --main-jar glimpse.jar --main-class dev.glimpse.cli.Main "${java_options[@]}" \
  --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands --compress=2" \
  --icon "$root/installers/linux/glimpse.png" \
  --add-launcher glimpse-java="$work/launcher.properties"
image="$work/image/glimpse"
cp "$root/installers/allocator.sh" "$image/lib/allocator.sh"
install -m 755 "$root/installers/linux/glimpse.sh" "$image/bin/glimpse"
install -m 755 "$root/installers/linux/glimpse-cli.sh" "$image/bin/glimpse-cli"
mv "$image" "$dist/glimpse"
echo "build.sh: app-image at target/dist/glimpse ($(du -sh "$dist/glimpse" | cut -f1))" >&2

if $deb; then
  command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null \
    || { echo "build.sh: --deb needs dpkg-deb and fakeroot (apt-get install dpkg-dev fakeroot)" >&2; exit 2; }
  echo "build.sh: jpackage (deb)" >&2
  rm -f "$dist"/glimpse_*.deb
  jpackage --type deb --dest "$dist" --app-image "$dist/glimpse" --name glimpse --app-version "$app_version" \
    --vendor "Glimpse" --description "Micro-expression annotation and ATM-GCN analysis" \
    --linux-package-name glimpse --linux-deb-maintainer "glimpse@example.org" --linux-menu-group "Science;Education" \
    --linux-app-category science --linux-shortcut --linux-package-deps "libgtk-3-0, libjemalloc2" \
    --icon "$root/installers/linux/glimpse.png" \
    --file-associations "$root/installers/linux/project-file.properties" \
    --resource-dir "$root/installers/linux/resources"
  echo "build.sh: $(ls "$dist"/glimpse_*.deb) ($(du -sh "$dist"/glimpse_*.deb | cut -f1))" >&2
fi
