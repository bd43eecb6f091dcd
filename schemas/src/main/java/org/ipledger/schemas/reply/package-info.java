/** Replies on {@code ipledger.replies.<platformId>}: {@link org.ipledger.schemas.reply.CommandReply}. */
package org.ipledger.schemas.reply;
