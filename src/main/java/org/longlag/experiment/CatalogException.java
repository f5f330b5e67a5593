package org.longlag.experiment;

/** An experiment file is malformed; the message names the file and the field. */
public final class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
