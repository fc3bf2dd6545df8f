import Testing

/// Every suite of the reconciliation stage, nested here so that
/// `swift test --filter Reconciliation` runs them all.
@Suite("Reconciliation")
enum ReconciliationTests {}
