import Crypto

/// Builds the user label of a request into a reusable byte buffer: a user name,
/// `key:PREFIX…#FINGERPRINT` for an unknown API key, or `ip:ADDRESS`.
enum UserLabel {
    /// How many characters of an unmapped key a report may show.
    static let keyPrefixLength = 6

    /// How many of the first characters of a key of `count` characters a quoted log line
    /// shows: six, or half of a key of six or fewer (so that no key shows whole there).
    static func shownPrefixLength(ofKeyWith count: Int) -> Int {
        count > keyPrefixLength ? keyPrefixLength : count / 2
    }
    /// How many bytes of the key's SHA-256 its label shows (as hex): two keys that start
    /// alike stay two users.
    static let fingerprintBytes = 4
    static let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]

    /// The label of an unmapped key as text (`masked(_:into:)`).
    static func masked(_ key: String) -> String {
        var label: [UInt8] = []
        Array(key.utf8).withUnsafeBufferPointer { maskedKey($0, into: &label) }
        return String(decoding: label, as: UTF8.self)
    }

    /// `key:` + at most the first six characters of `key` + `…#` + the first four bytes of
    /// the key's SHA-256 in hex (`key:sk_liv…#3f9a1c07`): keys that share their first
    /// characters are not counted as one user. A key of six characters or fewer shows
    /// whole: the label is the user's name in state stores, and changing it would split
    /// their history (quoted log lines show half of such a key, `SecretRedactor`).
    static func maskedKey(_ key: UnsafeBufferPointer<UInt8>, into label: inout [UInt8]) {
        label.removeAll(keepingCapacity: true)
        label.append(contentsOf: [0x6B, 0x65, 0x79, 0x3A]) // "key:"
        var characters = 0
        var index = 0
        while index < key.count, characters < keyPrefixLength {
            // Copy whole UTF-8 sequences so that the prefix stays valid text, but never more
            // continuation bytes than the lead byte announces: stray ones are characters of
            // their own, so invalid bytes cannot smuggle a whole key into the label.
            let length = key[index] >= 0xF0 ? 4 : key[index] >= 0xE0 ? 3 : key[index] >= 0xC0 ? 2 : 1
            var end = index + 1
            while end < key.count, end - index < length, key[end] & 0xC0 == 0x80 { end += 1 }
            label.append(contentsOf: UnsafeBufferPointer(rebasing: key[index..<end]))
            characters += 1
            index = end
        }
        label.append(contentsOf: ellipsis)
        label.append(UInt8(ascii: "#"))
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in SHA256.hash(data: UnsafeRawBufferPointer(key)).prefix(fingerprintBytes) {
            label.append(digits[Int(byte >> 4)])
            label.append(digits[Int(byte & 0x0F)])
        }
    }

    /// `ip:` + the address without a `:port` suffix (`[v6]:port` → `v6`).
    static func address(_ address: UnsafeBufferPointer<UInt8>, into label: inout [UInt8]) {
        label.removeAll(keepingCapacity: true)
        label.append(contentsOf: [0x69, 0x70, 0x3A]) // "ip:"
        var start = 0
        var end = address.count
        if end > 0, address[0] == 0x5B { // "[v6]:port"
            start = 1
            end = start
            while end < address.count, address[end] != 0x5D { end += 1 }
        } else {
            var colons = 0
            var lastColon = -1
            for index in 0..<address.count where address[index] == ASCII.colon {
                colons += 1
                lastColon = index
            }
            if colons == 1 { end = lastColon }
        }
        label.append(contentsOf: UnsafeBufferPointer(rebasing: address[start..<end]))
    }
}
