package gov.js.evaluation.hub.decode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The payload formats the hub can read, by the name adapter descriptors use. */
public final class RecordReaders {

    private final Map<String, RecordReader> byFormat;

    public RecordReaders(List<RecordReader> readers) {
        this.byFormat = readers.stream().collect(Collectors.toMap(RecordReader::format, Function.identity()));
    }

    public static RecordReaders standard() {
        return standard(InputLimits.DEFAULTS);
    }

    public static RecordReaders standard(InputLimits limits) {
        return new RecordReaders(List.of(new JsonRecordReader(limits), new XmlRecordReader(limits), new CsvRecordReader(limits)));
    }

    public Optional<RecordReader> forFormat(String format) {
        return Optional.ofNullable(byFormat.get(format));
    }

    public java.util.Set<String> formats() {
        return byFormat.keySet();
    }
}
