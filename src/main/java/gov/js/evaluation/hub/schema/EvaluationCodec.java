package gov.js.evaluation.hub.schema;

import gov.js.evaluation.hub.schema.codes.AssessNumber;
import gov.js.evaluation.hub.schema.codes.Channel;
import gov.js.evaluation.hub.schema.codes.CodedValue;
import gov.js.evaluation.hub.schema.codes.PromiseTime;
import gov.js.evaluation.hub.schema.codes.ProStatus;
import gov.js.evaluation.hub.schema.codes.Satisfaction;
import gov.js.evaluation.hub.schema.codes.SubMatter;
import gov.js.evaluation.hub.schema.codes.UserProp;
import gov.js.evaluation.hub.schema.codes.YesNo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between the unified wire form (a JSON object with the national field names) and
 * {@link Evaluation}. Reading is lenient: what does not convert becomes null, because schema
 * validation has already named it.
 */
public final class EvaluationCodec {

    private EvaluationCodec() {
    }

    public static Evaluation fromWire(JsonNode wire) {
        return new Evaluation(
                text(wire, UnifiedField.PROJECT_NO),
                code(AssessNumber.class, wire, UnifiedField.ASSESS_NUMBER),
                text(wire, UnifiedField.TASK_CODE),
                text(wire, UnifiedField.TASK_HANDLE_ITEM),
                text(wire, UnifiedField.TASK_NAME),
                code(SubMatter.class, wire, UnifiedField.SUB_MATTER),
                text(wire, UnifiedField.DEPT_CODE),
                text(wire, UnifiedField.PRO_DEPART),
                text(wire, UnifiedField.PRO_MANAGER),
                text(wire, UnifiedField.AREA_CODE),
                code(ProStatus.class, wire, UnifiedField.PRO_STATUS),
                code(Channel.class, wire, UnifiedField.PF),
                code(UserProp.class, wire, UnifiedField.USER_PROP),
                text(wire, UnifiedField.USER_NAME),
                text(wire, UnifiedField.USER_PAGE_TYPE),
                text(wire, UnifiedField.CERT_KEY),
                code(Satisfaction.class, wire, UnifiedField.SATISFACTION),
                list(text(wire, UnifiedField.EVAL_DETAIL)),
                text(wire, UnifiedField.WRITING_EVALUATION),
                time(wire, UnifiedField.ASSESS_TIME),
                time(wire, UnifiedField.ACCEPT_DATE),
                code(PromiseTime.class, wire, UnifiedField.PROMISE_TIME),
                text(wire, UnifiedField.DATA_SOURCE),
                code(YesNo.class, wire, UnifiedField.ANONYMITY_FLAG),
                code(YesNo.class, wire, UnifiedField.PUBLIC_FLAG));
    }

    /** The wire form in field order; absent values are left out. */
    public static ObjectNode toWire(Evaluation e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        put(n, UnifiedField.PROJECT_NO, e.projectNo());
        if (e.assessNumber() != null) {
            n.put(UnifiedField.ASSESS_NUMBER.wireName(), Integer.parseInt(e.assessNumber().code()));
        }
        put(n, UnifiedField.TASK_CODE, e.taskCode());
        put(n, UnifiedField.TASK_HANDLE_ITEM, e.taskHandleItem());
        put(n, UnifiedField.TASK_NAME, e.taskName());
        put(n, UnifiedField.SUB_MATTER, e.subMatter());
        put(n, UnifiedField.DEPT_CODE, e.deptCode());
        put(n, UnifiedField.PRO_DEPART, e.proDepart());
        put(n, UnifiedField.PRO_MANAGER, e.proManager());
        put(n, UnifiedField.AREA_CODE, e.areaCode());
        put(n, UnifiedField.PRO_STATUS, e.proStatus());
        put(n, UnifiedField.PF, e.pf());
        put(n, UnifiedField.USER_PROP, e.userProp());
        put(n, UnifiedField.USER_NAME, e.userName());
        put(n, UnifiedField.USER_PAGE_TYPE, e.userPageType());
        put(n, UnifiedField.CERT_KEY, e.certKey());
        put(n, UnifiedField.SATISFACTION, e.satisfaction());
        put(n, UnifiedField.EVAL_DETAIL, e.evalDetail().isEmpty() ? null : String.join(",", e.evalDetail()));
        put(n, UnifiedField.WRITING_EVALUATION, e.writingEvaluation());
        put(n, UnifiedField.ASSESS_TIME, ChinaTime.format(e.assessTime()));
        put(n, UnifiedField.ACCEPT_DATE, ChinaTime.format(e.acceptDate()));
        put(n, UnifiedField.PROMISE_TIME, e.promiseTime());
        put(n, UnifiedField.DATA_SOURCE, e.dataSource());
        put(n, UnifiedField.ANONYMITY_FLAG, e.anonymityFlag());
        put(n, UnifiedField.PUBLIC_FLAG, e.publicFlag());
        return n;
    }

    private static void put(ObjectNode n, UnifiedField field, CodedValue value) {
        put(n, field, value == null ? null : value.code());
    }

    private static void put(ObjectNode n, UnifiedField field, String value) {
        if (value != null) {
            n.put(field.wireName(), value);
        }
    }

    static String text(JsonNode wire, UnifiedField field) {
        JsonNode v = wire.path(field.wireName());
        if (v.isMissingNode() || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String s = v.asString();
        return s.isEmpty() ? null : s;
    }

    private static <E extends Enum<E> & CodedValue> E code(Class<E> type, JsonNode wire, UnifiedField field) {
        return CodedValue.byCode(type, text(wire, field)).orElse(null);
    }

    private static Instant time(JsonNode wire, UnifiedField field) {
        return ChinaTime.parse(text(wire, field)).orElse(null);
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
