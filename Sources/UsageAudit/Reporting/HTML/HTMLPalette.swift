/// The colours of `report.html`: the Okabe–Ito palette, which readers with any common form
/// of colour blindness can tell apart, used the same way on every page.
///
/// Scopes take their colour from their position in the configuration, so `geocoding` is the
/// same blue in every night's report; finding kinds and recommendation actions have fixed
/// colours. Colour is never the only cue: every coloured mark also carries its name (a
/// legend, a badge's text, an SVG `<title>`).
enum HTMLPalette {
    /// Okabe–Ito, in the order scopes use it (yellow last: it is faint on white).
    static let series = [
        "#0072B2",  // blue
        "#E69F00",  // orange
        "#009E73",  // bluish green
        "#CC79A7",  // reddish purple
        "#56B4E9",  // sky blue
        "#D55E00",  // vermillion
        "#F0E442",  // yellow
    ]
    /// The scope `other` (requests that match no scope rule).
    static let neutral = "#8C8C8C"
    /// Lines and dots that show use.
    static let use = "#0072B2"
    /// The light fill under a use line.
    static let useFill = "#CFE3F1"
    /// A limit line, and refused requests.
    static let limit = "#D55E00"
    /// The band marking the bucket a finding is about.
    static let highlight = "#F0E442"
    /// Axes, grid lines and their labels.
    static let grid = "#D9D9D9"
    static let axisText = "#4D4D4D"

    /// The colour of the scope at `index` in `scopeNames` (`other` is grey).
    static func scope(_ name: String, at index: Int) -> String {
        name == AuditConfiguration.otherScope ? neutral : series[index % series.count]
    }

    /// The colour of a finding kind, recommendation action or anomaly kind by its report
    /// name (`drift`, `spike`, `raise`, …); grey for names it does not know.
    static func kind(_ name: String) -> String {
        switch name {
        case "spike", "drift", "temporary_raise": return "#E69F00"
        case "near_limit", "stale_reset": return "#F0E442"
        case "limit_reached", "over_limit_served", "total_regression": return "#D55E00"
        case "new_heavy_user", "orphan_profile": return "#CC79A7"
        case "burst", "missing_profile": return "#56B4E9"
        case "blocked_under_limit", "raise": return "#0072B2"
        case "lower", "revert_to_default": return "#009E73"
        default: return neutral
        }
    }
}
