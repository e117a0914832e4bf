#!/usr/bin/env bash
# Takes screenshots of every hosted page in headless Chromium (Debian's chromium and
# chromium-driver) and writes the English contact sheet of the default theme to
# docs/hosted-pages.png. The screenshots of every language stay under app/target/pages/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
USERSVC_TEST_BROWSER=required mvn -B -q -pl app test -Dtest=HostedPagesBrowserTest -Dsurefire.failIfNoSpecifiedTests=false
cp app/target/pages/contact-sheet.png docs/hosted-pages.png
echo "wrote docs/hosted-pages.png from app/target/pages/en"
