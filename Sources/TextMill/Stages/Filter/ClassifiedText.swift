/// A text as Unicode scalars with each scalar's `ScalarClass` beside it, decoded from UTF-8 in
/// one pass: the filter's tokenizer and rules read a class by index instead of looking
/// properties up again for every word.
///
/// Indexes and lengths count scalars (Python's `len`), as datatrove does.
struct ClassifiedText {
    /// The scalars.
    let scalars: [Unicode.Scalar]
    /// The class of each scalar.
    let classes: [ScalarClass]

    /// Decodes `bytes`: ASCII a byte at a time through a table, other scalars classified from
    /// the Basic Multilingual Plane table or computed. Bytes that are not valid UTF-8 are
    /// decoded as `String(decoding:as:)` repairs them (U+FFFD for each bad sequence).
    init(utf8 bytes: [UInt8]) {
        if let decoded = Self.decodeValid(bytes) {
            self = decoded
        } else {
            self.init(Array(String(decoding: bytes, as: UTF8.self).unicodeScalars))
        }
    }

    /// Classifies `scalars`.
    init(_ scalars: [Unicode.Scalar]) {
        let table = ScalarClass.basicPlane
        self.scalars = scalars
        classes = scalars.map { $0.value < 0x10000 ? table[Int($0.value)] : ScalarClass.compute($0) }
    }

    private init(scalars: [Unicode.Scalar], classes: [ScalarClass]) {
        self.scalars = scalars
        self.classes = classes
    }

    /// The decoded text, or nil when `bytes` hold a sequence that is not valid UTF-8.
    private static func decodeValid(_ bytes: [UInt8]) -> ClassifiedText? {
        let table = ScalarClass.basicPlane
        var scalars: [Unicode.Scalar] = []
        var classes: [ScalarClass] = []
        scalars.reserveCapacity(bytes.count)
        classes.reserveCapacity(bytes.count)
        let valid: Bool = bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    scalars.append(Unicode.Scalar(c))
                    classes.append(table[Int(c)])
                    i += 1
                    continue
                }
                // Lead byte: sequence length and the allowed range of the second byte.
                guard let (need, lo, hi) = UTF8Bytes.sequence(lead: c) else { return false }
                guard i + need < n, b[i + 1] >= lo, b[i + 1] <= hi else { return false }
                var value = UInt32(c) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
                for k in 1...need {
                    let next = b[i + k]
                    guard next & 0xC0 == 0x80 else { return false }
                    value = value << 6 | UInt32(next & 0x3F)
                }
                guard let scalar = Unicode.Scalar(value) else { return false }
                scalars.append(scalar)
                classes.append(value < 0x10000 ? table[Int(value)] : ScalarClass.compute(scalar))
                i += need + 1
            }
            return true
        }
        return valid ? ClassifiedText(scalars: scalars, classes: classes) : nil
    }

    /// Number of scalars.
    var count: Int { scalars.count }
    var isEmpty: Bool { scalars.isEmpty }

    /// The scalar at `i`.
    @inline(__always)
    subscript(i: Int) -> Unicode.Scalar { scalars[i] }

    /// The scalars in `r`.
    @inline(__always)
    subscript(r: Range<Int>) -> ArraySlice<Unicode.Scalar> { scalars[r] }

    /// The class of the scalar at `i`.
    @inline(__always)
    func cls(_ i: Int) -> ScalarClass { classes[i] }

    /// Whether some scalar in `r` has all of `flags`.
    @inline(__always)
    func any(_ r: Range<Int>, _ flags: ScalarClass) -> Bool {
        for i in r where classes[i].contains(flags) { return true }
        return false
    }

    /// Whether every scalar in `r` has all of `flags`.
    @inline(__always)
    func all(_ r: Range<Int>, _ flags: ScalarClass) -> Bool {
        for i in r where !classes[i].contains(flags) { return false }
        return true
    }
}
