package gov.js.evaluation.hub.schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** Times travel as {@code yyyy-MM-dd HH:mm:ss} in China time and live as instants inside the hub. */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String PATTERN = "yyyy-MM-dd HH:mm:ss";
    /** Strict: 2024-02-30 is refused, not rolled over. */
    public static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private ChinaTime() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : WIRE.format(instant.atZone(ZONE));
    }

    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text, WIRE).atZone(ZONE).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
