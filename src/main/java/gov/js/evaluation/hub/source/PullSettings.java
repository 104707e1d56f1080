package gov.js.evaluation.hub.source;

import java.util.Optional;

/** Transports where the hub fetches the records (a feed's records, a table's rows): they arrive as JSON objects. */
public sealed interface PullSettings extends TransportSettings permits RestPullSettings, JdbcPollSettings {

    @Override
    default Optional<String> recordFormat() {
        return Optional.of("json");
    }
}
