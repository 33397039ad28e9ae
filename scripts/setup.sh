#!/usr/bin/env bash
# Set up dunguard in a local virtual environment (.venv) from the package registries.
# Idempotent: run it again after pulling; it only installs what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for cand in python3.11 python3 python; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PY=$cand; break
    fi
  done
fi
if [ -z "$PY" ]; then
  echo "dunguard 需要 Python 3.11 或更新版本（Debian/Ubuntu: sudo apt-get install python3 python3-venv）" >&2
  exit 2
fi
if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
  else
    echo "缺少 Python 的 venv 模块，请先安装：sudo apt-get install python3-venv" >&2
    exit 2
  fi
fi
# System packages for PDF documents (WeasyPrint): Pango, the CJK fonts it embeds, HarfBuzz's
# subsetter (fast font subsetting), poppler's pdftotext/pdftoppm (tests read and render PDFs).
# Debian's chromium: the web app's browser tests drive it through Playwright (never
# `playwright install`, which would download a browser build of its own).
# fonts-noto-color-emoji: the screenshot tests draw emoji the way phones show them.
apt_pkgs="fonts-noto-cjk fonts-noto-color-emoji libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils chromium"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $apt_pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
  done
fi
if [ -n "$missing" ]; then
  as_root=""
  [ "$(id -u)" = 0 ] || as_root="sudo"
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$as_root" ] || command -v sudo >/dev/null 2>&1; }; then
    $as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "生成 PDF 和运行浏览器测试需要这些系统软件包，请先安装：sudo apt-get install$missing" >&2
  fi
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.dunguard-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
  touch "$stamp"
fi
