package org.longlag.cli;

/** An option or argument value is invalid; the message names it and the value. Exit code 2. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
