package gov.js.evaluation.hub.schema;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of the unified evaluation record (the national field set), as they are named on the wire.
 * Mappings may only target these names; personal fields are masked in answers and never logged.
 */
public enum UnifiedField implements MappedField {
    PROJECT_NO("projectNo", Kind.TEXT, false),
    ASSESS_NUMBER("assessNumber", Kind.INTEGER, false),
    TASK_CODE("taskCode", Kind.TEXT, false),
    TASK_HANDLE_ITEM("taskHandleItem", Kind.TEXT, false),
    TASK_NAME("taskName", Kind.TEXT, false),
    SUB_MATTER("subMatter", Kind.TEXT, false),
    DEPT_CODE("deptCode", Kind.TEXT, false),
    PRO_DEPART("proDepart", Kind.TEXT, false),
    PRO_MANAGER("proManager", Kind.TEXT, false, true),
    AREA_CODE("areaCode", Kind.TEXT, false),
    PRO_STATUS("proStatus", Kind.TEXT, false),
    PF("pf", Kind.TEXT, false),
    USER_PROP("userProp", Kind.TEXT, false),
    USER_NAME("userName", Kind.TEXT, true),
    USER_PAGE_TYPE("userPageType", Kind.TEXT, false),
    CERT_KEY("certKey", Kind.TEXT, true),
    SATISFACTION("satisfaction", Kind.TEXT, false),
    EVAL_DETAIL("evalDetail", Kind.LIST, false),
    WRITING_EVALUATION("writingEvaluation", Kind.TEXT, false, true),
    ASSESS_TIME("assessTime", Kind.TIME, false),
    ACCEPT_DATE("acceptDate", Kind.TIME, false),
    PROMISE_TIME("promiseTime", Kind.TEXT, false),
    DATA_SOURCE("dataSource", Kind.TEXT, false),
    ANONYMITY_FLAG("anonymityFlag", Kind.TEXT, false),
    PUBLIC_FLAG("publicFlag", Kind.TEXT, false);

    /** How a value is written on the wire. */
    public enum Kind {
        /** a string (codes are strings too) */
        TEXT,
        /** a JSON integer */
        INTEGER,
        /** {@code yyyy-MM-dd HH:mm:ss}, China time */
        TIME,
        /** a comma-separated list of codes */
        LIST,
        /** a JSON true or false (the case events' flags; no evaluation field is one) */
        BOOLEAN
    }

    /** The unified schema v1, which defines these fields. */
    public static final String SCHEMA = "/schema/evaluation-v1.schema.json";

    private final String wireName;
    private final Kind kind;
    private final boolean personal;
    private final boolean freeText;

    UnifiedField(String wireName, Kind kind, boolean personal) {
        this(wireName, kind, personal, false);
    }

    UnifiedField(String wireName, Kind kind, boolean personal, boolean freeText) {
        this.wireName = wireName;
        this.kind = kind;
        this.personal = personal;
        this.freeText = freeText;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    /** Personal information: encrypted at rest later, masked in answers, never logged. */
    public boolean personal() {
        return personal;
    }

    /**
     * Text a person types (the rater's comment, the handler's name): it may hold ID-card or phone numbers. Stored
     * encrypted in the unified record, its clear column carries it with those numbers masked, answers mask them.
     */
    public boolean freeText() {
        return freeText;
    }

    /** Stored encrypted in the unified record: personal data and free text. */
    public boolean sealed() {
        return personal || freeText;
    }

    public static Optional<UnifiedField> byWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
