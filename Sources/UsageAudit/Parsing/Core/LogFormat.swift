/// A log format, compiled from the configuration, that makes one parser per input.
///
/// Implementations: `TemplateLogFormat` (presets and nginx / Apache format strings),
/// `JSONLogFormat` (one object per line) and `W3CLogFormat` (`#Fields:` headers).
public protocol LogFormat: Sendable {
    /// The catalog of named fields this format's parsers fill, including every name in
    /// `names` (the fields the configuration refers to as `field:NAME`).
    /// - Throws: `FormatError.unknownField` when the format cannot provide one of them.
    func fieldCatalog(requesting names: [String]) throws(FormatError) -> FieldCatalog

    /// A new parser for one input. `calendar` converts times written without a UTC offset.
    func makeParser(fields: FieldCatalog, calendar: ZonedCalendar) -> any LineParser
}
