/**
 * In-process servers for the services' embedded mode and for the integration tests:
 * {@link org.ipledger.embedded.EmbeddedMariaDb}, a MariaDB server on 127.0.0.1 whose ROW binlog
 * feeds change capture.
 */
package org.ipledger.embedded;
