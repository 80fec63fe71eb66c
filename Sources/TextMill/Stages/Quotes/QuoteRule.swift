/// A named rule of the `quotes` stage: what it accepts, rejects or attributes, and why.
///
/// Rules are listed in the order they apply in `QuoteRules.all`; the explanation trace
/// (`QuoteExtractor.explain`, `textmill-bench quotes --explain FILE`) names them per candidate.
public struct QuoteRule: Sendable, Hashable, CustomStringConvertible {
    /// What a rule does to a candidate quotation.
    public enum Effect: String, Sendable {
        /// Makes a candidate a quotation of a kind.
        case accepts
        /// Drops a candidate, or its speaker.
        case rejects
        /// Gives a candidate its speaker, cue or content.
        case attributes
    }

    /// The rule's name, in kebab case ("scare-quote").
    public let name: String
    public let effect: Effect
    /// What the rule decides and why, in one sentence.
    public let summary: String

    public var description: String { name }
}

/// Which rules made, rejected or attributed each candidate of one document, filled only when
/// an explanation is asked for (the stage itself runs with none).
///
/// It keeps the steps of the first `keptCandidates` candidates it meets and counts the steps of
/// the others, so that explaining a document of tens of thousands of quotations takes the
/// memory of a few thousand (`textmill explain quotes` once took 225× its document's size).
final class QuoteTrace {
    /// One rule applied to one candidate.
    struct Step {
        var candidate: Span
        var rule: QuoteRule
        /// What the rule found ("speaker: the embassy"), or empty.
        var note: String
    }

    /// The most candidates whose steps one trace keeps.
    static let keptCandidates = 2_000

    private(set) var steps: [Step] = []
    /// The candidates whose steps are kept.
    private var kept: Set<Span> = []
    /// Steps of candidates met after the first `keptCandidates`, counted and not kept.
    private(set) var leftOutSteps = 0
    /// The candidate being attributed, while it is: rules asked on its behalf (the cue-word
    /// rules) are recorded against it.
    var candidate: Span?
    /// Steps recorded with `recordOnce`, so a rule asked again about the same word is shown once.
    private var recorded: Set<String> = []

    /// True when the steps of `candidate` are kept (it is one of the first `keptCandidates`
    /// met); counts the step left out otherwise.
    private func keeps(_ candidate: Span) -> Bool {
        if kept.contains(candidate) { return true }
        if kept.count < Self.keptCandidates {
            kept.insert(candidate)
            return true
        }
        leftOutSteps += 1
        return false
    }

    func record(_ rule: QuoteRule, _ candidate: Span, _ note: @autoclosure () -> String = "") {
        guard keeps(candidate) else { return }
        steps.append(Step(candidate: candidate, rule: rule, note: note()))
    }

    /// Records a step for the current `candidate`, if any, unless the same step is recorded already.
    func recordOnce(_ rule: QuoteRule, _ note: String) {
        guard let candidate, keeps(candidate),
              recorded.insert("\(candidate.start) \(candidate.end) \(rule.name) \(note)").inserted else { return }
        steps.append(Step(candidate: candidate, rule: rule, note: note))
    }
}

extension QuoteAnalysis {
    /// Records that `rule` applied to the candidate `span` when a trace is on; free otherwise.
    @inline(__always)
    func note(_ rule: QuoteRule, _ span: Span, _ detail: @autoclosure () -> String = "") {
        if let trace { trace.record(rule, span, detail()) }
    }

    /// The words of tokens `first...last`, for trace notes.
    func words(_ first: Int, _ last: Int) -> String {
        let s = span(first, last)
        return String(decoding: UnsafeBufferPointer(rebasing: text[s.start..<s.end]), as: UTF8.self)
    }
}
