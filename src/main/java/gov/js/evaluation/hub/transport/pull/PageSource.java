package gov.js.evaluation.hub.transport.pull;

import java.util.Optional;

/** Reads the page of a source that follows a watermark (empty: from the start). */
@FunctionalInterface
public interface PageSource {

    /** @throws PullFailedException when the source cannot be read now; the watermark then stays */
    PulledPage after(Optional<String> watermark);
}
