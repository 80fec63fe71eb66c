/// Where the quote tokenizer writes tokens: a buffer of its own, moved into the token array
/// when it is full and when the sink is done (one sink a document in `QuoteAnalysis`). A token is
/// written with a store and a count: an append to the array itself checks, at every token, that
/// its storage is unshared (a call into the runtime) and has room.
struct TokenSink {
    /// The tokens moved out of the buffer so far, after those the array held before.
    private(set) var tokens: [Token] = []
    private let buffer: UnsafeMutablePointer<Token>
    private let capacity: Int
    /// Tokens in the buffer, not yet moved to `tokens`.
    private var buffered = 0

    /// All the tokens so far: the array's and the buffer's (the index the next token gets).
    var count: Int { tokens.count + buffered }
    /// How many of the tokens written through the sink are quotation marks (`QuoteAnalysis`
    /// pairs marks only in the paragraphs that have some).
    private(set) var marks = 0

    /// How many tokens the buffer holds (24 bytes each; larger than the stack allocation limit of
    /// `withUnsafeTemporaryAllocation`, so it is one heap allocation a sink unless one is lent:
    /// `TokenSink.Buffer`).
    static let bufferTokens = 256

    private init(buffer: UnsafeMutablePointer<Token>, capacity: Int) {
        self.buffer = buffer
        self.capacity = capacity
    }

    /// A sink's buffer that outlives the sink, so that one sink after another (a document after
    /// another, `QuoteBuffers.tokenSink`) writes into the same memory instead of allocating and
    /// freeing 6 KB each.
    final class Buffer {
        let tokens = UnsafeMutableBufferPointer<Token>.allocate(capacity: TokenSink.bufferTokens)

        deinit { tokens.deallocate() }
    }

    /// Runs `body` with a sink whose tokens go after those of `tokens`; `tokens` holds them all
    /// when it returns. With `buffer`, the sink writes there (only one sink at a time may use a
    /// buffer); without, into memory of its own.
    static func writing<Result>(into tokens: inout [Token], buffer: Buffer? = nil, _ body: (inout TokenSink) -> Result) -> Result {
        guard let buffer else {
            return withUnsafeTemporaryAllocation(of: Token.self, capacity: bufferTokens) { own in
                writing(into: &tokens, own, body)
            }
        }
        return writing(into: &tokens, buffer.tokens, body)
    }

    private static func writing<Result>(into tokens: inout [Token], _ buffer: UnsafeMutableBufferPointer<Token>,
                                        _ body: (inout TokenSink) -> Result) -> Result {
        var sink = TokenSink(buffer: buffer.baseAddress!, capacity: buffer.count)
        swap(&sink.tokens, &tokens)
        let result = body(&sink)
        sink.flush()
        swap(&sink.tokens, &tokens)
        return result
    }

    /// Adds a token after the others.
    @inline(__always) mutating func append(_ token: Token) {
        if buffered == capacity { flush() }
        (buffer + buffered).initialize(to: token)
        buffered &+= 1
        if token.kind == .mark { marks &+= 1 }
    }

    /// The token added last (there must be one: only the tokenizer's step that has just added
    /// a token reads or changes it).
    var last: Token {
        @inline(__always) get { buffer[buffered - 1] }
        @inline(__always) set { buffer[buffered - 1] = newValue }
    }

    /// Moves the buffer's tokens to `tokens`.
    @inline(never) private mutating func flush() {
        tokens.append(contentsOf: UnsafeBufferPointer(start: buffer, count: buffered))
        buffered = 0
    }
}
