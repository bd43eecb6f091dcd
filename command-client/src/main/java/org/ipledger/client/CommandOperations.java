package org.ipledger.client;

import java.time.Duration;

import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.reply.CommandReply;

/** Sends commands to the master and waits for their replies. */
public interface CommandOperations {

    /**
     * Sends the command and returns the master's reply. On a timeout the same command (same
     * {@code requestId}) is sent again, up to the client's attempts, so it has one effect however
     * many times it travels.
     *
     * @throws CommandTimeoutException when no reply came within {@code timeout} on any attempt
     */
    CommandReply send(Command command, Duration timeout);
}
