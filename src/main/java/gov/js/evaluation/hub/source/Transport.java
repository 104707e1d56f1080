package gov.js.evaluation.hub.source;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The transports a source file may name, each with the reader of its settings block. */
enum Transport {
    HTTP_PUSH(HttpPushSettings.NAME, HttpPushSettings::from),
    FILE_INBOX(FileInboxSettings.NAME, FileInboxSettings::from),
    REST_PULL(RestPullSettings.NAME, RestPullSettings::from),
    JDBC_POLL(JdbcPollSettings.NAME, JdbcPollSettings::from);

    private final String fileName;
    private final Function<SettingsBlock, TransportSettings> reader;

    Transport(String fileName, Function<SettingsBlock, TransportSettings> reader) {
        this.fileName = fileName;
        this.reader = reader;
    }

    String fileName() {
        return fileName;
    }

    TransportSettings read(SettingsBlock block) {
        return reader.apply(block);
    }

    static Optional<Transport> named(String name) {
        return Arrays.stream(values()).filter(t -> t.fileName.equals(name)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Transport::fileName).toList();
    }
}
