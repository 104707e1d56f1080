package gov.js.evaluation.hub.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes input number n of a run, the same for the same seed: a body of valid records of one target (or an SMS reply
 * or invitation) with one record spoiled, field by field (a hostile value, a wrong type, a field dropped, added or
 * given twice, a personal number planted where a person writes), or the whole body spoiled byte by byte (cut, bits
 * flipped, bytes inserted or dropped, a part repeated) and in shape (empty, a BOM, deep nesting, a DTD, too many
 * records). Field mutations keep the body well-formed, so the records beside the spoiled one must still be taken.
 */
final class Mutator {

    private static final int RECORDS = 3;

    private final long seed;
    private final PlantedNumbers planted;
    private final int maxRecordsPerRequest;

    Mutator(long seed, PlantedNumbers planted, int maxRecordsPerRequest) {
        this.seed = seed;
        this.planted = planted;
        this.maxRecordsPerRequest = maxRecordsPerRequest;
    }

    FuzzInput input(long n, SmsFixtures sms) {
        Random random = new Random(seed * 1_000_003L + n);
        int pick = random.nextInt(100);
        if (pick < 8) {
            return sms.reply(n, random, planted);
        }
        if (pick < 14) {
            return sms.invitation(n, random, planted);
        }
        FuzzTarget target = FuzzTarget.values()[random.nextInt(FuzzTarget.values().length)];
        boolean dryRun = random.nextInt(10) == 0;
        List<Map<String, String>> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(target.validRecord(FuzzTarget.freshCaseNo()));
        }
        int bad = random.nextInt(RECORDS);
        Set<Integer> intact = new HashSet<>();
        for (int i = 0; i < RECORDS; i++) {
            if (i != bad) {
                intact.add(i);
            }
        }
        if (pick < 70) {
            String kind = spoilRecord(target, records.get(bad), random);
            boolean strict = records.get(bad).values().stream().allMatch(v -> v == null || target.holds(v));
            return new FuzzInput(n, target.name() + ":" + kind, target.path(dryRun), target.contentType(), target.body(records),
                    strict, intact);
        }
        return spoilBody(n, target, dryRun, records, random);
    }

    /** Spoils one record in place; answers what was done. */
    private String spoilRecord(FuzzTarget target, Map<String, String> record, Random random) {
        List<String> fields = new ArrayList<>(record.keySet());
        String field = fields.get(random.nextInt(fields.size()));
        boolean json = target == FuzzTarget.WEB_JSON || target == FuzzTarget.NANJING_NDJSON;
        int what = random.nextInt(json ? 8 : 6);
        switch (what) {
            case 0, 1, 2 -> record.put(field, HostileValues.any(random, planted, target.isPersonField(field)));
            case 3 -> {
                List<String> person = fields.stream().filter(target::isPersonField).toList();
                if (!person.isEmpty()) {
                    record.put(person.get(random.nextInt(person.size())), planted.writtenSomeWay(random));
                }
                return "plant";
            }
            case 4 -> record.remove(field);
            case 5 -> record.put(json ? HostileValues.randomText(random, 1 + random.nextInt(12)) : "x" + random.nextInt(100), "?");
            case 6 -> record.put(field, FuzzTarget.RAW_JSON + List.of("[{}]", "{}", "[]", "123456789012", "-0.5e99", "true", "null",
                    "[\"501\",\"502\"]", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}").get(random.nextInt(9)));
            default -> {
                // the whole record replaced by something that is no record
                record.clear();
                record.put(FuzzTarget.WHOLE_RECORD, List.of("42", "\"text\"", "[1,2]", "null", "[]").get(random.nextInt(5)));
                return "not-a-record";
            }
        }
        return List.of("value", "value", "value", "plant", "drop", "unknown-field", "type", "not-a-record").get(what) + ":" + field;
    }

    private FuzzInput spoilBody(long n, FuzzTarget target, boolean dryRun, List<Map<String, String>> records, Random random) {
        byte[] body = target.body(records);
        String kind;
        switch (random.nextInt(10)) {
            case 0 -> {
                body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
                kind = "cut";
            }
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
                }
                kind = "flip";
            }
            case 2 -> {
                byte[] junk = new byte[1 + random.nextInt(16)];
                random.nextBytes(junk);
                body = Bytes.splice(body, random.nextInt(body.length), 0, junk);
                kind = "insert";
            }
            case 3 -> {
                int at = random.nextInt(body.length);
                body = Bytes.splice(body, at, Math.min(body.length - at, 1 + random.nextInt(32)), new byte[0]);
                kind = "drop";
            }
            case 4 -> {
                int at = random.nextInt(body.length);
                int length = Math.min(body.length - at, 1 + random.nextInt(200));
                byte[] part = java.util.Arrays.copyOfRange(body, at, at + length);
                body = Bytes.splice(body, at, 0, part);
                kind = "repeat";
            }
            case 5 -> {
                body = random.nextBoolean() ? new byte[0] : "  \n\t ".getBytes(StandardCharsets.US_ASCII);
                kind = "empty";
            }
            case 6 -> {
                body = Bytes.splice(body, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                kind = "bom";
            }
            case 7 -> {
                int depth = 20 + random.nextInt(80);
                String deep = "[".repeat(depth) + "{}" + "]".repeat(depth);
                String xmlDeep = "<?xml version=\"1.0\"?><pjsj>" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</pjsj>";
                body = (target == FuzzTarget.SUZHOU_XML ? xmlDeep : deep).getBytes(StandardCharsets.UTF_8);
                kind = "deep";
            }
            case 8 -> {
                String dtd = "<?xml version=\"1.0\"?><!DOCTYPE pjsj [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                        + "<pjsj><pj><wzpj>&b;&b;&b;</wzpj></pj></pjsj>";
                body = dtd.getBytes(StandardCharsets.UTF_8);
                kind = "dtd";
            }
            default -> {
                List<Map<String, String>> many = new ArrayList<>();
                for (int i = 0; i <= maxRecordsPerRequest; i++) {
                    many.add(new LinkedHashMap<>(records.get(0)));
                }
                body = target.body(many);
                kind = "too-many-records";
            }
        }
        return new FuzzInput(n, target.name() + ":" + kind, target.path(dryRun), target.contentType(), body, false, Set.of());
    }

}
