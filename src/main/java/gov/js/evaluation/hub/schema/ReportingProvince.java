package gov.js.evaluation.hub.schema;

/**
 * The province this hub reports for: Jiangsu. The hub decides the record's {@code dataSource} (a source may leave it
 * out, or send this one; another province is refused), and region codes of its records start with 32.
 */
public final class ReportingProvince {

    /** dataSource: the 3-digit code of the reporting province. */
    public static final String DATA_SOURCE = "320";
    /** The first digits of every region code of the province (GB/T 2260). */
    public static final String REGION_PREFIX = "32";
    public static final String NAME = "Jiangsu";

    private ReportingProvince() {
    }
}
