/**
 * Entries of {@code ipledger.ledger}: every change the master committed, with a gap-free
 * {@code seq} in commit order (I3). Addresses carry no owner name (I5).
 */
package org.ipledger.schemas.ledger;
