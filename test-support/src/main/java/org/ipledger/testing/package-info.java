/**
 * Shared test fixtures: one MariaDB server with a ROW binlog
 * ({@link org.ipledger.testing.SharedMariaDb}) and one in-process KRaft Kafka broker
 * ({@link org.ipledger.testing.SharedKafka}) per test JVM, started on first use and stopped when
 * the JUnit run ends.
 */
package org.ipledger.testing;
