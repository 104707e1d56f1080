package gov.js.evaluation.hub.protection;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PersonalDataDisclosureTest {

    private static final PersonalFields FIELDS = TestPersonalData.fields();
    private static final String ID = "320102199003071239";

    private static ObjectNode stored() {
        ObjectNode clear = JsonNodeFactory.instance.objectNode();
        clear.put("projectNo", "P-1");
        clear.put("certKey", ID);
        clear.put("userName", "张三");
        return FIELDS.protect(clear);
    }

    @Test
    void aCallerAllowedToSeePersonalDataGetsClearValues() {
        PersonalDataDisclosure revealing = new PersonalDataDisclosure(FIELDS, () -> true);

        assertThat(revealing.unified(stored()).path("certKey").asString()).isEqualTo(ID);
        assertThat(revealing.unified(stored()).path("userName").asString()).isEqualTo("张三");
        assertThat(revealing.rawText(FIELDS.protect("{\"certKey\":\"" + ID + "\"}"))).contains(ID);
    }

    @Test
    void anyOtherCallerGetsMaskedValues() {
        PersonalDataDisclosure masking = new PersonalDataDisclosure(FIELDS, RevealPolicy.NOBODY);

        assertThat(stored().path("certKey").asString()).startsWith("sm4:t1:");
        assertThat(masking.unified(stored()).path("certKey").asString()).isEqualTo("3201**********1239");
        assertThat(masking.unified(stored()).path("userName").asString()).isEqualTo("张*");
        assertThat(masking.unified(stored()).path("projectNo").asString()).isEqualTo("P-1");
        assertThat(masking.rawText(FIELDS.protect("{\"certKey\":\"" + ID + "\"}"))).isEqualTo("{\"certKey\":\"3201**********1239\"}");
    }
}
