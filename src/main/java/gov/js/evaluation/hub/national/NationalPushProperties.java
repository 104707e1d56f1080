package gov.js.evaluation.hub.national;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the push to the national platform ({@code hub.national.*}).
 *
 * @param url                 the national receiver; unset means the outbox waits
 * @param appMark             the application mark sent in every envelope
 * @param signature           how envelopes are signed: {@code hmac-sm3} (default) or {@code sm2}
 * @param hmacKey             shared key of the HMAC-SM3 signer
 * @param sm2PrivateKey       the hub's SM2 private key (PKCS#8 PEM text, or the path of a PEM file); {@code sm2} only
 * @param sm2PublicKey        its public key (PEM text or path), checked against the private key at start-up
 * @param sm2Id               SM2 distinguishing ID (default 1234567812345678)
 * @param batchSize           records per push
 * @param drainers            batches pushed at the same time (each its own claim, push and commit; SKIP LOCKED
 *                            keeps them apart); below 1 counts as 1
 * @param intervalMs          pause between drains when the outbox is empty, in ms (the timer route reads it)
 * @param connectTimeoutMs    connection timeout of one push, in ms (the send route reads it)
 * @param responseTimeoutMs   answer timeout of one push, in ms (the send route reads it)
 * @param initialBackoff      first retry delay after a failed push
 * @param maxBackoff          cap of the exponential retry delay
 * @param alreadyRatedCodes   per-record answer codes meaning "this case was already rated": counts as delivered
 * @param alreadyRatedPhrases the same, recognised in the answer's message
 */
@ConfigurationProperties("hub.national")
public record NationalPushProperties(
        String url,
        String appMark,
        String signature,
        String hmacKey,
        String sm2PrivateKey,
        String sm2PublicKey,
        String sm2Id,
        int batchSize,
        int drainers,
        long intervalMs,
        long connectTimeoutMs,
        long responseTimeoutMs,
        Duration initialBackoff,
        Duration maxBackoff,
        List<String> alreadyRatedCodes,
        List<String> alreadyRatedPhrases) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
