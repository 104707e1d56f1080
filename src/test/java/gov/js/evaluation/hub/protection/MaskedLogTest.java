package gov.js.evaluation.hub.protection;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The hub's logging configuration (logback-spring.xml) masks ID-card and mobile numbers in every message and stack
 * trace, whoever wrote them: a database error quoting a row, a library quoting its input.
 */
class MaskedLogTest {

    @Test
    void messagesAndStackTracesAreMasked() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(MaskedLogTest.class.getResource("/logback-spring.xml"));
            Logger log = context.getLogger("test");
            log.error("insert failed for 13912345678", new IllegalStateException("Failing row contains (320102196606061239, 张三)",
                    new RuntimeException("tel13712345678")));
        } finally {
            System.setOut(console);
            context.stop();
        }
        String written = captured.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("insert failed for 139****5678", "Failing row contains (3201**********1239", "tel137****5678",
                "at gov.js.evaluation.hub.protection.MaskedLogTest").doesNotContain("13912345678", "320102196606061239", "13712345678");
    }
}
