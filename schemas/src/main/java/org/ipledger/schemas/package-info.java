/**
 * Wire contracts of ipledger: the JSON Schema of every command, reply, change event and ledger
 * entry, and their Java records. Filled by the Kafka backbone issue.
 */
package org.ipledger.schemas;
