package gov.js.evaluation.hub.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rectification cases ({@code hub.cases.*}).
 *
 * @param openAtOrBelow a stored rating whose satisfaction is at or below this level opens a rectification case (1 very
 *                      dissatisfied … 5 very satisfied; the programme's bad ratings are 1 and 2)
 */
public record CasesProperties(@DefaultValue("2") @Min(1) @Max(5) int openAtOrBelow) {
}
