/// The text of an explanation trace: the rules in the order they apply, then each candidate
/// quotation in text order with the rules that made, rejected or attributed it and what came out.
///
/// ```
/// “We are with people.”  [bytes 412..431]
///   + direct-clause          stands as a clause of its own: direct
///   = attribution-before     speaker: the door, cue: says
///   - things-never-speak     the door
///   => direct, no speaker, cue "says"
/// ```
///
/// Every piece of the document's text in it (excerpts, speakers, cues, names) has its control
/// characters escaped as messages escape names (`MessageText.escaped`): the trace goes to a
/// terminal, and a quotation holding ESC [2J cleared it (or a carriage return overwrote the line).
struct QuoteExplanation {
    let text: [UInt8]
    let steps: [QuoteTrace.Step]
    let quotes: [Quote]
    /// Steps of the candidates the trace did not keep (past `QuoteTrace.keptCandidates`).
    var leftOutSteps = 0

    /// Longest excerpt of a candidate shown, in characters.
    static let excerptLength = 90

    func render() -> String {
        var out = "rules, in the order they apply:\n"
        for (n, r) in QuoteRules.all.enumerated() {
            out += "  \(pad(String(n + 1), 3)) \(pad(r.name, 24)) \(pad(r.effect.rawValue, 11)) \(r.summary)\n"
        }
        // Candidates in text order, each with its steps in the order they were taken.
        var order: [Span] = []
        var byCandidate: [Span: [QuoteTrace.Step]] = [:]
        for step in steps {
            if byCandidate[step.candidate] == nil { order.append(step.candidate) }
            byCandidate[step.candidate, default: []].append(step)
        }
        let outcome = Dictionary(quotes.map { ($0.span, $0) }, uniquingKeysWith: { a, _ in a })
        out += "\ncandidates: \(order.count), quotations: \(quotes.count)\n"
        if leftOutSteps > 0 {
            out += "left out: \(leftOutSteps) steps of the candidates met after the first \(QuoteTrace.keptCandidates) (the trace keeps "
                + "that many, so a long document is explained in bounded memory); to see them, explain a part of the document\n"
        }
        for span in order.sorted(by: { $0.start != $1.start ? $0.start < $1.start : $0.end < $1.end }) {
            out += "\n\(excerpt(span))  [bytes \(span.start)..<\(span.end)]\n"
            for step in byCandidate[span] ?? [] {
                let mark = step.rule.effect == .accepts ? "+" : step.rule.effect == .rejects ? "-" : "="
                out += "  \(mark) \(pad(step.rule.name, 24)) \(step.note.isEmpty ? step.rule.summary : MessageText.escaped(step.note))\n"
            }
            if let q = outcome[span] {
                let speaker = q.speaker.map { s -> String in
                    var w = "speaker \"\(string(s.span))\""
                    if let r = s.resolvedFrom { w += " (from \"\(string(r))\")" }
                    if let e = s.entity {
                        if let id = e.id, let name = e.name { w += " entity \(id) \"\(MessageText.escaped(name))\"" } else { w += e.isDocument ? " document" : " unresolved" }
                    }
                    return w
                } ?? "no speaker"
                let cue = q.cue.map { "cue \"\(string($0.span))\"" } ?? "no cue"
                out += "  => \(q.kind.rawValue), \(speaker), \(cue)\n"
            } else {
                out += "  => dropped\n"
            }
        }
        return out
    }

    /// The span's text as the trace shows it: escaped.
    private func string(_ s: Span) -> String {
        MessageText.escaped(raw(s))
    }

    private func raw(_ s: Span) -> String {
        let a = max(0, min(s.start, text.count)), b = max(a, min(s.end, text.count))
        return String(decoding: text[a..<b], as: UTF8.self)
    }

    /// The span's words joined by single spaces, cut after `excerptLength` characters: read only
    /// as far as that (a candidate may be a quotation of megabytes).
    private func excerpt(_ s: Span) -> String {
        var words = ""
        var count = 0
        var spaceDue = false
        for c in raw(s) {
            if c == "\n" || c == " " || c == "\t" {
                spaceDue = count > 0
                continue
            }
            if spaceDue {
                words.append(" ")
                count += 1
                spaceDue = false
            }
            words.append(c)
            count += 1
            if count > Self.excerptLength { break }
        }
        let short = count > Self.excerptLength ? String(words.prefix(Self.excerptLength)) + "…" : words
        return "“" + MessageText.escaped(short) + "”"
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
