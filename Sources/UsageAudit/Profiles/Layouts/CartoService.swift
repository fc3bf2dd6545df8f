/// The geo platform's metered services and the scope each one is audited as.
///
/// The names are those of CARTO's user API blocks (`Carto::Api::UserPresenter`) and of
/// its Rails `User` fields (`<service>_quota`, `soft_<service>_limit`,
/// `<service>_block_price`). The scope is the name a configuration would give the
/// service's `[[scope]]`; change it here, in this one table.
struct CartoService: Sendable {
    /// The platform's name: the JSON block key and the field name stem.
    let key: String
    /// The scope the profile is filed under.
    let scope: String

    static let all: [CartoService] = [
        CartoService(key: "geocoding", scope: "geocoding"),
        CartoService(key: "here_isolines", scope: "isolines"),
        CartoService(key: "mapzen_routing", scope: "routing"),
        CartoService(key: "obs_snapshot", scope: "obs_snapshot"),
        CartoService(key: "obs_general", scope: "obs_general"),
    ]

    /// Flat field: the quota (`geocoding_quota`).
    var quotaField: String { "\(key)_quota" }
    /// Flat field: the soft-limit flag (`soft_geocoding_limit`).
    var softLimitField: String { "soft_\(key)_limit" }
    /// Flat field: the block price (`geocoding_block_price`).
    var blockPriceField: String { "\(key)_block_price" }
    /// Flat field: this cycle's use (`geocoding_monthly_use`), the JSON block's
    /// `monthly_use` written flat. The platform computes it rather than storing it, so this
    /// name is usage-audit's convention for flat exports.
    var monthlyUseField: String { "\(key)_monthly_use" }
}
