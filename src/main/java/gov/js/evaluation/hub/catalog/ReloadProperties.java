package gov.js.evaluation.hub.catalog;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hot reload of sources, adapters and mappings ({@code hub.reload.*}).
 *
 * @param interval how often sources/, adapters/ and mappings/ are looked at for changes; 0 turns hot reload off
 */
public record ReloadProperties(@DefaultValue("1s") @DurationMin(seconds = 0) Duration interval) {
}
