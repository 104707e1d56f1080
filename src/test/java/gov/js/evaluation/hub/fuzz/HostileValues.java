package gov.js.evaluation.hub.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Values a careless or hostile sender puts into a field: control characters, lone surrogates, long and huge texts,
 * wrong types as text, impossible times and years, injection strings, lists of thousands of codes, and personal
 * numbers written every way a person writes them (planted: the run looks for them afterwards).
 */
final class HostileValues {

    private static final List<String> FIXED = List.of(
            "", " ", "\u0000", "5\u0000", "\u0000\u0001\u001f", "\u007f", "\t\r\n", "\uD800", "x\uDC00y", "\uFEFF5", "\u202E1",
            "0", "-1", "99999999999999999999", "1e308", "NaN", "true", "null", "[]", "{}", "[{}]",
            "0000-01-01 00:00:00", "1900-03-01 08:00:00", "9999-12-31 23:59:59", "2026-02-30 10:00:00", "2026-11-26T10:15:00Z",
            "2026/11/26 10:15:00", "20261126101500", "昨天", "320000", "110000", "32050", "3205089999999", "南京市鼓楼区", "杭州市",
            "11320100MB1234567A", "11320100MB1234567B", "ZZZZZZZZZZZZZZZZZZ", "501,,502", "501，502", ",", "a,b,c",
            "'; DROP TABLE evaluation; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "%00", "../../etc/passwd",
            "\\u0000", "&#0;", "&lt;", "💩🏛️", "ｆｕｌｌ", "很满意", "非常不满意", "满意度5");

    private HostileValues() {
    }

    /**
     * A value to put into a field. Into a field a person types ({@code personField}) it may be a personal number,
     * remembered in {@code planted}; system fields (case numbers, codes, names of items) get none, as no person
     * writes there.
     */
    static String any(Random random, PlantedNumbers planted, boolean personField) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> FIXED.get(random.nextInt(FIXED.size()));
            case 3 -> "x".repeat(1 + random.nextInt(random.nextBoolean() ? 200 : 5000));
            case 4 -> ("501,").repeat(random.nextInt(3000)) + "501";
            case 5 -> personField ? planted.writtenSomeWay(random) : randomText(random, 12);
            case 6 -> randomText(random, 1 + random.nextInt(64));
            default -> String.valueOf(random.nextLong());
        };
    }

    /** Characters from all over Unicode (control, surrogate and private use included). */
    static String randomText(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            s.append(kind < 5 ? (char) (0x20 + random.nextInt(0x5f)) : kind < 8 ? (char) (0x4e00 + random.nextInt(0x5000))
                    : (char) random.nextInt(0x10000));
        }
        return s.toString();
    }
}
