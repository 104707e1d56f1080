package gov.js.evaluation.hub;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Logs at start-up how much heap the hub may use and where that bound comes from. Without one (no -Xmx,
 * -XX:MaxHeapSize or -XX:MaxRAMPercentage) the JVM takes a quarter of the machine's memory, which on a shared
 * machine is too much or too little: that is a warning, with the documented start options.
 */
@Component
final class HeapReport implements ApplicationListener<ApplicationStartedEvent> {

    /** The start options README.md documents: a bounded heap, and an instance that runs out of it ends (and is restarted). */
    static final String DOCUMENTED_OPTIONS = "-Xmx512m -XX:+ExitOnOutOfMemoryError";

    private static final Logger log = LoggerFactory.getLogger(HeapReport.class);

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        Line line = line(ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory());
        if (line.warning()) {
            log.warn(line.text());
        } else {
            log.info(line.text());
        }
    }

    static Line line(List<String> jvmArguments, long maxMemoryBytes) {
        String max = "max heap " + (maxMemoryBytes >> 20) + " MB";
        List<String> bounds = jvmArguments.stream().filter(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize=")
                || a.startsWith("-XX:MaxRAMPercentage=") || a.startsWith("-XX:MaxRAM=")).toList();
        if (bounds.isEmpty()) {
            return new Line(max + ": no -Xmx given, so the JVM took a quarter of the machine's memory; start the hub with "
                    + DOCUMENTED_OPTIONS + " (README.md, Running in production)", true);
        }
        return new Line(max + " (" + String.join(" ", bounds) + ")", false);
    }

    record Line(String text, boolean warning) {
    }
}
