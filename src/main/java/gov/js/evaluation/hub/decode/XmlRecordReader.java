package gov.js.evaluation.hub.decode;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamReader2;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.xml.XmlFactory;
import tools.jackson.dataformat.xml.XmlMapper;

/**
 * XML documents that hold a list of records, e.g. {@code <evaluations><evaluation>…</evaluation>…</evaluations>}.
 *
 * <p>Settings (the descriptor's {@code reader:} block): {@code recordElement}, the local name of the
 * element that is one record. It is found at any depth; elements of that name inside a record are
 * part of the record. Without the setting every child element of the root is a record.
 *
 * <p>The document is streamed with StAX (Woodstox): only one record is in memory at a time. Each
 * record element becomes a tree as Jackson's XmlMapper makes it: attributes and child elements are
 * fields, repeated child elements an array, the text of an element that also has attributes is the
 * field {@code ""}. Its raw text is the record's XML exactly as it stood in the document.
 *
 * <p>The charset is the descriptor's ({@link ReaderOptions#charset()}); the document is decoded with
 * it and the encoding named in the XML declaration is not consulted. A UTF-8 byte order mark is skipped.
 *
 * <p>Security: DTDs are refused. A document with a {@code <!DOCTYPE …>} is unparseable as a whole
 * ("DOCTYPE … not accepted"), before any of its entities is declared or expanded, so external
 * entities (XXE) never read a file or URL and entity expansion bombs never start. The parser runs
 * with DTD support and external entities switched off as well, and with Woodstox's bounds on element depth,
 * text and attribute length set from {@link InputLimits}. A document past one of them is refused as a whole
 * ({@link InputLimitExceededException}, naming the setting), wherever in the document it happens.
 *
 * <p>Errors: XML cannot be resumed after a well-formedness error. When the document breaks before
 * the first record is complete the whole body is refused ({@link UnparseableBodyException} with line
 * and column). When it breaks after one or more good records, those records have already been handed
 * on; the broken rest becomes <em>one unparseable record</em> (its raw text is the broken record's
 * text as far as the parser had read it, at most 64 KiB; its parseError says {@code line N, column M: …}
 * and that the rest of the document was not read) and reading stops. It is a record rather than an exception
 * because the ingest stage refuses the whole body on an exception, which would lose the good records.
 */
public final class XmlRecordReader implements RecordReader {

    public static final String RECORD_ELEMENT = "recordElement";

    private static final int MAX_BROKEN_TEXT = 64 * 1024;

    private final XMLInputFactory staxFactory;
    /** Reads one record element from the stream reader; must not look at what follows it. */
    private final XmlMapper xml;

    public XmlRecordReader() {
        this(InputLimits.DEFAULTS);
    }

    public XmlRecordReader(InputLimits limits) {
        this.staxFactory = secureFactory(limits);
        this.xml = XmlMapper.builder(XmlFactory.builder().xmlInputFactory(staxFactory)
                        .streamReadConstraints(limits.streamReadConstraints()).build())
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    @Override
    public String format() {
        return "xml";
    }

    @Override
    public Set<String> settings() {
        return Set.of(RECORD_ELEMENT);
    }

    @Override
    public void checkSettings(java.util.Map<String, String> settings) {
        String name = settings.get(RECORD_ELEMENT);
        if (name != null && !name.matches("[\\p{L}_][\\p{L}\\p{N}_.-]*")) {
            throw new IllegalArgumentException(RECORD_ELEMENT + " must be the local name of an element (no prefix, path or brackets), not '"
                    + name + "'");
        }
    }

    private static XMLInputFactory secureFactory(InputLimits limits) {
        WstxInputFactory f = new WstxInputFactory();
        // Woodstox's own bounds, below its generous defaults: deep nesting and huge text stop at the limit
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxXmlDepth());
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxStringLength());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxStringLength());
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE); // as Jackson configures its own factory
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are not read (" + systemId + ")");
        });
        return f;
    }

    @Override
    public void read(InputStream payload, ReaderOptions options, Consumer<SourceRecord> sink) {
        String recordElement = options.setting(RECORD_ELEMENT, null);
        try (Reader text = RecordingReader.open(payload, options.charset())) {
            if (text == null) {
                throw new UnparseableBodyException("the body is empty", 1, 1);
            }
            new Pass(new RecordingReader(text), recordElement, sink).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One reading of one document. */
    private final class Pass {

        private final RecordingReader in;
        private final String recordElement;
        private final Consumer<SourceRecord> sink;
        private int emitted;
        private long recordStart = -1;
        private long lastRecordEnd;

        Pass(RecordingReader in, String recordElement, Consumer<SourceRecord> sink) {
            this.in = in;
            this.recordElement = recordElement;
            this.sink = sink;
        }

        void run() {
            XMLStreamReader2 stax = null;
            try {
                stax = (XMLStreamReader2) staxFactory.createXMLStreamReader(in);
                int depth = 0;
                boolean sawElementBelowRoot = false;
                while (stax.hasNext()) {
                    int event = stax.next();
                    if (event == XMLStreamConstants.DTD) {
                        Location at = stax.getLocation();
                        throw new UnparseableBodyException("DOCTYPE declarations are not accepted (DTDs and entities are refused): line "
                                + at.getLineNumber() + ", column " + at.getColumnNumber(), at.getLineNumber(), at.getColumnNumber());
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        sawElementBelowRoot |= depth >= 1;
                        if (isRecord(stax.getLocalName(), depth)) {
                            readRecord(stax);
                            continue; // the stream reader now stands on the record's end tag
                        }
                        depth++;
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                    if (recordStart < 0) {
                        in.discardBefore(stax.getLocationInfo().getStartingCharOffset());
                    }
                }
                if (emitted == 0 && sawElementBelowRoot && recordElement != null) {
                    throw new UnparseableBodyException("no <" + recordElement + "> element in the document (reader setting "
                            + RECORD_ELEMENT + ")", 1, 1);
                }
            } catch (XMLStreamException e) {
                refuseIfOverLimit(e, stax);
                broken(e.getLocation() == null ? -1 : e.getLocation().getLineNumber(),
                        e.getLocation() == null ? -1 : e.getLocation().getColumnNumber(), e.getMessage());
            } catch (WstxLazyException e) { // a text Woodstox reads only when asked for it: the same errors, unchecked
                refuseIfOverLimit(e, stax);
                broken(-1, -1, e.getCause() == null ? null : e.getCause().getMessage());
            } catch (JacksonException e) {
                refuseIfOverLimit(e, stax);
                TokenStreamLocation at = e.getLocation();
                if (e.getCause() instanceof XMLStreamException x && x.getLocation() != null) {
                    broken(x.getLocation().getLineNumber(), x.getLocation().getColumnNumber(), x.getMessage());
                } else {
                    broken(at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), e.getOriginalMessage());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (stax != null) {
                    try {
                        stax.close();
                    } catch (XMLStreamException ignored) {
                        // nothing held beyond the reader, which the caller closes
                    }
                }
            }
        }

        /**
         * Past one of Woodstox's bounds (element depth, text or attribute length): the whole document is refused, as
         * a JSON body past a limit is, also after good records (a record read past a bound is not a record).
         */
        private static void refuseIfOverLimit(Throwable failure, XMLStreamReader2 stax) {
            String why = null;
            for (Throwable c = failure; c != null; c = c.getCause()) {
                why = InputLimits.explainXml(c.getMessage() == null ? null : oneLine(c.getMessage())).orElse(why);
            }
            if (why != null) {
                Location at = stax == null ? null : stax.getLocation();
                int line = at == null ? 1 : Math.max(at.getLineNumber(), 1);
                int column = at == null ? 1 : Math.max(at.getColumnNumber(), 1);
                throw new InputLimitExceededException("the body is " + why + " (line " + line + ", column " + column + ")", line, column);
            }
        }

        private boolean isRecord(String localName, int depth) {
            return recordElement == null ? depth == 1 : recordElement.equals(localName);
        }

        private void readRecord(XMLStreamReader2 stax) throws XMLStreamException, IOException {
            recordStart = stax.getLocationInfo().getStartingCharOffset();
            int line = stax.getLocationInfo().getStartLocation().getLineNumber();
            JsonNode tree = xml.readValue(stax, JsonNode.class);
            if (stax.getEventType() != XMLStreamConstants.END_ELEMENT) {
                throw new IllegalStateException("XML record reader lost its place after a record");
            }
            long end = stax.getLocationInfo().getEndingCharOffset();
            String raw = in.text(recordStart, end);
            sink.accept(SourceRecord.parsed(emitted++, tree, raw).atLine(line));
            recordStart = -1;
            lastRecordEnd = end;
            in.discardBefore(end);
        }

        private void broken(int line, int column, String message) {
            String cleaned = message == null ? "not well-formed XML" : oneLine(message);
            String position = "line " + line + ", column " + column;
            if (emitted == 0) {
                throw new UnparseableBodyException("not well-formed XML: " + position + ": " + cleaned, Math.max(line, 1), Math.max(column, 1));
            }
            String raw = in.textFrom(recordStart >= 0 ? recordStart : lastRecordEnd, MAX_BROKEN_TEXT).strip();
            sink.accept(SourceRecord.unparseable(emitted++, raw, position + ": " + cleaned
                    + " (not well-formed XML; the rest of the document was not read)"));
        }
    }

    /** Woodstox prefixes its messages with the position on a second line; one line reads better in a receipt. */
    private static String oneLine(String message) {
        String m = message.strip();
        if (m.startsWith("ParseError at [")) {
            int nl = m.indexOf('\n');
            m = nl < 0 ? m : m.substring(nl + 1).strip();
            if (m.startsWith("Message:")) {
                m = m.substring("Message:".length()).strip();
            }
        }
        int at = m.indexOf("\n at [");
        if (at > 0) {
            m = m.substring(0, at);
        }
        return m.replaceAll("\\s*\\R\\s*", " ");
    }
}
