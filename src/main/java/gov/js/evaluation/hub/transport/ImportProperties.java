package gov.js.evaluation.hub.transport;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of file imports and pulls ({@code hub.imports.*}).
 *
 * @param progressEvery log a running import's counts every this many records
 * @param keepRecent    how many finished imports GET /api/v1/imports still lists
 */
@ConfigurationProperties("hub.imports")
public record ImportProperties(@DefaultValue("10000") int progressEvery, @DefaultValue("100") int keepRecent) {
}
