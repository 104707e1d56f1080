package gov.js.evaluation.hub.source;

import java.util.Map;
import java.util.Optional;

/**
 * How records of a source reach the hub, with the transport's own settings from the block named
 * after the transport in {@code sources/<id>.yaml} (e.g. {@code file-inbox: {inbox: …}}).
 */
public sealed interface TransportSettings permits HttpPushSettings, FileInboxSettings, PullSettings {

    /** The transport's name as written in source files, e.g. {@code rest-pull}. */
    String transport();

    /** The settings as GET /api/v1/sources shows them: secrets left out. */
    Map<String, Object> shown();

    /**
     * The format the transport itself hands records to the adapter in, when it decides it (the pulls
     * hand over JSON objects); empty when the adapter's reader reads what the source sent.
     */
    default Optional<String> recordFormat() {
        return Optional.empty();
    }
}
