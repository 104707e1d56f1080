package gov.js.evaluation.hub.decode;

import java.io.InputStream;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one payload format into source records, one at a time, so a file of a million records
 * needs no more memory than one. Reading a format is separate from mapping its fields: any adapter
 * can sit behind any reader.
 */
public interface RecordReader {

    /** The format name used in adapter descriptors, e.g. {@code json}. */
    String format();

    /** Settings this reader understands in the descriptor's {@code reader:} block (others are refused at load). */
    default Set<String> settings() {
        return Set.of();
    }

    /**
     * Checks the values of this reader's settings when the descriptor loads, so that a bad value is
     * refused then and not at the first payload.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with its value
     */
    default void checkSettings(java.util.Map<String, String> settings) {
    }

    /**
     * Hands each record to {@code sink} in payload order. A record that cannot be parsed is handed
     * over as unparseable; the reader goes on where the format allows it.
     *
     * @throws UnparseableBodyException when the payload as a whole cannot be read
     */
    void read(InputStream payload, ReaderOptions options, Consumer<SourceRecord> sink);
}
