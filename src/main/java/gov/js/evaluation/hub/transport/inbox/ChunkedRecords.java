package gov.js.evaluation.hub.transport.inbox;

import gov.js.evaluation.hub.decode.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects the records a reader streams out into chunks of a fixed size and hands each full chunk on,
 * so a file of any length holds one chunk in memory. A chunk that fails comes back as {@link ChunkFailed},
 * never mistaken for a problem of the reader.
 */
final class ChunkedRecords implements Consumer<SourceRecord> {

    /** The handling of a chunk failed; the cause says how. */
    static final class ChunkFailed extends RuntimeException {
        ChunkFailed(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private final int size;
    private final Consumer<List<SourceRecord>> chunkHandler;
    private List<SourceRecord> pending;

    ChunkedRecords(int size, Consumer<List<SourceRecord>> chunkHandler) {
        this.size = size;
        this.chunkHandler = chunkHandler;
        this.pending = new ArrayList<>(size);
    }

    @Override
    public void accept(SourceRecord record) {
        pending.add(record);
        if (pending.size() >= size) {
            flush();
        }
    }

    /** Hands on the records collected so far (the last, short chunk). */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<SourceRecord> chunk = pending;
        pending = new ArrayList<>(size);
        try {
            chunkHandler.accept(chunk);
        } catch (RuntimeException e) {
            throw new ChunkFailed(e);
        }
    }
}
