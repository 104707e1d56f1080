package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.decode.SourceRecord;
import java.util.List;

/**
 * One page read from a pulled source: its records, the watermark after the last of them (null when the
 * page brought nothing and the source named no position), and whether more records follow right now.
 */
public record PulledPage(List<SourceRecord> records, String nextWatermark, boolean more) {
}
