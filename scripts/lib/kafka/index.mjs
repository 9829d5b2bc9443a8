// Local single-node Apache Kafka (KRaft, broker + controller in one JVM) for development and tests.
//
// Runs before `npm ci`, so it may only use Node built-ins. The broker itself comes from Maven
// Central (infra/kafka/pom.xml) rather than a Docker image or a tarball: Java and Maven are the
// only prerequisites, and ~/.m2 caches the download across clones.
//
// One module per concern: paths, tools (Java, Maven), jars, storage (configuration and format),
// processes (spawn, recognise, stop), protocol (the readiness probe), broker (start, status).

export { kafkaStatus, startKafka } from './broker.mjs';
export { ensureKafkaJars } from './jars.mjs';
export { stopKafka } from './processes.mjs';
export { probeKafka } from './protocol.mjs';
