package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The times of a rating are plausible: not before {@link #EARLIEST} (a year such as 0000 or 1900 is a
 * sender's default, and the store's calendar would shift it), not in the future (allowing clock skew), and
 * the rating not before the case was accepted.
 */
public final class PlausibleTimesRule implements DomainRule {

    /** No government-service rating or case of the 好差评 programme is older than this (China time). */
    public static final Instant EARLIEST = LocalDateTime.of(2000, 1, 1, 0, 0).atZone(ChinaTime.ZONE).toInstant();

    private final Duration allowedSkew;

    public PlausibleTimesRule(Duration allowedSkew) {
        this.allowedSkew = allowedSkew;
    }

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        Instant latest = context.now().plus(allowedSkew);
        boolean assessInRange = inRange("assessTime", e.assessTime(), latest, errors, ErrorCode.ASSESS_TIME_IN_FUTURE);
        boolean acceptInRange = inRange("acceptDate", e.acceptDate(), latest, errors, ErrorCode.TIME_OUT_OF_RANGE);
        if (assessInRange && acceptInRange && e.acceptDate() != null && e.assessTime().isBefore(e.acceptDate())) {
            errors.add(FieldError.of("assessTime", ErrorCode.ASSESS_BEFORE_ACCEPT,
                    "assessTime is before acceptDate: a case is rated after it was accepted"));
        }
    }

    /** True when the time is there and within range; an error names the field and the bound it broke. */
    private boolean inRange(String field, Instant time, Instant latest, List<FieldError> errors, ErrorCode inFuture) {
        if (time == null) {
            return false;
        }
        if (time.isBefore(EARLIEST)) {
            errors.add(FieldError.of(field, ErrorCode.TIME_OUT_OF_RANGE, field + " is before " + ChinaTime.format(EARLIEST)
                    + ", earlier than any rating or case of the programme; send the real time"));
            return false;
        }
        if (time.isAfter(latest)) {
            errors.add(FieldError.of(field, inFuture, field + " is in the future (more than " + allowedSkew.toMinutes()
                    + " min after the hub's time); check the sending system's clock"));
            return false;
        }
        return true;
    }
}
