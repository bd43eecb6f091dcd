/**
 * Signing of the records an agent produces: {@code ipledger_signature} is the lowercase hex
 * HMAC-SHA256 of the value bytes keyed with the UTF-8 bytes of the platform's secret, and
 * {@code ipledger_platform} the platform id. The master applies nothing that does not verify.
 */
package org.ipledger.schemas.signing;
