package gov.js.evaluation.hub.store;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provincial store ({@code hub.store.*}).
 *
 * @param embeddedDataDir data folder of the embedded PostgreSQL, used when spring.datasource.url is unset; its
 *                        server log is written beside it, named after it with .log added
 * @param embeddedDurable the embedded PostgreSQL writes every commit to disk before the hub answers (fsync and
 *                        synchronous commit on), as a server of its own would; false only for tests and trials,
 *                        where a machine's crash may lose the last seconds of acknowledged records
 * @param healthInterval  how often health asks the store for a sign of life, over a connection of its own; health
 *                        and metrics answer from the last answer at once, never waiting on the store; readiness
 *                        is DOWN once the store has not answered for this interval and 10 s more
 * @param groupCommit     small requests outside a caller's transaction share commits
 */
public record StoreProperties(@DefaultValue("data/postgres") @NotNull Path embeddedDataDir,
                              @DefaultValue("true") boolean embeddedDurable,
                              @DefaultValue("2s") @NotNull @DurationMin(millis = 100) Duration healthInterval,
                              @DefaultValue @Valid GroupCommitSettings groupCommit) {

    /**
     * Group commit ({@code hub.store.group-commit.*}): the waiting requests are stored in one transaction by one
     * of the writers, and each is answered after its commit.
     *
     * @param enabled    small requests outside a caller's transaction share commits: a writer stores the waiting
     *                   requests in one transaction and answers each after the commit; off, each request is a
     *                   transaction of its own
     * @param writers    writers storing waiting requests at the same time
     * @param maxRecords the most records of one shared transaction; a larger request is stored alone
     */
    public record GroupCommitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("2") @Min(1) int writers,
                                      @DefaultValue("256") @Min(1) int maxRecords) {
    }
}
