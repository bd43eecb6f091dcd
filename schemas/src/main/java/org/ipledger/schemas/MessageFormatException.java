package org.ipledger.schemas;

/** A message value or header that cannot be read or written as the contract says. */
public class MessageFormatException extends RuntimeException {

    public MessageFormatException(String message) {
        super(message);
    }

    public MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
