/**
 * Commands on {@code ipledger.commands}: one record per {@link org.ipledger.schemas.command.CommandType},
 * all of them {@link org.ipledger.schemas.command.Command}s. Their fields are those of the matching
 * REST body, except that an owner name never travels: only an opaque {@code ownerRef} (I5).
 */
package org.ipledger.schemas.command;
