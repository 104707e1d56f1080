#!/usr/bin/env bash
# Builds the SMS reply matcher into plugins/sms-reply.jar against the hub's classes.
# The running hub picks plugin jars up from its plugins folder (hub.plugins-dir) when it loads adapters.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=target/hub.classpath
out=target/plugin-classes/sms-reply
rm -rf "$out" && mkdir -p "$out" plugins
javac --release 17 -encoding UTF-8 -d "$out" -cp "target/classes:$(cat target/hub.classpath)" \
  $(find adapters/sms-reply/plugin/src/main/java -name '*.java')
cp -r adapters/sms-reply/plugin/src/main/resources/. "$out"/
jar cf plugins/sms-reply.jar -C "$out" .
echo "built plugins/sms-reply.jar"
