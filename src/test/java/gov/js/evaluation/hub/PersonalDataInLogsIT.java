package gov.js.evaluation.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole suite (failsafe, after surefire): none of the ID-card or mobile numbers the tests and
 * examples send may stand in clear in any log or report the suite's hubs wrote (each test class's console in
 * target/surefire-reports/*-output.txt, with every ERROR and its stack trace; child processes' target/**&#47;*.log; the
 * inbox reports target/**&#47;*.report.json), whether written with ASCII or full-width digits. The tests' own logging
 * configuration does not mask (logback-test.xml): this proves the hub's code logs none, and the production
 * configuration's masking (logback-spring.xml, MaskedLogTest) is a second line.
 */
class PersonalDataInLogsIT {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");
    /** Maximal digit runs (an ID number may end in X): what a log could hold a number as. */
    private static final Pattern NUMBER_IN_LOG = Pattern.compile("[0-9]+[Xx]?");
    /** The line ReceiptWriter logs for every request: proof that the logs saw the suite's ingest traffic. */
    private static final Pattern RECEIPT_LINE = Pattern.compile("receipt [0-9a-f-]{36} from \\S+: \\d+ accepted");

    @Test
    void noIdNumberOrMobileTheTestsSendAppearsInTheSuitesLogs() throws IOException {
        // the suite sends 12 distinct such numbers today (8 mobiles, 4 ID numbers); far fewer means the scan broke
        Set<String> numbers = numbersTheTestsUse();
        assertThat(numbers).as("ID and mobile numbers found in the tests and examples").hasSizeGreaterThanOrEqualTo(10);
        assertThat(numbers.stream().filter(n -> n.length() == 11)).as("mobile numbers among them").isNotEmpty();

        List<Path> logs = logFiles();
        assertThat(logs).as("surefire output files (redirectTestOutputToFile)")
                .anyMatch(p -> p.getFileName().toString().endsWith("-output.txt"));
        assertThat(logs).as("inbox reports of the suite's file imports").anyMatch(p -> p.getFileName().toString().endsWith(".report.json"));
        long receipts = 0;
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            // reports are UTF-8 JSON; the consoles are read byte for byte, which keeps every ASCII digit
            boolean report = log.getFileName().toString().endsWith(".report.json");
            try (BufferedReader in = Files.newBufferedReader(log, report ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)) {
                int lineNo = 0;
                for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                    lineNo++;
                    String line = fullWidthDigitsFolded(raw);
                    if (RECEIPT_LINE.matcher(line).find()) {
                        receipts++;
                    }
                    Matcher m = NUMBER_IN_LOG.matcher(line);
                    while (m.find()) {
                        if (numbers.contains(m.group().toUpperCase())) {
                            leaks.add(log + ":" + lineNo + ": " + masked(m.group()));
                        }
                    }
                }
            }
        }
        assertThat(receipts).as("ingest receipts logged by the suite's hubs").isGreaterThanOrEqualTo(100);
        assertThat(leaks).as("personal numbers in clear in the logs (masked here)").isEmpty();
    }

    /** 18-digit ID numbers with a valid GB 11643 check digit and mainland mobiles, from the tests' inputs. */
    static Set<String> numbersTheTestsUse() throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path root : List.of(Path.of("src/test"), Path.of("adapters"), Path.of("sources"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).filter(PersonalDataInLogsIT::isInput).toList()) {
                    // ISO-8859-1 keeps every ASCII digit whatever the file's charset (UTF-8, GBK)
                    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    collect(ID_NUMBER, text, found, n -> validIdNumber(n));
                    collect(MOBILE, text, found, n -> true);
                }
            }
        }
        return found;
    }

    private static boolean isInput(Path file) {
        String path = file.toString().replace('\\', '/');
        return !path.startsWith("adapters/") || path.contains("/examples/");
    }

    private static void collect(Pattern pattern, String text, Collection<String> into, java.util.function.Predicate<String> valid) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (valid.test(m.group())) {
                into.add(m.group().toUpperCase());
            }
        }
    }

    /** GB 11643-1999: weighted sum of the first 17 digits mod 11 gives the check character. */
    static boolean validIdNumber(String n) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String checks = "10X98765432";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (n.charAt(i) - '0') * weights[i];
        }
        return Character.toUpperCase(n.charAt(17)) == checks.charAt(sum % 11);
    }

    private static List<Path> logFiles() throws IOException {
        List<Path> logs = new ArrayList<>();
        Path reports = Path.of("target/surefire-reports");
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.list(reports)) {
                files.filter(p -> p.getFileName().toString().endsWith("-output.txt")).forEach(logs::add);
            }
        }
        try (Stream<Path> files = Files.walk(Path.of("target"))) {
            files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".log")
                    || p.getFileName().toString().endsWith(".report.json")).forEach(logs::add);
        }
        return logs;
    }

    private static String fullWidthDigitsFolded(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            out.append(c >= '\uFF10' && c <= '\uFF19' ? (char) ('0' + c - '\uFF10') : c);
        }
        return out.toString();
    }

    private static String masked(String number) {
        return number.substring(0, 4) + "*".repeat(number.length() - 8) + number.substring(number.length() - 4);
    }
}
