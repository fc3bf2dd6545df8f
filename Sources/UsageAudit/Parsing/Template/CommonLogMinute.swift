/// The minute of the last common-log time that read (`10/Oct/2000:13:55:36 -0700`), so that
/// a time of the same minute and offset, which differs from it only in its two seconds
/// digits, is read from those two digits: most new times of a busy log are.
///
/// It gives exactly what reading the whole time gives. The date, hour, minute and offset
/// are the same bytes, so they read the same; seconds 0–60 count as the full read counts
/// them (60, a leap second, as 59) and the instant must be a supported one. Anything else
/// (other digits, a longer field, another minute) is left to the full read.
struct CommonLogMinute {
    private var time = TimeBytes()
    /// Where the seconds digits are in `time`, or -1 when no minute is held.
    private var secondsAt = -1
    /// The instant of second 0 of the minute.
    private var minuteStart: Int64 = 0

    /// Remembers the minute of `time`, a common-log time that read as `instant`.
    mutating func remember(_ time: UnsafeBufferPointer<UInt8>, instant: Int64) {
        secondsAt = -1
        // The seconds end the time of day, just before the space in front of the offset.
        guard time.count <= 32, let space = time.firstIndex(of: ASCII.space), space >= 2,
              let second = Self.seconds(time[space - 2], time[space - 1])
        else { return }
        self.time = TimeBytes(time)
        secondsAt = space - 2
        minuteStart = instant - Int64(min(second, 59))
    }

    /// The instant of `time` (whose bytes `held` holds, as the caller keeps them) when it
    /// is the remembered minute with other seconds, else nil.
    @inline(__always)
    func instant(of time: UnsafeBufferPointer<UInt8>, held: TimeBytes) -> Int64? {
        guard secondsAt >= 0, self.time.holds(held, ignoringTwoBytesAt: secondsAt),
              let second = Self.seconds(time[secondsAt], time[secondsAt + 1])
        else { return nil }
        let instant = minuteStart + Int64(min(second, 59))
        return TimeParts.supportedSeconds.contains(instant) ? instant : nil
    }

    /// The seconds two ASCII digits spell, if they are 0–60.
    @inline(__always)
    private static func seconds(_ tens: UInt8, _ ones: UInt8) -> Int? {
        let (high, low) = (tens &- ASCII.zero, ones &- ASCII.zero)
        guard high <= 9, low <= 9 else { return nil }
        let second = Int(high) * 10 + Int(low)
        return second <= 60 ? second : nil
    }
}
