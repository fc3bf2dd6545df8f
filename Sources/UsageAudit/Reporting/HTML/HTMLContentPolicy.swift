import Crypto
import Foundation

/// The Content-Security-Policy of `report.html`, as a `<meta>` element: the page may load
/// nothing (no network, no files), and may run only its own script and style, named by
/// their SHA-256. Inline event handlers (`onerror=…`) and any other `<script>` are refused,
/// a second line of defence behind `HTMLEscaping`.
enum HTMLContentPolicy {
    /// The `<meta http-equiv="Content-Security-Policy">` element for the page's one style
    /// sheet and one script.
    static func meta(style: String, script: String) -> String {
        let policy = "default-src 'none'; style-src \(hashSource(of: style)); script-src \(hashSource(of: script)); "
            + "img-src 'none'; base-uri 'none'; form-action 'none'"
        return #"<meta http-equiv="Content-Security-Policy" content="\#(policy)">"#
    }

    /// `'sha256-…'`: the hash of `text`'s UTF-8 bytes in base64, as CSP names allowed inline
    /// code (the exact text between the tags).
    static func hashSource(of text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        return "'sha256-\(Data(digest).base64EncodedString())'"
    }
}
