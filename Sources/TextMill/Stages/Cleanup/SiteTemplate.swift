/// The text blocks that pages of one site share: a site's template (its author blurb, tagline,
/// disclaimer, "about this blog" box), learnt from the pages of a run before any of them is
/// cleaned. A block of text that stands on two or more pages of the same host is not any one
/// page's article; when a page's article is short, such a blurb otherwise wins on length alone.
///
/// A page's host comes from its canonical URL (`<link rel=canonical>`, `og:url`, JSON-LD, as in
/// `meta.url`); pages without one take no part. Blocks are compared on their lower-cased letters
/// and digits (a 64-bit hash), each counted once a page.
///
/// Deterministic and bounded: the result depends only on the set of pages, not on their order
/// or on how the work is split (`merge` adds two builders); at most `capacity` (site, block)
/// entries are kept. When more would be needed, only the entries whose hash has its low bits
/// zero are kept (one half, then one quarter, …): which entries survive depends only on the
/// hashes, so every order of the same pages keeps the same entries with exact counts.
public struct SiteTemplate: Sendable, Equatable {
    /// (site, block) key → number of pages that hold the block.
    private var pages: [UInt64: UInt32] = [:]
    /// Entries whose key has any of these bits set are not kept (0: all are).
    private var mask: UInt64 = 0
    /// Entries kept at most.
    public let capacity: Int

    /// Blocks shorter than this (bytes) are not counted: dates and labels are short anyway and
    /// never win the article on their own.
    static let minimumBlock = 30
    /// Blocks counted per page at most (the first ones in page order).
    static let blocksPerPage = 4096
    /// A block on at least this many pages of a host is template.
    static let minimumPages: UInt32 = 2

    /// An empty template keeping at most `capacity` entries (default about 1 M, 32 MB at most).
    public init(capacity: Int = 1 << 20) {
        self.capacity = max(1, capacity)
    }

    /// The number of (site, block) entries kept.
    public var count: Int { pages.count }

    /// Counts the blocks of one page (HTML as UTF-8, decoded as the readers do).
    /// Pages without a canonical host, and pages libxml2 cannot parse, are skipped.
    public mutating func learn(_ html: [UInt8], cleaner: HTMLCleaner) {
        guard let page = cleaner.templateKeys(html) else { return }
        add(site: page.site, blocks: page.blocks)
    }

    /// Adds the counts of another template built over other pages (a second thread's share).
    public mutating func merge(_ other: SiteTemplate) {
        narrow(to: other.mask)
        for (key, n) in other.pages where key & mask == 0 {
            pages[key, default: 0] += n
        }
        shrinkIfFull()
    }

    /// Whether the page of `site` holding a block with this key shares it with other pages.
    func isTemplate(site: UInt64, block: UInt64) -> Bool {
        let key = Self.key(site: site, block: block)
        return key & mask == 0 && (pages[key] ?? 0) >= Self.minimumPages
    }

    mutating func add(site: UInt64, blocks: Set<UInt64>) {
        for block in blocks {
            let key = Self.key(site: site, block: block)
            if key & mask == 0 { pages[key, default: 0] += 1 }
        }
        shrinkIfFull()
    }

    private mutating func narrow(to other: UInt64) {
        guard other & ~mask != 0 else { return }
        mask |= other
        pages = pages.filter { $0.key & mask == 0 }
    }

    private mutating func shrinkIfFull() {
        while pages.count > capacity {
            narrow(to: mask << 1 | 1)
        }
    }

    static func key(site: UInt64, block: UInt64) -> UInt64 {
        // Mixed so that the low bits used for thinning depend on both halves.
        var x = block ^ (site &* 0x9E37_79B9_7F4A_7C15)
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }

    /// FNV-1a over bytes: the hash of a host or of a block's normalized text.
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for c in bytes {
            h ^= UInt64(c)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// The lower-cased host of an absolute URL (`https://Example.org:8080/a` → `example.org`),
    /// nil when the URL is not absolute.
    static func host(_ url: String) -> [UInt8]? {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: 0x3A), colon > 0, colon + 2 < bytes.count,
              bytes[colon + 1] == 0x2F, bytes[colon + 2] == 0x2F else { return nil }
        var host: [UInt8] = []
        for c in bytes[(colon + 3)...] {
            if c == 0x2F || c == 0x3A || c == 0x3F || c == 0x23 { break }
            host.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
        }
        return host.isEmpty || host.count > 255 ? nil : host
    }
}

/// One page's view of a site template: which of its blocks the site's other pages share.
struct PageTemplate {
    let template: SiteTemplate
    let site: UInt64

    func isTemplate(_ block: UInt64) -> Bool {
        template.isTemplate(site: site, block: block)
    }
}
