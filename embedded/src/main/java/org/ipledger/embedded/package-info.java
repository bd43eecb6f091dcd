/**
 * In-process servers for the services' embedded mode and for the integration tests, both on
 * 127.0.0.1 only: {@link org.ipledger.embedded.EmbeddedMariaDb}, a MariaDB server whose ROW binlog
 * feeds change capture, and {@link org.ipledger.embedded.EmbeddedKafkaBroker}, a single-node KRaft
 * Kafka broker.
 */
package org.ipledger.embedded;
