package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.decode.ParserWords;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.source.JdbcPollSettings;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the page of a city table that follows a watermark: runs the source's query with the watermark
 * columns' values as text parameters (and {@code :pageSize}), takes at most pageSize rows, turns each row
 * into a record (column label → value), and reads the next watermark from the last row's watermark
 * columns in the database's own text form. The watermark is kept as a JSON object of those values.
 */
final class CityTableReader {

    private final ObjectMapper json;

    CityTableReader(ObjectMapper json) {
        this.json = json;
    }

    PulledPage after(JdbcPollSettings settings, DataSource database, Optional<String> watermark) {
        Map<String, String> from = watermark.map(this::decode).orElse(settings.watermark());
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        from.forEach(parameters::addValue);
        parameters.addValue("pageSize", settings.pageSize());
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.setMaxRows(settings.pageSize());
        jdbc.setFetchSize(settings.pageSize());
        List<SourceRecord> records = new ArrayList<>();
        Map<String, String> last = new LinkedHashMap<>();
        try {
            new NamedParameterJdbcTemplate(jdbc).query(settings.query(), parameters, (ResultSet rs) -> {
                while (rs.next() && records.size() < settings.pageSize()) {
                    ObjectNode row = row(rs);
                    records.add(SourceRecord.parsed(records.size(), row, row.toString()));
                    for (String column : settings.watermark().keySet()) {
                        last.put(column, watermarkValue(rs, column));
                    }
                }
                return null;
            });
        } catch (DataAccessException e) {
            throw new PullFailedException("the city database could not be read: " + ParserWords.withoutInput(e.getMostSpecificCause().getMessage()), e);
        }
        if (records.isEmpty()) {
            return new PulledPage(records, null, false);
        }
        return new PulledPage(records, json.writeValueAsString(last), records.size() >= settings.pageSize());
    }

    private ObjectNode row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        ObjectNode row = json.createObjectNode();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i);
            Object value = rs.getObject(i);
            if (value == null) {
                row.putNull(label);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                row.put(label, ((Number) value).longValue());
            } else if (value instanceof BigDecimal d) {
                row.put(label, d);
            } else if (value instanceof Double || value instanceof Float) {
                row.put(label, ((Number) value).doubleValue());
            } else if (value instanceof Boolean b) {
                row.put(label, b);
            } else {
                row.put(label, rs.getString(i)); // dates and times in the database's own text form
            }
        }
        return row;
    }

    private static String watermarkValue(ResultSet rs, String column) throws SQLException {
        int index;
        try {
            index = rs.findColumn(column);
        } catch (SQLException e) {
            throw new PullFailedException("the query's rows have no watermark column '" + column + "'");
        }
        String value = rs.getString(index);
        if (value == null) {
            throw new PullFailedException("a row has no value in the watermark column '" + column
                    + "'; the query must leave such rows out");
        }
        return value;
    }

    private Map<String, String> decode(String watermark) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            json.readTree(watermark).properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
            return values;
        } catch (JacksonException e) {
            throw new PullFailedException("the stored watermark is not a JSON object of column values: " + watermark);
        }
    }
}
