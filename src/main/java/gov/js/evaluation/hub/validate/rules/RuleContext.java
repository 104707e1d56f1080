package gov.js.evaluation.hub.validate.rules;

import java.time.Instant;

/**
 * What a rule may know besides the record: the time of checking and the region the sending source
 * may send for (a 6-digit prefix such as 320000 for the whole province or 320500 for Suzhou).
 */
public record RuleContext(Instant now, String sourceRegion) {
}
