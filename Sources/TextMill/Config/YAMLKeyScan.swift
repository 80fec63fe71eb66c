internal import CYaml

/// Finds the first map key in YAML text that is a list or a map, written out or through an alias,
/// from libyaml's events alone, before Yams builds the tree.
///
/// A config's keys are words (top-level keys, stage names, option names, `env` names), so such a
/// key is always an error; but Yams hashes and compares every key of a map whole to find
/// duplicates, aliases expanded, and an alias of a list of aliases of lists ("billion laughs")
/// made that cost grow tenfold with each level: a 539-byte config took 30 CPU seconds, and one
/// of 600 bytes would have run for hours. The scan reads each event once and expands nothing.
enum YAMLKeyScan {
    /// A map key that is no scalar, with its 1-based position.
    struct ComplexKey: Equatable {
        let line: Int
        let column: Int
        /// "a list" or "a map".
        let kind: String
        /// The alias the key was written as (`a8` of `*a8`), nil for a list or map written out.
        let alias: String?
    }

    /// Where the scan stands inside one collection.
    private enum Frame {
        case sequence
        /// A map, and whether its next node is a key.
        case mapping(nextIsKey: Bool)
    }

    /// The first key that is a list or a map, or nil when there is none or the text is not YAML
    /// (Yams then reports the YAML error at its place).
    static func firstComplexKey(in yaml: String) -> ComplexKey? {
        var bytes = Array(yaml.utf8)
        if bytes.isEmpty { return nil }
        return bytes.withUnsafeMutableBufferPointer { buffer -> ComplexKey? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var frames: [Frame] = []
            /// The kind of node each anchor names: "a list", "a map", or nil for a scalar.
            var anchors: [String: String?] = [:]
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let type = event.type
                if type == YAML_STREAM_END_EVENT { return nil }
                let isNode = type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT
                    || type == YAML_MAPPING_START_EVENT || type == YAML_ALIAS_EVENT
                if isNode, case .mapping(let nextIsKey)? = frames.last {
                    frames[frames.count - 1] = .mapping(nextIsKey: !nextIsKey)
                    if nextIsKey, let found = complexKey(event, anchors: anchors) { return found }
                }
                switch type {
                case YAML_SCALAR_EVENT:
                    if let name = text(event.data.scalar.anchor) { anchors[name] = .some(nil) }
                case YAML_SEQUENCE_START_EVENT:
                    if let name = text(event.data.sequence_start.anchor) { anchors[name] = "a list" }
                    frames.append(.sequence)
                case YAML_MAPPING_START_EVENT:
                    if let name = text(event.data.mapping_start.anchor) { anchors[name] = "a map" }
                    frames.append(.mapping(nextIsKey: true))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if !frames.isEmpty { frames.removeLast() }
                default:
                    break
                }
            }
        }
    }

    /// The key `event` starts, when it is a list or a map (or an alias of one).
    private static func complexKey(_ event: yaml_event_t, anchors: [String: String?]) -> ComplexKey? {
        let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_SEQUENCE_START_EVENT: return ComplexKey(line: line, column: column, kind: "a list", alias: nil)
        case YAML_MAPPING_START_EVENT: return ComplexKey(line: line, column: column, kind: "a map", alias: nil)
        case YAML_ALIAS_EVENT:
            guard let name = text(event.data.alias.anchor), let named = anchors[name], let kind = named else { return nil }
            return ComplexKey(line: line, column: column, kind: kind, alias: name)
        default: return nil
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
