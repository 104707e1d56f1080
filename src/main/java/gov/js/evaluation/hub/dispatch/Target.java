package gov.js.evaluation.hub.dispatch;

import java.util.List;

/**
 * An outbound adapter ({@code targets/<id>/target.yaml}) as loaded: where its messages go, how they are signed, its
 * mapping, and how its answers are read. The secret is never here: it is a setting.
 */
public record Target(String id, String title, String url, String reminderUrl, Signature signature, String keyId,
                     int connectTimeoutMs, int responseTimeoutMs, String idempotencyKeyField, TargetMapping mapping,
                     String acceptedPath, List<String> acceptedValues, String workOrderNoPath, String messagePath) {

    /** How a target's messages are signed. */
    public enum Signature {
        /** The request headers the hub checks on its own sources (docs/security.md), keyed with the target's secret. */
        REQUEST_HMAC_SM3,
        /** An envelope signed like the national push of evaluations (docs/national-push.md). */
        NATIONAL_ENVELOPE
    }

    /** Where a message of {@code purpose} goes, the settings first; null when neither the settings nor the file say. */
    public String urlFor(Purpose purpose, DispatchProperties.TargetSettings settings) {
        String dispatch = blank(settings.url()) ? url : settings.url();
        if (purpose == Purpose.REMINDER) {
            String reminders = blank(settings.reminderUrl()) ? reminderUrl : settings.reminderUrl();
            return blank(reminders) ? dispatch : reminders;
        }
        return dispatch;
    }

    public String keyIdFor(DispatchProperties.TargetSettings settings) {
        return blank(settings.keyId()) ? keyId : settings.keyId();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
