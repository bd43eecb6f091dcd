package org.ipledger.master.commands;

/**
 * Where the reply of one command goes: always its signer's replies topic, on the partition the
 * requester asked for (or the key's), with the requester's correlation id echoed.
 *
 * @param partition the requested {@code kafka_replyPartition}, null for none
 * @param correlation the {@code kafka_correlationId} bytes, null for none
 */
record ReplyRoute(String topic, Integer partition, String key, byte[] correlation) {
}
