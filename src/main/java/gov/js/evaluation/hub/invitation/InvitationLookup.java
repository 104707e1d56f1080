package gov.js.evaluation.hub.invitation;

import java.util.Optional;

/** What an SMS reply adapter may ask: the latest invitation sent to a phone number. */
public interface InvitationLookup {

    Optional<SmsInvitation> latestFor(String phone);
}
