package gov.js.evaluation.hub.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS rating invitations ({@code hub.invitations.*}).
 *
 * @param replyWindow how long after it was sent an invitation can be answered; an invitation whose {@code sentAt} is
 *                    older than this when it is posted is refused, and a reply matches only invitations sent within
 *                    this before it
 */
@ConfigurationProperties("hub.invitations")
public record InvitationProperties(@DefaultValue("7d") Duration replyWindow) {

    public InvitationProperties {
        if (replyWindow.isNegative() || replyWindow.isZero()) {
            throw new IllegalArgumentException("hub.invitations.reply-window must be positive, not " + replyWindow);
        }
    }
}
