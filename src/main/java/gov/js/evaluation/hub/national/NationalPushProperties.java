package gov.js.evaluation.hub.national;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the push to the national platform ({@code hub.national.*}). The routes read the interval and
 * the timeouts from the bean of this record (routes/national-push.yaml).
 *
 * @param url                 the national receiver (http:// or https://); unset, the outbox waits and the log says so once
 * @param appMark             the application mark of the envelope
 * @param signature           how envelopes are signed: hmac-sm3 (with hmac-key) or sm2 (SM3withSM2 with sm2-private-key,
 *                            checked at start-up against sm2-public-key; docs/national-push.md)
 * @param hmacKey             the key of the HMAC-SM3 signature, shared with the national platform; needed when url is
 *                            set (in development mode the demo key change-me stands in)
 * @param sm2PrivateKey       the hub's SM2 private key (PKCS#8 PEM text, or the path of a PEM file); sm2 only
 * @param sm2PublicKey        its public key (PEM text or path), checked against the private key at start-up; sm2 only
 * @param sm2Id               SM2 distinguishing ID
 * @param batchSize           records per batch; a batch keeps its records and its id for every send of it
 * @param drainers            batches sent at the same time, each claimed on its own (SKIP LOCKED), sent without holding
 *                            a database connection and settled in a transaction of its own; 1: one batch after the other
 * @param sendLeaseMargin     a send holds its batch for the connect and response timeouts plus this; a batch still held
 *                            after that (its drainer died, or could not record the outcome) is sent again, the same
 * @param maxSends            sends of one batch without an answer (timeouts, refused connections, 5xx) after which it
 *                            stops: its records are DEAD with that reason, for operators to look into
 * @param intervalMs          pause between drains when the outbox has nothing due, in ms
 * @param connectTimeoutMs    connection timeout of one push, in ms
 * @param responseTimeoutMs   answer timeout of one push, in ms
 * @param initialBackoff      first delay before a batch is sent again after a send without an answer (exponential,
 *                            with jitter); when the platform answers any batch again, waiting batches go at once
 * @param maxBackoff          cap of that delay
 * @param alreadyRatedCodes   per-record answer codes meaning "this case was already rated": counts as delivered
 * @param alreadyRatedPhrases the same, recognised in the answer's message
 */
public record NationalPushProperties(
        @Pattern(regexp = "(https?://\\S+)?", message = "must be an http:// or https:// address") String url,
        @DefaultValue("jiangsu-evaluation-hub") @NotBlank String appMark,
        @DefaultValue("hmac-sm3") @Pattern(regexp = "hmac-sm3|sm2", message = "must be hmac-sm3 or sm2") String signature,
        String hmacKey,
        String sm2PrivateKey,
        String sm2PublicKey,
        @DefaultValue("1234567812345678") @NotBlank String sm2Id,
        @DefaultValue("100") @Min(1) int batchSize,
        @DefaultValue("4") @Min(1) int drainers,
        @DefaultValue("10") @Min(1) int maxSends,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration sendLeaseMargin,
        @DefaultValue("2000") @Min(1) long intervalMs,
        @DefaultValue("5000") @Min(1) long connectTimeoutMs,
        @DefaultValue("15000") @Min(1) long responseTimeoutMs,
        @DefaultValue("2s") @DurationMin(millis = 1) Duration initialBackoff,
        @DefaultValue("10m") @DurationMin(millis = 1) Duration maxBackoff,
        @DefaultValue("ALREADY_RATED") List<@NotBlank String> alreadyRatedCodes,
        @DefaultValue({"已评价", "already rated"}) List<@NotBlank String> alreadyRatedPhrases) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    /**
     * How long a send may be under way before another drainer may take its batch over (the sender died, or its
     * outcome could not be recorded): longer than one send can take.
     */
    public Duration sendLease() {
        return Duration.ofMillis(connectTimeoutMs + responseTimeoutMs).plus(sendLeaseMargin);
    }
}
