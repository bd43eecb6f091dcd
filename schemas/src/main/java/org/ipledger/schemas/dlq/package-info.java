/**
 * Dead letters on {@code ipledger.dlq}: the original key, value and headers of a record that
 * could not be parsed, validated or verified, plus headers saying why and where it came from.
 */
package org.ipledger.schemas.dlq;
