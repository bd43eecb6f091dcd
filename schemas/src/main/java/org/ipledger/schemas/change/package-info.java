/**
 * Values on {@code ipledger.changes}, keyed by platform id: {@link org.ipledger.schemas.change.ChangeEvent}s
 * captured from a platform database, and {@link org.ipledger.schemas.change.MigrationChunk}s of its
 * address space. Rows carry the platform's column names, without owner names or DNSBL lists (I5).
 */
package org.ipledger.schemas.change;
