// How the JVM is launched, shared by the storage formatter and the broker.
import fs from 'node:fs';
import path from 'node:path';
import { LOG4J_CONFIG, LOGS_DIR } from './paths.mjs';

// The classes the Kafka 4.x jars provide (the same ones bin/kafka-server-start.sh and
// bin/kafka-storage.sh run).
export const BROKER_MAIN_CLASS = 'kafka.Kafka';
export const STORAGE_TOOL_CLASS = 'kafka.tools.StorageTool';

/** $JAVA_HOME/bin/java when JAVA_HOME is set and has one, otherwise `java` on PATH. */
export function javaBin() {
  const fromHome = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java');
  return fromHome && fs.existsSync(fromHome) ? fromHome : 'java';
}

export function jvmArgs(libs, heap) {
  return [
    ...heap.split(/\s+/).filter(Boolean),
    // The GC settings of Kafka's own kafka-run-class.sh.
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${LOGS_DIR}`,
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp',
    path.join(libs, '*'), // java expands the wildcard itself: no shell needed
  ];
}
