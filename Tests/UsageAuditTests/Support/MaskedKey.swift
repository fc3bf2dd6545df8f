import Crypto

/// The report label of an API key that `identity.keys` does not map, written here from
/// README's rule rather than taken from the tool: `key:` + the first six characters +
/// `…#` + the first four bytes of the key's SHA-256 in hex.
enum MaskedKey {
    static func label(_ key: String) -> String {
        let prefix = String(String.UnicodeScalarView(key.unicodeScalars.prefix(6)))
        let fingerprint = SHA256.hash(data: Array(key.utf8)).prefix(4).map { byte in
            String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }.joined()
        return "key:" + prefix + "…#" + fingerprint
    }
}
