package gov.js.evaluation.hub.protection;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import gov.js.evaluation.hub.schema.PersonalDataMask;

/**
 * The message of a log line ({@code %m}, logback-spring.xml) with the settings' secrets ({@link SecretWords}) left out
 * and the ID-card and mobile numbers in it masked. The
 * hub's own log statements quote no personal data; this catches what a library's message might (a database error
 * quoting a row, a parser quoting its input).
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalDataMask.maskIdentifiersIn(SecretWords.scrubbed(super.convert(event)));
    }
}
