import Foundation

/// The work between reading and writing, cut into ops and segments. Every item (a raw input, a
/// decoded document or failure, a file's end) goes through every op of every segment in order;
/// an op that has nothing to do with an item passes it on unchanged. Items travel in batches,
/// and a batch goes through the ops stage by stage, `stageMajorItems` items at a time
/// (`apply(_:to:in:pipeline:reader:)`).
extension Runner {
    /// One piece of per-item work.
    enum Op: Sendable {
        case decode
        case stages(Range<Int>)
        case prepare(Int)
        case corpus(Int)
        /// The per-document half of a corpus stage (`MapSideStage`), on the map side.
        case mapSide(Int)
        case encode
        /// Framed output lines of the map side (with `values`, and the values file's bytes).
        case encodeFramed(values: Bool)
    }

    /// A run of ops that may run on several threads, or one corpus stage.
    struct Segment: Sendable {
        var ops: [Op]
        var parallel: Bool
    }

    /// decode → document stages (and the `prepare` of each corpus stage) → corpus stage → … → encode.
    /// On the map side every step is per-document: one parallel segment.
    static func segments(for pipeline: Pipeline, mapSide: Bool = false, values: Bool = false) -> [Segment] {
        if mapSide {
            let ops: [Op] = [.decode] + pipeline.steps.indices.map { k in
                pipeline.steps[k].traits.scope == .corpus ? .mapSide(k) : .stages(k..<(k + 1))
            } + [.encodeFramed(values: values)]
            return [Segment(ops: ops, parallel: true)]
        }
        var out: [Segment] = []
        var current: [Op] = [.decode]
        var start = 0
        for (k, step) in pipeline.steps.enumerated() where step.traits.scope == .corpus {
            if k > start { current.append(.stages(start..<k)) }
            current.append(.prepare(k))
            out.append(Segment(ops: current, parallel: true))
            out.append(Segment(ops: [.corpus(k)], parallel: false))
            current = []
            start = k + 1
        }
        if start < pipeline.steps.count { current.append(.stages(start..<pipeline.steps.count)) }
        current.append(.encode)
        out.append(Segment(ops: current, parallel: true))
        return out
    }

    /// How many items of a batch go through one stage before the next stage starts: enough that a
    /// stage's code and tables are brought into the caches once for many documents (one at a
    /// time, every stage in turn, each took them back for every document), few enough that the
    /// documents held between stages stay a few hundred KB (64 raised a run's peak memory by 1 MB).
    static let stageMajorItems = 16

    /// Applies `ops` to the items `range` of a batch (all of it by default), stage-major: each
    /// op, and each stage of a `.stages` run, goes over `stageMajorItems` items before the next
    /// op starts on them; then the next items. Each stage sees the documents in input order, and
    /// each item meets the same ops in the same order as when taken through them alone: a
    /// document a stage fails or routes away meets no later stage (`Pipeline.process`), and a
    /// file's end reaches a corpus stage after the documents before it and before those after.
    static func apply(_ ops: [Op], to batch: inout [Flowing], in range: Range<Int>? = nil, pipeline: Pipeline, reader: SourceReader) {
        let range = range ?? batch.indices
        var start = range.lowerBound
        while start < range.upperBound {
            let items = start..<min(start + stageMajorItems, range.upperBound)
            for op in ops {
                if case .stages(let steps) = op {
                    for k in steps {
                        for i in items { apply(.stages(k..<(k + 1)), to: &batch[i], pipeline: pipeline, reader: reader) }
                    }
                } else {
                    for i in items { apply(op, to: &batch[i], pipeline: pipeline, reader: reader) }
                }
            }
            start = items.upperBound
        }
    }

    /// Applies one op to one item in flight.
    ///
    /// The item is moved out of `f` while the op works on it (`Flowing.take`), so a stage holds
    /// the only reference to the document's arrays: changing them in place copies nothing.
    static func apply(_ op: Op, to f: inout Flowing, pipeline: Pipeline, reader: SourceReader) {
        switch f.flow {
        case .raw:
            // Only decoding looks at raw input; it always comes first.
            guard case .decode = op, case .raw(let raw) = f.take() else { return }
            let isFile: Bool
            if case .file = raw { isFile = true } else { isFile = false }
            // The document is looked at where it is bound (a `case .document(let d) = item` test
            // beside it copied the whole document, a retain for every field, and freed it).
            switch reader.decode(raw) {
            case .document(let d):
                if isFile { f.sha256 = d.source.sha256 }
                if !d.scratch.isEmpty, let moved = d.scratch[InputFields.key] as? InputFields {
                    pipeline.stats.recordInputFields(moved.names, repeated: moved.repeated)
                }
                f.flow = .item(.document(d))
            case .failure(let e):
                // A whole file that fails (invalid UTF-8, a binary file) was read all the same:
                // its hash goes to the manifest as a document's does. Without it, a failed file
                // whose identity was taken racily (`FileEntry.recheck`) matched no hash at the
                // next run, and was read again and called changed, its bytes the same.
                if case .file(_, let bytes) = raw { f.sha256 = SHA256.hex(bytes) }
                f.flow = .item(.failure(e))
            }
        case .item:
            guard case .item(let item) = f.take() else { return }
            f.flow = work(op, on: consume item, sha256: f.sha256, pipeline: pipeline)
        case .moved:
            return
        case .fileEnd:
            // A file's end is where a persistent corpus stage saves its state for a checkpoint.
            // Every other op passes it on untouched (not bound, so not copied, op after op).
            guard case .corpus(let k) = op, let stage = pipeline.steps[k].stage as? PersistentStage,
                  case .fileEnd(var mark) = f.take() else { return }
            if mark.checkpoint {
                if let token = try? stage.checkpoint() {
                    mark.tokens["\(pipeline.steps[k].index)"] = token
                } else {
                    mark.stateUnsaved = true
                }
            }
            f.flow = .fileEnd(mark)
        case .encoded:
            // Finished lines only travel on to the writer.
            return
        }
    }

    /// What `op` makes of a decoded document or failure.
    private static func work(_ op: Op, on item: consuming WorkItem, sha256: String?, pipeline: Pipeline) -> Flow {
        switch op {
        case .decode: return .item(item)
        case .stages(let range): return .item(pipeline.process(consume item, steps: range))
        case .prepare(let k): return .item(pipeline.prepare(consume item, step: k))
        case .corpus(let k): return .item(pipeline.process(consume item, steps: k..<(k + 1)))
        case .mapSide(let k): return .item(pipeline.mapSide(item, step: k))
        case .encodeFramed(let values):
            let kind: OutputKind
            if case .failure = item { kind = .errors } else { kind = .output }
            let framed = MapSideFraming.encode(item, values: values)
            return .encoded(kind, framed.line, nil, nil, side: framed.values)
        case .encode:
            switch item {
            case .failure(let e):
                return .encoded(.errors, RecordEncoder.encode(e), sha256, nil)
            case .document(let d):
                return .encoded(OutputKind(d.route), RecordEncoder.encode(d), sha256, WrittenID(id: d.id, path: d.source.path, record: d.source.record, marked: d.filtered != nil,
                                                                                                  heldByOutput: d.scratch[IDHeldByOutput.key] != nil, spelled: WrittenID.spelling(of: d)))
            }
        }
    }
}

extension OutputKind {
    /// The output a finished document goes to.
    init(_ route: Route) {
        switch route {
        case .output: self = .output
        case .duplicates: self = .duplicates
        case .filtered: self = .filtered
        }
    }
}

/// What travels between steps.
enum Flow: Sendable {
    case raw(RawInput)
    case item(WorkItem)
    /// A finished record line for one of the outputs, with the file's hash when known and the
    /// document's id (nil for failures and the map side).
    /// On the map side, `side` holds the document's bytes for the values file.
    case encoded(OutputKind, [UInt8], String?, WrittenID?, side: [UInt8]? = nil)
    case fileEnd(FileMark)
    /// Nothing: what was here is being worked on (`Flowing.take`).
    case moved
}

/// An item in flight with the budget it holds.
struct Flowing: Sendable {
    var flow: Flow
    var cost: Int
    var sha256: String?

    init(flow: Flow, cost: Int) {
        self.flow = flow
        self.cost = cost
    }

    /// Moves the flow out and leaves `.moved` in its place (a swap: no copy, no reference
    /// counting), so the caller holds the only reference to what it carries.
    mutating func take() -> Flow {
        var out = Flow.moved
        swap(&out, &flow)
        return out
    }
}

extension RawInput {
    var byteCount: Int {
        switch self {
        case .file(_, let b): return b.count
        case .line(_, let b, _): return b.count + 1
        case .warc(_, let p): return p.block.count
        }
    }
}

extension InputItem {
    var work: WorkItem {
        switch self {
        case .document(let d): return .document(d)
        case .failure(let e): return .failure(e)
        }
    }

    /// Bytes this item holds while in flight.
    var cost: Int {
        switch self {
        case .document(let d): return d.text.count + 256
        case .failure: return 256
        }
    }
}

