package gov.js.evaluation.hub.national;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import gov.js.evaluation.hub.protection.PersonalFields;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** Wires the push to the national platform: signer, envelope, answer interpreter, drainer, health, backlog gauge. */
@Configuration(proxyBeanMethods = false)
public class NationalPushConfiguration {

    @Bean
    EnvelopeSigner envelopeSigner(NationalPushProperties settings) {
        return new HmacSm3Signer(settings.hmacKey().getBytes(StandardCharsets.UTF_8));
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
    PushHealth nationalPush(NationalPushProperties settings, NationalOutbox outbox) {
        return new PushHealth(settings, outbox);
    }

    @Bean
    NationalPushDrainer nationalPushDrainer(NationalPushProperties settings, NationalOutbox outbox, NationalEnvelope envelope,
                                            NationalAnswerInterpreter interpreter, ProducerTemplate producer,
                                            TransactionTemplate transaction, Clock clock, PushHealth health, MeterRegistry meters) {
        return new NationalPushDrainer(settings, outbox, envelope, interpreter, producer, transaction, clock, health, meters);
    }

    @Bean
    Gauge outboxBacklogGauge(MeterRegistry meters, NationalOutbox outbox) {
        return Gauge.builder("hub.national.outbox.backlog", outbox, o -> {
            try {
                return o.backlog();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("records waiting to be delivered to the national platform").register(meters);
    }
}
