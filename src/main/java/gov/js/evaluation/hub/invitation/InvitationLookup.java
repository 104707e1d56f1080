package gov.js.evaluation.hub.invitation;

import java.time.Instant;
import java.util.Optional;

/** What an SMS reply adapter may ask: which invitation a reply from a phone number answers. */
public interface InvitationLookup {

    /**
     * The invitation a reply that arrived through source {@code sourceId} and was received at {@code repliedAt}
     * answers: of the invitations that source sent to the phone at or before the reply and within the reply window
     * ({@code hub.invitations.reply-window}) before it, the newest; ties go to the one the hub took last, then to the
     * greatest id, so the answer never depends on the database's row order. Invitations of other sources are never
     * answered through this one. The invitation counts as answered once this source stored a first rating of its case.
     */
    Optional<SmsInvitation> answeredBy(String sourceId, String phone, Instant repliedAt);
}
