package gov.js.evaluation.hub.schema;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of the unified case event v1 ({@code schema/case-event-v1.schema.json}): what a handler system reports
 * of a rectification case, as mappings with {@code target: case-event} fill it. A field that belongs to one kind of
 * event ({@code reply} to REPLIED…) is refused on another; free texts may hold what a person typed and are kept and
 * shown with ID-card and mobile numbers masked.
 */
public enum CaseEventField implements MappedField {
    EVENT_ID("eventId", UnifiedField.Kind.TEXT),
    CASE_ID("caseId", UnifiedField.Kind.TEXT),
    PROJECT_NO("projectNo", UnifiedField.Kind.TEXT),
    KIND("kind", UnifiedField.Kind.TEXT),
    OCCURRED_AT("occurredAt", UnifiedField.Kind.TIME),
    ACTOR("actor", UnifiedField.Kind.TEXT),
    NOTE("note", UnifiedField.Kind.TEXT, true),
    APPEAL_REASON("appealReason", UnifiedField.Kind.TEXT, "APPEALED"),
    EVIDENCE("evidence", UnifiedField.Kind.TEXT, true, "APPEALED"),
    WORKING_DAYS("workingDays", UnifiedField.Kind.INTEGER, "EXTENSION_REQUESTED"),
    IS_TRUE("isTrue", UnifiedField.Kind.BOOLEAN, "PRE_REVIEWED"),
    IS_REASONABLE("isReasonable", UnifiedField.Kind.BOOLEAN, "PRE_REVIEWED"),
    RECTIFICATION("rectification", UnifiedField.Kind.TEXT, true, "RECTIFIED"),
    REPLY("reply", UnifiedField.Kind.TEXT, true, "REPLIED"),
    VISIT_CHANNEL("visitChannel", UnifiedField.Kind.TEXT, "RETURN_VISITED"),
    REACHED("reached", UnifiedField.Kind.BOOLEAN, "RETURN_VISITED"),
    SATISFIED("satisfied", UnifiedField.Kind.BOOLEAN, "RETURN_VISITED");

    /** The case event schema v1, which defines these fields. */
    public static final String SCHEMA = "/schema/case-event-v1.schema.json";

    private final String wireName;
    private final UnifiedField.Kind kind;
    private final boolean freeText;
    /** The one kind of event the field belongs to; null: any. */
    private final String onlyWith;

    CaseEventField(String wireName, UnifiedField.Kind kind) {
        this(wireName, kind, false, null);
    }

    CaseEventField(String wireName, UnifiedField.Kind kind, boolean freeText) {
        this(wireName, kind, freeText, null);
    }

    CaseEventField(String wireName, UnifiedField.Kind kind, String onlyWith) {
        this(wireName, kind, false, onlyWith);
    }

    CaseEventField(String wireName, UnifiedField.Kind kind, boolean freeText, String onlyWith) {
        this.wireName = wireName;
        this.kind = kind;
        this.freeText = freeText;
        this.onlyWith = onlyWith;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public UnifiedField.Kind kind() {
        return kind;
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    /** Text a person types: kept and shown with ID-card and mobile numbers masked. */
    public boolean freeText() {
        return freeText;
    }

    /** The kind of event this field belongs to, if only one. */
    public Optional<String> onlyWith() {
        return Optional.ofNullable(onlyWith);
    }

    /** The facts of an event beside which case it is, what it is, when and by whom: the timeline's detail. */
    public static final Set<CaseEventField> ENVELOPE = Set.of(EVENT_ID, CASE_ID, PROJECT_NO, KIND, OCCURRED_AT, ACTOR);

    public static Optional<CaseEventField> byWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
