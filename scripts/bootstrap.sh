#!/usr/bin/env bash
# Installs what is missing on a Debian bookworm machine, then configures and
# builds accrue. Safe to run again: it installs nothing that is there already.
#
#   BUILD_DIR   build folder (default: build)
#   BUILD_TYPE  CMake build type (default: Release)
#   CMAKE_ARGS  more arguments for CMake, such as -DACCRUE_SANITIZE=ON
#   CC, CXX     the compilers of a new build folder (clang for -DACCRUE_FUZZ=ON)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build g++ tao-pegtl-dev nlohmann-json3-dev libfmt-dev catch2 libcli11-dev
          libhowardhinnant-date-dev libsimdjson-dev libabsl-dev tzdata librapidcheck-dev
          neovim time) # neovim: the editor test drives its client; time: bench/ peak memory
# The editor tests need Node.js and npm (a machine may have its own Node.js).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
# The fuzz build (CMAKE_ARGS=-DACCRUE_FUZZ=ON) needs clang and its libFuzzer.
if [[ "${CMAKE_ARGS:-}" == *ACCRUE_FUZZ=ON* ]]; then
    packages+=(clang libclang-rt-14-dev)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The editor tooling's npm packages, exactly as package-lock.json pins them.
for folder in editors editors/vscode; do
    if [ ! -d "$folder/node_modules" ] || [ "$folder/package-lock.json" -nt "$folder/node_modules" ]; then
        (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
done

build_dir=${BUILD_DIR:-build}
# shellcheck disable=SC2086 # CMAKE_ARGS holds several words on purpose
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir"
