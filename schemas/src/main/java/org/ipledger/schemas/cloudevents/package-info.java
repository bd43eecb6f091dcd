/**
 * CloudEvents 1.0 attributes as Kafka headers in binary mode ({@code ce_id}, {@code ce_type},
 * {@code ce_source}, {@code ce_time}, {@code ce_specversion}), the value being the message JSON.
 */
package org.ipledger.schemas.cloudevents;
