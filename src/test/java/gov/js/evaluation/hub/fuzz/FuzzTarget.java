package gov.js.evaluation.hub.fuzz;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An endpoint the fuzzer sends to, with the records it sends in the source's own field names and format: a valid
 * record to start from, the fields a person types there (where personal numbers may be planted), and how records
 * are written into a body (escaping every value as the format wants, so that a value cannot break its neighbours).
 */
enum FuzzTarget {

    WEB_JSON("province-web", "application/json", StandardCharsets.UTF_8, "id",
            Set.of("writingEvaluation", "proManager", "userName", "certKey")) {
        @Override
        Map<String, String> validRecord(String caseNo) {
            return national(caseNo, "320102");
        }

        @Override
        byte[] body(List<Map<String, String>> records) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < records.size(); i++) {
                s.append(i == 0 ? "" : ",").append(json(records.get(i)));
            }
            return s.append(']').toString().getBytes(charset());
        }
    },
    NANJING_NDJSON("city-320100", "application/x-ndjson", StandardCharsets.UTF_8, "id",
            Set.of("writingEvaluation", "proManager", "userName", "certKey")) {
        @Override
        Map<String, String> validRecord(String caseNo) {
            Map<String, String> r = national(caseNo, "320102");
            r.put("pf", "2");
            return r;
        }

        @Override
        byte[] body(List<Map<String, String>> records) {
            StringBuilder s = new StringBuilder();
            records.forEach(r -> s.append(json(r)).append('\n'));
            return s.toString().getBytes(charset());
        }
    },
    SUZHOU_XML("city-320500", "application/xml", Charset.forName("GBK"), "xh", Set.of("wzpj", "blr", "zjhm")) {
        @Override
        Map<String, String> validRecord(String caseNo) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("xh", "SZ-" + caseNo);
            r.put("bjbh", "320500-F-" + caseNo);
            r.put("sxbm", "11320100MB1234567A4000117203");
            r.put("sxmc", "出入境证件");
            r.put("bmdm", "11320100MB1234567A");
            r.put("blbm", "苏州市公安局出入境管理支队");
            r.put("blr", "李经办");
            r.put("xzqh", "320508000000");
            r.put("pjqd", "政务服务网");
            r.put("pjrlx", "自然人");
            r.put("myd", "2");
            r.put("wzpj", "一次办好");
            r.put("pjsj", "2026/11/26 11:20:00");
            return r;
        }

        @Override
        byte[] body(List<Map<String, String>> records) {
            StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<pjsj>\n");
            for (Map<String, String> r : records) {
                s.append("<pj xh=\"").append(xml(r.getOrDefault("xh", ""))).append("\">");
                r.forEach((k, v) -> {
                    if (!k.equals("xh")) {
                        s.append('<').append(k).append('>').append(xml(v)).append("</").append(k).append('>');
                    }
                });
                s.append("</pj>\n");
            }
            return s.append("</pjsj>\n").toString().getBytes(charset());
        }

        @Override
        boolean holds(String value) {
            return value.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF) && !hasLoneSurrogate(value);
        }
    },
    WUXI_CSV("test-csv", "text/csv", Charset.forName("GBK"), "评价编号", Set.of("文字评价", "证件号码")) {
        private static final List<String> HEADER = List.of("评价编号", "办件编号", "事项编码", "事项名称", "部门代码", "办理部门", "区划",
                "渠道", "评价人类型", "证件号码", "满意度", "评价指标", "文字评价", "评价时间");

        @Override
        Map<String, String> validRecord(String caseNo) {
            Map<String, String> r = new LinkedHashMap<>();
            List<String> values = List.of("WX-" + caseNo, "320200-F-" + caseNo, "11320100MB1234567A4000117301", "出生医学证明",
                    "11320100MB1234567A", "无锡市卫生健康委员会", "320213", "政务服务网", "自然人", "", "5", "", "", "20261126081500");
            for (int i = 0; i < HEADER.size(); i++) {
                r.put(HEADER.get(i), values.get(i));
            }
            return r;
        }

        @Override
        byte[] body(List<Map<String, String>> records) {
            StringBuilder s = new StringBuilder(String.join(",", HEADER)).append('\n');
            for (Map<String, String> r : records) {
                for (int i = 0; i < HEADER.size(); i++) {
                    s.append(i == 0 ? "" : ",").append(csv(r.getOrDefault(HEADER.get(i), "")));
                }
                s.append('\n');
            }
            return s.toString().getBytes(charset());
        }
    };

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String sourceId;
    private final String contentType;
    private final Charset charset;
    private final String idField;
    private final Set<String> personFields;

    FuzzTarget(String sourceId, String contentType, Charset charset, String idField, Set<String> personFields) {
        this.sourceId = sourceId;
        this.contentType = contentType;
        this.charset = charset;
        this.idField = idField;
        this.personFields = personFields;
    }

    /** A record that the source's adapter maps and the hub accepts, under a case number of its own. */
    abstract Map<String, String> validRecord(String caseNo);

    abstract byte[] body(List<Map<String, String>> records);

    /** Whether the format can carry the value as it is (XML 1.0 cannot carry most control characters). */
    boolean holds(String value) {
        return true;
    }

    String path(boolean dryRun) {
        return "/api/v1/sources/" + sourceId + "/evaluations" + (dryRun ? "/validate" : "");
    }

    String sourceId() {
        return sourceId;
    }

    String contentType() {
        return contentType;
    }

    Charset charset() {
        return charset;
    }

    String idField() {
        return idField;
    }

    /** A field a person types, where a personal number may be planted; the record's id too (a phone as the id). */
    boolean isPersonField(String field) {
        return personFields.contains(field) || field.equals(idField);
    }

    static String freshCaseNo() {
        return UUID.randomUUID().toString().substring(0, 18);
    }

    private static Map<String, String> national(String caseNo, String area) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("id", "F-" + caseNo);
        r.put("projectNo", "320100-F-" + caseNo);
        r.put("taskCode", "11320100MB1234567A4000117001");
        r.put("taskName", "个体工商户设立登记");
        r.put("subMatter", "1");
        r.put("deptCode", "11320100MB1234567A");
        r.put("proDepart", "南京市市场监督管理局");
        r.put("proManager", "王经办");
        r.put("areaCode", area);
        r.put("proStatus", "3");
        r.put("pf", "1");
        r.put("userProp", "1");
        r.put("userName", "测试");
        r.put("userPageType", "111");
        r.put("satisfaction", "2");
        r.put("evalDetail", "501,502");
        r.put("writingEvaluation", "等候时间长");
        r.put("assessTime", "2026-11-26 10:15:00");
        r.put("acceptDate", "2026-11-25 09:30:00");
        r.put("promiseTime", "1");
        r.put("anonymityFlag", "2");
        r.put("publicFlag", "1");
        return r;
    }

    /** A record as JSON; a value written {@code <json>…} is put in as that JSON (a number, a list) instead of a string. */
    static String json(Map<String, String> record) {
        if (record.containsKey(WHOLE_RECORD)) {
            return record.get(WHOLE_RECORD);
        }
        ObjectNode o = JSON.createObjectNode();
        record.forEach((k, v) -> {
            if (v != null && v.startsWith(RAW_JSON)) {
                o.set(k, JSON.readTree(v.substring(RAW_JSON.length())));
            } else {
                o.put(k, v);
            }
        });
        return o.toString();
    }

    static final String RAW_JSON = "<json>";
    /** A record map with only this key stands for the JSON text of its value in place of a record. */
    static final String WHOLE_RECORD = "<record>";

    private static String xml(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String csv(String v) {
        return v.isEmpty() || v.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return false;
    }
}
