package gov.js.evaluation.hub.invitation;

import java.time.Instant;
import java.util.Optional;

/** What an SMS reply adapter may ask: which invitation a reply from a phone number answers. */
public interface InvitationLookup {

    /**
     * The invitation a reply received at {@code repliedAt} answers: of those sent to the phone at or before the
     * reply and within the reply window ({@code hub.invitations.reply-window}) before it, the newest; ties go to the
     * one the hub took last, then to the greatest id, so the answer never depends on the database's row order.
     */
    Optional<SmsInvitation> answeredBy(String phone, Instant repliedAt);
}
