package gov.js.evaluation.hub.config;

/** A configuration file (source, adapter descriptor, mapping) is wrong; the message names the file and the problem. */
public class ConfigFileException extends RuntimeException {

    public ConfigFileException(String message) {
        super(message);
    }

    public ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
