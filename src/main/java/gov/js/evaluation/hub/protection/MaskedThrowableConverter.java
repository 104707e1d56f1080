package gov.js.evaluation.hub.protection;

import ch.qos.logback.classic.spi.IThrowableProxy;
import gov.js.evaluation.hub.schema.PersonalDataMask;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** A log line's stack trace ({@code %wEx}, logback-spring.xml) with the settings' secrets ({@link SecretWords}) left out and the ID-card and mobile numbers in its messages masked. */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return PersonalDataMask.maskIdentifiersIn(SecretWords.scrubbed(super.throwableProxyToString(tp)));
    }
}
