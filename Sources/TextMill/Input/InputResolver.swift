import Foundation

/// One source file to read, or stdin.
public struct InputFile: Sendable, Hashable {
    /// The path as the record's `id` and `source.path` show it ("input/a.txt"), or "-" for stdin.
    public var path: String
    public var format: SourceFormat
    /// True when the file is gzip-compressed (`.gz`).
    public var gzip: Bool

    public init(path: String, format: SourceFormat, gzip: Bool = false) {
        self.path = path
        self.format = format
        self.gzip = gzip
    }

    public var isStdin: Bool { path == "-" }
}

/// A problem with the inputs the user named (exit status 2: nothing is read).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Expands the config's inputs (files, directories, globs, "-") into an ordered list of files.
///
/// Directories are walked recursively in byte order of their paths; hidden files and folders
/// (names starting with ".") are skipped, and so are the run's own output files. The format comes
/// from the extension (`.txt`, `.html`/`.htm`, `.xml`/`.rss`/`.atom`, `.jsonl`/`.ndjson`, each
/// optionally `.gz`); other files are read as text, and refused there if they are binary.
public struct InputResolver {
    /// Paths never to read (the run's own outputs).
    public var excluded: Set<String> = []
    /// Globs that matched nothing, reported as warnings.
    public private(set) var warnings: [String] = []

    public init(excluding: [String] = []) {
        excluded = Set(excluding.filter { $0 != "-" }.map { InputResolver.normalize($0) })
    }

    public mutating func resolve(_ inputs: [String]) throws(InputError) -> [InputFile] {
        var files: [InputFile] = []
        var seen: Set<String> = []
        for input in inputs {
            for file in try expand(input) where !excluded.contains(file.path) && seen.insert(file.path).inserted {
                files.append(file)
            }
        }
        return files
    }

    private mutating func expand(_ input: String) throws(InputError) -> [InputFile] {
        if input == "-" { return [InputFile(path: "-", format: .jsonl)] }
        if InputResolver.isGlob(input) {
            let matches = InputResolver.glob(input)
            if matches.isEmpty { warnings.append("no file matches '\(input)'") }
            return matches.flatMap { walk(InputResolver.normalize($0)) }
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
            throw InputError(message: "input '\(input)' does not exist (check the path, or quote a glob such as 'input/*.txt')")
        }
        return walk(InputResolver.normalize(input))
    }

    /// The files under a path (the path itself if it is a file), sorted.
    private func walk(_ path: String) -> [InputFile] {
        var st = stat()
        guard stat(path, &st) == 0 else {
            // A dangling link or a file that vanished: keep it, the reader reports it.
            return [InputFile.classify(path)]
        }
        if (st.st_mode & S_IFMT) != S_IFDIR { return [InputFile.classify(path)] }
        var out: [InputFile] = []
        for (name, isDirectory) in InputResolver.entries(path) where !name.hasPrefix(".") {
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            if excluded.contains(child) { continue }
            if isDirectory == false { out.append(InputFile.classify(child)) } else { out += walk(child) }
        }
        return out
    }

    /// The names in a folder in byte order, with whether each is a folder (nil: ask stat).
    static func entries(_ path: String) -> [(String, Bool?)] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var out: [(String, Bool?)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            out.append((name, type == UInt8(DT_DIR) ? true : type == UInt8(DT_REG) ? false : nil))
        }
        return out.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }

    /// Removes "./" prefixes and doubled slashes so the same file always gets the same id.
    public static func normalize(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        while p.contains("//") { p = p.replacingOccurrences(of: "//", with: "/") }
        if p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    static func isGlob(_ s: String) -> Bool { s.contains("*") || s.contains("?") || s.contains("[") }

    /// Expands a glob: `*`, `?` and `[…]` inside one path component, `**` across directories.
    static func glob(_ pattern: String) -> [String] {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var results: [String] = []
        func join(_ base: String, _ name: String) -> String {
            base.isEmpty ? name : (base.hasSuffix("/") ? base + name : base + "/" + name)
        }
        func children(_ dir: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted()
        }
        func isDirectory(_ p: String) -> Bool {
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: p.isEmpty ? "." : p, isDirectory: &d) && d.boolValue
        }
        func match(_ base: String, _ k: Int) {
            if k == parts.count { results.append(base); return }
            let part = parts[k]
            if part.isEmpty { match(base, k + 1); return }
            if part == "**" {
                match(base, k + 1)
                for name in children(base) where isDirectory(join(base, name)) { match(join(base, name), k) }
                return
            }
            if !isGlob(part) {
                let next = join(base, part)
                if k == parts.count - 1 ? FileManager.default.fileExists(atPath: next) : isDirectory(next) { match(next, k + 1) }
                return
            }
            for name in children(base) where fnmatch(part, name, 0) == 0 { match(join(base, name), k + 1) }
        }
        match(pattern.hasPrefix("/") ? "/" : "", 0)
        return Array(Set(results)).sorted()
    }
}

extension InputFile {
    /// The format of a file from its name.
    public static func classify(_ path: String) -> InputFile {
        var name = (path as NSString).lastPathComponent.lowercased()
        var gzip = false
        if name.hasSuffix(".gz") { gzip = true; name.removeLast(3) }
        let ext = (name as NSString).pathExtension
        let format: SourceFormat
        switch ext {
        case "html", "htm", "xhtml", "shtml": format = .html
        case "xml", "rss", "atom": format = .xml
        case "jsonl", "ndjson": format = .jsonl
        default: format = .text
        }
        return InputFile(path: path, format: format, gzip: gzip)
    }
}
