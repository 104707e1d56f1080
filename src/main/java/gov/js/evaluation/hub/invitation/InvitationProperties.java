package gov.js.evaluation.hub.invitation;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS rating invitations ({@code hub.invitations.*}).
 *
 * @param replyWindow how long after it was sent an invitation can be answered: an invitation whose sentAt is older is
 *                    refused when posted, and a reply matches only invitations sent within this before it
 */
public record InvitationProperties(@DefaultValue("7d") @DurationMin(minutes = 1) Duration replyWindow) {
}
