package gov.js.evaluation.hub.transport;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of file imports and pulls ({@code hub.imports.*}).
 *
 * @param progressEvery a running import (inbox file, pull) logs its counts every this many records
 * @param keepRecent    finished imports GET /api/v1/imports still lists (per hub instance, in memory)
 */
public record ImportProperties(@DefaultValue("10000") @Min(1) int progressEvery, @DefaultValue("100") @Min(0) int keepRecent) {
}
