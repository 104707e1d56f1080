package gov.js.evaluation.hub.decode;

import java.nio.charset.Charset;
import java.util.List;

/**
 * Reads one payload format into source records. Reading a format is separate from mapping its
 * fields: any adapter can sit behind any reader.
 */
public interface RecordReader {

    /** The format name used in adapter descriptors, e.g. {@code json}. */
    String format();

    /**
     * @throws UnparseableBodyException when nothing in the payload can be read
     */
    List<SourceRecord> read(byte[] payload, Charset charset);
}
