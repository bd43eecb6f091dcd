package org.ipledger.client;

/** No reply from the master in time: the master or Kafka is unreachable or overloaded. */
public class CommandTimeoutException extends RuntimeException {

    public CommandTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
