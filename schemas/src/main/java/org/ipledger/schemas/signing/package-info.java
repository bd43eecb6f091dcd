/**
 * Signing of the records an agent produces (signature v2): {@code ipledger_signature} is the
 * lowercase hex HMAC-SHA256, keyed with the UTF-8 bytes of the platform's secret, of the topic,
 * key, CloudEvents id and time and the value bytes; {@code ipledger_signature_version} is
 * {@code 2} and {@code ipledger_platform} the platform id. The master applies nothing that does
 * not verify.
 */
package org.ipledger.schemas.signing;
