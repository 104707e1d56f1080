package gov.js.evaluation.hub.adapter.mapping;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How a source writes a time: a java.time pattern and the zone it means (China time unless said). */
public record DateSpec(String pattern, DateTimeFormatter formatter, ZoneId zone) {
}
