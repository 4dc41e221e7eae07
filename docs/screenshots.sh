#!/usr/bin/env bash
# Refreshes the README's screenshots of `jwtctl ui` (docs/ui-*.png): the browser test takes
# them while it drives the page. Needs chromium and chromedriver
# (Debian: apt-get install chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
JWTCTL_REQUIRE_BROWSER=1 JWTCTL_SCREENSHOTS="$PWD/docs" \
    cargo test --test cli -- --exact ui::browser::the_page_decodes_and_verifies_in_chromium
ls -l docs/ui-*.png
