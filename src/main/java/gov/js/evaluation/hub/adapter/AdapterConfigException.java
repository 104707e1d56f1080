package gov.js.evaluation.hub.adapter;

/** An adapter descriptor or mapping file is wrong; the message names the file and the problem. */
public class AdapterConfigException extends gov.js.evaluation.hub.config.ConfigFileException {

    public AdapterConfigException(String message) {
        super(message);
    }

    public AdapterConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
