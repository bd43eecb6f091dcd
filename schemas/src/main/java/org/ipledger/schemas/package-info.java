/**
 * Wire contracts of ipledger: the JSON Schema of every command, reply, change event and ledger
 * entry (resources {@code schemas/}), their Java records, the one serialiser/deserialiser pair,
 * the runtime {@link org.ipledger.schemas.MessageValidator}, topic names and the Kafka headers
 * (CloudEvents, signing, dead letters).
 */
package org.ipledger.schemas;
