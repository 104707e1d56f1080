package gov.js.evaluation.hub.national;

import gov.js.evaluation.hub.store.PeriodicReading;
import gov.js.evaluation.hub.store.StoreProperties;
import gov.js.evaluation.hub.DevelopmentMode;
import gov.js.evaluation.hub.crypto.Sm2;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import gov.js.evaluation.hub.protection.PersonalFields;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** Wires the push to the national platform: signer, envelope, answer interpreter, drainer, health, backlog gauge. */
@Configuration(proxyBeanMethods = false)
public class NationalPushConfiguration {

    @Bean
    EnvelopeSigner envelopeSigner(NationalPushProperties settings, DevelopmentMode mode) {
        return switch (settings.signature()) {
            case "hmac-sm3" -> hmacSigner(settings, mode);
            case "sm2" -> sm2Signer(settings);
            default -> throw new IllegalStateException("hub.national.signature must be hmac-sm3 or sm2, not '" + settings.signature() + "'");
        };
    }

    /**
     * The configured key; without one, the demo key in development mode ({@link DevelopmentMode} warned), or, with
     * no national url, a signer that refuses (nothing is pushed then; {@link DevelopmentMode} refused a url without a key).
     */
    private static EnvelopeSigner hmacSigner(NationalPushProperties settings, DevelopmentMode mode) {
        String key = settings.hmacKey() != null && !settings.hmacKey().isBlank() ? settings.hmacKey()
                : mode.on() ? DevelopmentMode.DEMO_HMAC_KEY : null;
        if (key != null) {
            return new HmacSm3Signer(key.getBytes(StandardCharsets.UTF_8));
        }
        return new EnvelopeSigner() {
            @Override
            public String algorithm() {
                return "HMAC-SM3";
            }

            @Override
            public String sign(byte[] content) {
                throw new IllegalStateException("hub.national.hmac-key is not set");
            }
        };
    }

    /** Refuses to start on a missing, unreadable or mismatched key: the platform would refuse every push. */
    private static EnvelopeSigner sm2Signer(NationalPushProperties settings) {
        ECPrivateKeyParameters privateKey;
        ECPublicKeyParameters publicKey;
        try {
            privateKey = Sm2.privateKey(settings.sm2PrivateKey());
        } catch (RuntimeException e) {
            throw new IllegalStateException("hub.national.signature=sm2 needs hub.national.sm2-private-key (PKCS#8 PEM text or the path"
                    + " of a PEM file): " + e.getMessage(), e);
        }
        try {
            publicKey = Sm2.publicKey(settings.sm2PublicKey());
        } catch (RuntimeException e) {
            throw new IllegalStateException("hub.national.signature=sm2 needs hub.national.sm2-public-key (PEM text or the path of a"
                    + " PEM file) to check the private key against: " + e.getMessage(), e);
        }
        try {
            return new Sm2EnvelopeSigner(privateKey, publicKey, settings.sm2Id());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Bean
    NationalEnvelope nationalEnvelope(ObjectMapper json, EnvelopeSigner signer, NationalPushProperties settings,
                                      PersonalFields personal) {
        return new NationalEnvelope(json, signer, settings.appMark(), personal);
    }

    @Bean
    NationalAnswerInterpreter nationalAnswerInterpreter(ObjectMapper json, NationalPushProperties settings) {
        return new NationalAnswerInterpreter(json, settings.alreadyRatedCodes(), settings.alreadyRatedPhrases());
    }

    @Bean
    PushHealth nationalPush(NationalPushProperties settings, PeriodicReading<Long> outboxBacklog) {
        return new PushHealth(settings, outboxBacklog);
    }

    @Bean
    NationalPushDrainer nationalPushDrainer(NationalPushProperties settings, NationalOutbox outbox, NationalEnvelope envelope,
                                            NationalAnswerInterpreter interpreter, ProducerTemplate producer,
                                            TransactionTemplate transaction, Clock clock, PushHealth health, MeterRegistry meters) {
        return new NationalPushDrainer(settings, outbox, envelope, interpreter, producer, transaction, clock, health, meters);
    }

    /** What waits in the outbox, read in the background: a scrape or a health probe never waits on the store. */
    @Bean(destroyMethod = "close")
    PeriodicReading<Long> outboxBacklog(NationalOutbox outbox, StoreProperties store, Clock clock) {
        return new PeriodicReading<>("national outbox backlog", store.healthInterval(), clock, outbox::backlog);
    }

    @Bean
    Gauge outboxBacklogGauge(MeterRegistry meters, PeriodicReading<Long> outboxBacklog) {
        return Gauge.builder("hub.national.outbox.backlog", outboxBacklog, b -> {
            Long value = b.last().value();
            return value == null ? Double.NaN : value;
        }).description("records waiting to be delivered to the national platform (read every hub.store.health-interval)")
                .register(meters);
    }
}
