package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The room one source request takes: whatever one source does, room is left for the others, and the records all
 * requests hold at once (each costs heap whatever its body's size: 3 bytes of "{}" become a record, its errors and
 * its receipt line) are bounded over all requests.
 */
class IngestAdmissionTest {

    private static final SourceDefinition WEB = source("province-web");
    private static final SourceDefinition CITY = source("city-320100");

    /** 400 KiB of bodies in all, 100 KiB of them for one source; 1,000 records in all. */
    private final IngestAdmission admission = new IngestAdmission(new IngestLimitsProperties(5000, 100, 100, 16,
            DataSize.ofKilobytes(400), Duration.ZERO, Duration.ofSeconds(1), DataSize.ofKilobytes(100), 1000));

    @Test
    void oneSourceHoldsAtMostItsShareOfTheBodiesInFlightAndTheOthersKeepTheirs() throws Exception {
        try (IngestAdmission.Permit first = admission.admit(WEB, 100 * 1024)) {
            assertThatThrownBy(() -> admission.admit(WEB, 10 * 1024))
                    .isInstanceOfSatisfying(IngestAdmission.Refused.class, r -> {
                        assertThat(r.refusal().status()).isEqualTo(429);
                        assertThat(r.refusal().error()).isEqualTo("TOO_MANY_CONCURRENT_REQUESTS");
                        assertThat(r.refusal().message()).contains("hub.ingest.max-body-bytes-in-flight-per-source");
                    });
            try (IngestAdmission.Permit other = admission.admit(CITY, 100 * 1024)) {
                assertThat(other).isNotNull();
            }
        }
        try (IngestAdmission.Permit again = admission.admit(WEB, 100 * 1024)) {
            assertThat(again).as("the share is given back").isNotNull();
        }
    }

    @Test
    void aBodyLargerThanTheShareTakesTheShare() throws Exception {
        try (IngestAdmission.Permit large = admission.admit(WEB, 10L * 1024 * 1024)) {
            try (IngestAdmission.Permit other = admission.admit(CITY, 300 * 1024)) {
                assertThat(other).as("the other sources keep the rest").isNotNull();
            }
        }
    }

    @Test
    void theRecordsOfAllRequestsInFlightAreBounded() throws Exception {
        try (IngestAdmission.Permit first = admission.admit(WEB, 1024)) {
            assertThat(first.holdRecords(600)).isTrue();
            try (IngestAdmission.Permit second = admission.admit(CITY, 1024)) {
                assertThat(second.holdRecords(300)).isTrue();
                assertThat(second.holdRecords(200)).as("1,100 records would be held at once").isFalse();
            }
            try (IngestAdmission.Permit third = admission.admit(CITY, 1024)) {
                assertThat(third.holdRecords(400)).as("the second request gave its records back").isTrue();
            }
        }
        try (IngestAdmission.Permit last = admission.admit(WEB, 1024)) {
            assertThat(last.holdRecords(1000)).isTrue();
        }
    }

    private static SourceDefinition source(String id) {
        return new SourceDefinition(id, id, "province-web", "http-push", "320000", 10L * 1024 * 1024);
    }
}
