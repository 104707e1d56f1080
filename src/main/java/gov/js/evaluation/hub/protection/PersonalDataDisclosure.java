package gov.js.evaluation.hub.protection;

import gov.js.evaluation.hub.schema.PersonalDataMask;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an API answer shows of stored personal data: decrypted, then masked (3201**********1234, 张*)
 * unless the {@link RevealPolicy} lets the caller see it in clear.
 */
@Component
public class PersonalDataDisclosure {

    private final PersonalFields fields;
    private final RevealPolicy policy;

    public PersonalDataDisclosure(PersonalFields fields, RevealPolicy policy) {
        this.fields = fields;
        this.policy = policy;
    }

    /** A stored unified record for an answer. */
    public ObjectNode unified(ObjectNode stored) {
        ObjectNode clear = fields.reveal(stored);
        return policy.callerMaySeePersonalData() ? clear : PersonalDataMask.mask(clear);
    }

    /**
     * A stored raw payload (the source's own text) for an answer: its escapes decoded and the ID-card and mobile
     * numbers in it masked.
     */
    public String rawText(String stored) {
        String clear = fields.reveal(stored);
        return policy.callerMaySeePersonalData() ? clear : PersonalDataMask.maskIdentifiersInRawText(clear);
    }
}
