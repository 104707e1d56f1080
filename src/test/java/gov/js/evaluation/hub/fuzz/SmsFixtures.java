package gov.js.evaluation.hub.fuzz;

import gov.js.evaluation.hub.schema.ChinaTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * SMS inputs: a reply to an invitation the fuzzer posted just before (valid), and invitations, each with one field
 * spoiled (or none). The phone number and the reply's text are what a person types there: planted numbers go there.
 */
final class SmsFixtures {

    private static final String INVITATIONS = "/api/v1/sources/sms/invitations";
    private static final String REPLIES = "/api/v1/sources/sms/evaluations";

    private final Sender sender;

    SmsFixtures(Sender sender) {
        this.sender = sender;
    }

    FuzzInput reply(long n, Random random, PlantedNumbers planted) {
        String phone = PlantedNumbers.mobile(random);
        Sender.Answer invited = sender.signed(INVITATIONS, "application/json", FuzzTarget.json(invitation(phone)).getBytes(StandardCharsets.UTF_8));
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("messageId", "MO-F-" + n);
        reply.put("phone", phone);
        reply.put("text", List.of("5", "1 态度差", "满意", "非常不满意 请回电" + planted.writtenSomeWay(random), "５ 很好").get(random.nextInt(5)));
        reply.put("receivedAt", ChinaTime.format(Instant.now().minusSeconds(30)));
        spoil(reply, random, planted, Set.of("text"));
        return new FuzzInput(n, "SMS_REPLY" + (invited.status() == 201 ? "" : ":uninvited"), REPLIES, "application/json",
                FuzzTarget.json(reply).getBytes(StandardCharsets.UTF_8), false, Set.of());
    }

    FuzzInput invitation(long n, Random random, PlantedNumbers planted) {
        Map<String, String> invitation = invitation(PlantedNumbers.mobile(random));
        spoil(invitation, random, planted, Set.of("phone", "certKey", "userName", "writingEvaluation"));
        return new FuzzInput(n, "INVITATION", INVITATIONS, "application/json",
                FuzzTarget.json(invitation).getBytes(StandardCharsets.UTF_8), false, Set.of());
    }

    private static Map<String, String> invitation(String phone) {
        Map<String, String> i = new LinkedHashMap<>();
        i.put("phone", phone);
        i.put("sentAt", ChinaTime.format(Instant.now().minusSeconds(600)));
        i.put("projectNo", "320100-SMS-" + FuzzTarget.freshCaseNo());
        i.put("taskCode", "11320100MB1234567A4000117111");
        i.put("taskName", "残疾人证办理");
        i.put("deptCode", "11320100MB1234567A");
        i.put("proDepart", "南京市残疾人联合会");
        i.put("areaCode", "320102");
        i.put("userProp", "1");
        return i;
    }

    private static void spoil(Map<String, String> fields, Random random, PlantedNumbers planted, Set<String> personFields) {
        if (random.nextInt(4) == 0) {
            return; // sent as it is
        }
        List<String> names = List.copyOf(fields.keySet());
        String field = names.get(random.nextInt(names.size()));
        switch (random.nextInt(5)) {
            case 0 -> fields.remove(field);
            case 1 -> fields.put(field, FuzzTarget.RAW_JSON + List.of("[{}]", "123", "null", "{}").get(random.nextInt(4)));
            case 2 -> fields.put("x" + planted.writtenSomeWay(random), "1"); // an unknown field whose name holds a number
            default -> fields.put(field, HostileValues.any(random, planted, personFields.contains(field)));
        }
    }
}
