package gov.js.evaluation.hub.catalog;

import gov.js.evaluation.hub.protection.UnexpectedFailures;
import java.time.Duration;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Looks at the configuration files' modification times every {@code hub.reload.interval} (1 s by
 * default) and has the registry reload when one changed. Polling rather than a file-system watch:
 * it behaves the same on every file system, mounted volumes included.
 */
public class ConfigChangeWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConfigChangeWatcher.class);

    private final String name;
    private final BooleanSupplier reloadIfChanged;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public ConfigChangeWatcher(CatalogRegistry registry, Duration interval) {
        this("config-reload", registry::reloadIfChanged, interval);
    }

    /** Another set of hot-reloaded files (the routing rules and targets), looked at on a thread of its own. */
    public ConfigChangeWatcher(String name, BooleanSupplier reloadIfChanged, Duration interval) {
        this.name = name;
        this.reloadIfChanged = reloadIfChanged;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero()) {
            log.info("hot reload is off (hub.reload.interval); configuration changes need a restart ({})", name);
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::look, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("watching the configuration for changes every {} ms ({})", interval.toMillis(), name);
    }

    private void look() {
        try {
            reloadIfChanged.getAsBoolean();
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            // a failed look must not end the watching; the snapshot in use keeps running
            log.error("reading the changed configuration failed, the catalogue in use keeps running: {}", UnexpectedFailures.kinds(e));
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
