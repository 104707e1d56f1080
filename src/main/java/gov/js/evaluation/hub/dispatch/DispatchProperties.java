package gov.js.evaluation.hub.dispatch;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The case outbox: dispatch of cases to their targets, reminders (督办), upward case records ({@code hub.dispatch.*}).
 * The routing rules (routing/), targets (targets/) and target mappings (mappings/targets/) are files under
 * hub.config-dir, hot-reloaded every hub.reload.interval.
 *
 * @param intervalMs      pause between drains of the case outbox when nothing is due, in ms
 * @param drainers        messages sent at the same time (each claimed on its own, SKIP LOCKED; a case's messages
 *                        always one after the other)
 * @param initialBackoff  first delay before a message that got no answer (timeout, refused connection, 5xx, 408,
 *                        429) is sent again (exponential, with jitter); when its target answers again, its waiting
 *                        messages go at once
 * @param maxBackoff      cap of that delay: a message is sent again at least this often for as long as its target
 *                        is down, hours or days, and never given up without an answer
 * @param sendLeaseMargin a send holds its message for the target's connect and response timeouts plus this; a
 *                        message still held after that (its drainer died) is sent again, with the same key and body
 * @param upwardTarget    the target of the upward case records (rectified, appeal upheld, return visited)
 * @param targets         per target id (targets/<id>/target.yaml): url and reminder-url (override the file's),
 *                        secret (the HMAC-SM3 key of request-hmac-sm3 signatures, never in the file), key-id
 *                        (overrides the file's keyId)
 */
public record DispatchProperties(@DefaultValue("1000") @Min(1) long intervalMs,
                                 @DefaultValue("4") @Min(1) int drainers,
                                 @DefaultValue("2s") @DurationMin(millis = 1) Duration initialBackoff,
                                 @DefaultValue("10m") @DurationMin(millis = 1) Duration maxBackoff,
                                 @DefaultValue("10s") @DurationMin(millis = 1) Duration sendLeaseMargin,
                                 @DefaultValue("national-cases") @NotBlank String upwardTarget,
                                 Map<String, @Valid TargetSettings> targets) {

    /** The deployment's settings of one target. */
    public record TargetSettings(@Pattern(regexp = "(https?://\\S+)?", message = "must be an http:// or https:// address") String url,
                                 @Pattern(regexp = "(https?://\\S+)?", message = "must be an http:// or https:// address") String reminderUrl,
                                 String secret,
                                 String keyId) {
    }

    public DispatchProperties {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    public TargetSettings target(String id) {
        return targets.getOrDefault(id, new TargetSettings(null, null, null, null));
    }
}
